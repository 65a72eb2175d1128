-- Which applied ePCN import ended a membership or closed a network, so that a file older than that import can be
-- recognised and refused by name; and the effective date of each import run. NULL: done through the API (or
-- before this migration).
ALTER TABLE import_run ADD COLUMN effective_date DATE;
ALTER TABLE membership ADD COLUMN ended_by_import BIGINT REFERENCES import_run (id);
ALTER TABLE network ADD COLUMN closed_by_import BIGINT REFERENCES import_run (id);
