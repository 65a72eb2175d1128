-- Where the weighted population came from, which may differ from where the registered count came from
-- (list_size.source): the weighted figure of 1 January 2021 comes from NHS Payments to General Practice, the
-- registered count from NHS Digital's list-size extract.
ALTER TABLE list_size ADD COLUMN weighted_source VARCHAR(40);
UPDATE list_size SET weighted_source = source WHERE weighted_population IS NOT NULL;
ALTER TABLE list_size ADD CONSTRAINT weighted_source_with_figure
    CHECK ((weighted_population IS NULL) = (weighted_source IS NULL));
