-- Shared by every service (shipped in pcn-platform). Service migrations start at V1.

-- Transactional outbox: events are written in the same transaction as the state change that causes them,
-- then published to Kafka by the relay in sequence order.
CREATE TABLE outbox_event (
    seq            BIGSERIAL    PRIMARY KEY,
    event_id       UUID         NOT NULL UNIQUE,
    topic          VARCHAR(200) NOT NULL,
    record_key     VARCHAR(50)  NOT NULL,
    event_type     VARCHAR(200) NOT NULL,
    subject        VARCHAR(50)  NOT NULL,
    correlation_id VARCHAR(100),
    occurred_at    TIMESTAMPTZ  NOT NULL,
    payload        TEXT         NOT NULL,
    published_at   TIMESTAMPTZ
);
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published_at ON outbox_event (published_at) WHERE published_at IS NOT NULL;

-- Idempotent consumers: the ids of events already applied, written in the same transaction as the effect.
CREATE TABLE processed_event (
    consumer     VARCHAR(100) NOT NULL,
    event_id     VARCHAR(100) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
