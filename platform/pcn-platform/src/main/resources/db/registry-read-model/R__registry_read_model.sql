-- The registry read model a service keeps when it adds db/registry-read-model to quarkus.flyway.locations
-- (uk.nhs.pcn.platform.registry.RegistryReadModel writes and reads it): networks, membership spells and list sizes
-- as the registry published them on pcn.registry.v1. Dates are inclusive; no close or end date means not yet.
--
-- Why every statement is IF NOT EXISTS, and why this is a repeatable (R__) migration rather than a versioned one:
-- workforce-service and funding-service created these tables in their own V1 before the model moved here, and
-- those V1 migrations stay as they are (deployed databases hold their checksums). Flyway runs versioned
-- migrations in version order, so a platform V0_x would run BEFORE a new database's V1, whose plain CREATE TABLE
-- known_network would then fail. A repeatable migration runs after every versioned one, and again whenever this
-- file changes, so:
--   * an existing database (the tables from a service's V1) gains only what it lacks: workforce-service's
--     known_list_size its adjusted_population column, its known_network the commissioner index;
--   * a new database of those services gets the tables from V1 first, then this reconciles them the same way;
--   * a service without such a V1 (referral-service) gets the tables from here, after its own versioned
--     migrations, which therefore must not refer to these tables.
-- Keep it so: every statement idempotent, a change is a further statement (ADD COLUMN IF NOT EXISTS, ...).

CREATE TABLE IF NOT EXISTS known_network (
    code              VARCHAR(6)   PRIMARY KEY,
    name              VARCHAR(200) NOT NULL,
    commissioner_code VARCHAR(3)   NOT NULL,
    open_date         DATE         NOT NULL,
    close_date        DATE
);
CREATE INDEX IF NOT EXISTS known_network_commissioner ON known_network (commissioner_code);

-- One row per spell: a practice can leave a network and rejoin it. The key leads with the practice (which
-- network is the practice in on a date); the index answers who the members of a network are.
CREATE TABLE IF NOT EXISTS known_membership (
    practice_code VARCHAR(6) NOT NULL,
    network_code  VARCHAR(6) NOT NULL,
    start_date    DATE       NOT NULL,
    end_date      DATE,
    PRIMARY KEY (practice_code, network_code, start_date)
);
CREATE INDEX IF NOT EXISTS known_membership_network ON known_membership (network_code);

-- The three populations kept apart: registered list (raw), contractor weighted (Carr-Hill), PCN adjusted.
CREATE TABLE IF NOT EXISTS known_list_size (
    practice_code       VARCHAR(6)    NOT NULL,
    as_at               DATE          NOT NULL,
    registered_patients INTEGER       NOT NULL,
    weighted_population NUMERIC(12,2),
    adjusted_population NUMERIC(12,2),
    PRIMARY KEY (practice_code, as_at)
);
ALTER TABLE known_list_size ADD COLUMN IF NOT EXISTS adjusted_population NUMERIC(12,2);
