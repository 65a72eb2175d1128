-- The outbox is a queue: each event is inserted, updated once Kafka has it, and deleted after the retention. Each
-- update leaves a dead entry in the index of unpublished rows until VACUUM removes it, so have autovacuum visit the
-- table after a few thousand such rows instead of PostgreSQL's default of a fifth of the table (which, with a week
-- of published events retained, could be hundreds of thousands). The relay also reads that index from near the
-- newest published row (OutboxRelay), so its cost does not grow with dead entries between visits.
ALTER TABLE outbox_event SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
