-- referral-service: social prescribing referrals, their pathway, outcomes and the access audit; its read model of
-- the network's link workers (from pcn.workforce.v1). The registry read model (which network a practice belongs to
-- on a date) comes from pcn-platform's db/registry-read-model migration.
-- This is the only database on the platform that holds patient-identifiable data (the person columns of referral).

-- Read model: the network's social prescribing link worker appointments, as workforce-service published them.
-- A link worker takes new referrals on a day D when start_date <= D and (end_date IS NULL OR D < end_date); on
-- their last day (end_date) their open referrals are handed over.
CREATE TABLE link_worker (
    appointment_id  VARCHAR(36)  PRIMARY KEY,
    network_code    VARCHAR(6)   NOT NULL,
    staff_reference VARCHAR(100) NOT NULL,
    wte             NUMERIC(5,3) NOT NULL CHECK (wte >= 0),
    start_date      DATE         NOT NULL,
    end_date        DATE,
    -- Whether the last CaseloadThresholdReached is still current (reset when the caseload falls below it).
    threshold_reached BOOLEAN    NOT NULL DEFAULT false
);
CREATE INDEX link_worker_network ON link_worker (network_code);

CREATE TABLE referral (
    id                 UUID         PRIMARY KEY,
    network_code       VARCHAR(6)   NOT NULL,
    practice_code      VARCHAR(6)   NOT NULL,
    source             VARCHAR(30)  NOT NULL,
    -- The person: patient-identifiable, never published, never logged.
    nhs_number         VARCHAR(10)  NOT NULL,
    given_name         VARCHAR(100) NOT NULL,
    family_name        VARCHAR(100) NOT NULL,
    date_of_birth      DATE         NOT NULL,
    phone              VARCHAR(40),
    email              VARCHAR(200),
    address            VARCHAR(500),
    -- HMAC of the NHS number (the only form in which the person leaves this service).
    person_pseudonym   VARCHAR(64)  NOT NULL,
    age_band           VARCHAR(5)   NOT NULL,
    referrer_notes     VARCHAR(4000),
    consent_to_share   BOOLEAN      NOT NULL,
    referral_date      DATE         NOT NULL,
    received_at        TIMESTAMPTZ  NOT NULL,
    referred_by        VARCHAR(200) NOT NULL,
    state              VARCHAR(20)  NOT NULL,
    open               BOOLEAN      NOT NULL,
    -- Null while the referral waits in the network's queue.
    appointment_id     VARCHAR(36)  REFERENCES link_worker (appointment_id),
    queued_since       TIMESTAMPTZ,
    accepted_at        TIMESTAMPTZ,
    first_contact_at   TIMESTAMPTZ,
    what_matters       VARCHAR(4000),
    plan               VARCHAR(4000),
    close_reason       VARCHAR(40),
    closed_at          TIMESTAMPTZ,
    version            INTEGER      NOT NULL DEFAULT 0
);
-- One open referral per person per network: a second is refused with a pointer to the first (and the index makes
-- the rule hold under concurrent requests too).
CREATE UNIQUE INDEX referral_one_open_per_person ON referral (network_code, person_pseudonym) WHERE open;
CREATE INDEX referral_network_state ON referral (network_code, state);
CREATE INDEX referral_appointment_open ON referral (appointment_id) WHERE open;
CREATE INDEX referral_queue ON referral (network_code, queued_since) WHERE open AND appointment_id IS NULL;
CREATE INDEX referral_referred_by ON referral (referred_by);
CREATE INDEX referral_received ON referral (network_code, received_at);

-- The reasons for referral, from the coded list of needs (at least one each).
CREATE TABLE referral_need (
    referral_id UUID        NOT NULL REFERENCES referral (id),
    need        VARCHAR(40) NOT NULL,
    PRIMARY KEY (referral_id, need)
);
CREATE INDEX referral_need_need ON referral_need (need);

-- Every step of the pathway: when, by whom, and any note (free text stays in this database).
CREATE TABLE referral_step (
    id          BIGSERIAL    PRIMARY KEY,
    referral_id UUID         NOT NULL REFERENCES referral (id),
    step        VARCHAR(30)  NOT NULL,
    at          TIMESTAMPTZ  NOT NULL,
    by_user     VARCHAR(200) NOT NULL,
    note        VARCHAR(4000)
);
CREATE INDEX referral_step_referral ON referral_step (referral_id, id);

-- The services a person was connected to, and whether they attended.
CREATE TABLE connection (
    id           UUID         PRIMARY KEY,
    referral_id  UUID         NOT NULL REFERENCES referral (id),
    service_name VARCHAR(200) NOT NULL,
    service_type VARCHAR(20)  NOT NULL,
    mode         VARCHAR(20)  NOT NULL,
    connected_on DATE         NOT NULL,
    attended     BOOLEAN,
    recorded_at  TIMESTAMPTZ  NOT NULL,
    recorded_by  VARCHAR(200) NOT NULL
);
CREATE INDEX connection_referral ON connection (referral_id);

-- Outcome measures at first contact and at discharge: one of each measure per time point.
CREATE TABLE outcome (
    referral_id  UUID          NOT NULL REFERENCES referral (id),
    measure      VARCHAR(10)   NOT NULL,
    timepoint    VARCHAR(20)   NOT NULL,
    -- The item scores in the measure's order, comma-separated ("7,8,6,3" for ONS4).
    items        VARCHAR(60)   NOT NULL,
    total        INTEGER,
    metric_score NUMERIC(5,2),
    recorded_at  TIMESTAMPTZ   NOT NULL,
    recorded_by  VARCHAR(200)  NOT NULL,
    PRIMARY KEY (referral_id, measure, timepoint)
);

-- Who read a patient-identifiable record, when, and why if they said.
CREATE TABLE access_audit (
    id           BIGSERIAL    PRIMARY KEY,
    referral_id  UUID         NOT NULL REFERENCES referral (id),
    network_code VARCHAR(6)   NOT NULL,
    read_by      VARCHAR(200) NOT NULL,
    roles        VARCHAR(200) NOT NULL,
    read_at      TIMESTAMPTZ  NOT NULL,
    what         VARCHAR(40)  NOT NULL,
    reason       VARCHAR(500)
);
CREATE INDEX access_audit_referral ON access_audit (referral_id, read_at);
