-- The W3C traceparent of the request that wrote each outbox row, so the relay publishes the event in the same
-- trace and each consumer continues it. Null for rows written outside a traced request.
ALTER TABLE outbox_event ADD COLUMN traceparent VARCHAR(55);
