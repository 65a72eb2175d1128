-- Answers to requests sent with an Idempotency-Key header (uk.nhs.pcn.platform.idempotency). Each row is written in
-- the same transaction as the write it answers, so an acknowledged write and its stored answer are durable together
-- or not at all; a re-send of the request within pcn.idempotency.retention gets this answer back instead of a second
-- write. Rows older than that are deleted by IdempotencyCleanup. Shared by every service, like the outbox: a
-- service that takes the header on an endpoint needs nothing more.
CREATE TABLE idempotency_key (
    scope           CHAR(64)     PRIMARY KEY, -- SHA-256 of caller, method, path and key (IdempotentRequest.scope)
    caller          TEXT         NOT NULL,    -- the token's subject: keys never cross users
    method          VARCHAR(10)  NOT NULL,
    path            TEXT         NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,    -- 1-255 printable ASCII characters, as the client chose it
    request_hash    CHAR(64)     NOT NULL,    -- SHA-256 of the canonical request body: a re-send must match it
    status          SMALLINT     NOT NULL,    -- the stored answer: status, Location, Content-Type and body
    location        TEXT,
    content_type    VARCHAR(200),
    body            TEXT         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
