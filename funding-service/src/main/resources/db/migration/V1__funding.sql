-- funding-service: its read models of the registry (pcn.registry.v1) and of ARRS claims (pcn.workforce.v1), the
-- care-home beds commissioners align to networks, confirmed monthly payments, and adjustment lines. Dates are
-- inclusive; money is pounds to the penny.

-- Read model: networks, membership spells and populations as the registry published them.
CREATE TABLE known_network (
    code              VARCHAR(6)   PRIMARY KEY,
    name              VARCHAR(200) NOT NULL,
    commissioner_code VARCHAR(3)   NOT NULL,
    open_date         DATE         NOT NULL,
    close_date        DATE
);
CREATE INDEX known_network_commissioner ON known_network (commissioner_code);

CREATE TABLE known_membership (
    practice_code VARCHAR(6) NOT NULL,
    network_code  VARCHAR(6) NOT NULL,
    start_date    DATE       NOT NULL,
    end_date      DATE,
    PRIMARY KEY (practice_code, network_code, start_date)
);
CREATE INDEX known_membership_network ON known_membership (network_code);

CREATE TABLE known_list_size (
    practice_code       VARCHAR(6)    NOT NULL,
    as_at               DATE          NOT NULL,
    registered_patients INTEGER       NOT NULL,
    weighted_population NUMERIC(12,2),
    adjusted_population NUMERIC(12,2),
    PRIMARY KEY (practice_code, as_at)
);

-- Read model: each network's latest calculated ARRS claim per month (a recalculation replaces the month).
CREATE TABLE arrs_claim (
    network_code   VARCHAR(6)    NOT NULL,
    month          DATE          NOT NULL,
    financial_year VARCHAR(7)    NOT NULL,
    total_amount   NUMERIC(12,2) NOT NULL,
    -- The claim left out lines it could not calculate (when the event says so; absent means complete).
    incomplete     BOOLEAN       NOT NULL DEFAULT false,
    event_id       VARCHAR(100)  NOT NULL,
    PRIMARY KEY (network_code, month)
);

-- Care-home beds a commissioner aligned to a network, from a date until the next row's date.
CREATE TABLE care_home_beds (
    id             UUID         PRIMARY KEY,
    network_code   VARCHAR(6)   NOT NULL,
    effective_from DATE         NOT NULL,
    beds           INTEGER      NOT NULL CHECK (beds >= 0),
    recorded_at    TIMESTAMPTZ  NOT NULL,
    UNIQUE (network_code, effective_from)
);

-- A month a commissioner (or finance) confirmed: its lines as they stood, never changed afterwards.
CREATE TABLE confirmed_month (
    network_code   VARCHAR(6)    NOT NULL,
    month          DATE          NOT NULL,
    financial_year VARCHAR(7)    NOT NULL,
    total_amount   NUMERIC(14,2) NOT NULL,
    incomplete     BOOLEAN       NOT NULL,
    lines          TEXT          NOT NULL,
    confirmed_at   TIMESTAMPTZ   NOT NULL,
    confirmed_by   VARCHAR(200)  NOT NULL,
    PRIMARY KEY (network_code, month)
);

-- A correction of a confirmed month's line, paid in a later month (the first one not yet confirmed when it was
-- raised). amount is null when the corrected figure cannot be calculated (an unknown rate, a missing population):
-- such a line is re-raised in the next open month until it can be.
CREATE TABLE payment_adjustment (
    id              UUID          PRIMARY KEY,
    network_code    VARCHAR(6)    NOT NULL,
    paid_in_month   DATE          NOT NULL,
    corrects_month  DATE          NOT NULL,
    line_key        VARCHAR(200)  NOT NULL,
    component       VARCHAR(60)   NOT NULL,
    component_name  VARCHAR(200)  NOT NULL,
    basis           VARCHAR(30)   NOT NULL,
    practice_code   VARCHAR(6),
    paid_before     NUMERIC(14,2) NOT NULL,
    corrected       NUMERIC(14,2),
    amount          NUMERIC(14,2),
    reason          TEXT          NOT NULL,
    rule_set_year   VARCHAR(7)    NOT NULL,
    revision        VARCHAR(100),
    causes          TEXT          NOT NULL,
    raised_at       TIMESTAMPTZ   NOT NULL
);
CREATE INDEX payment_adjustment_network ON payment_adjustment (network_code, paid_in_month);
CREATE INDEX payment_adjustment_corrects ON payment_adjustment (network_code, corrects_month);

-- Each network's year total as last calculated: the "previous total" of the next EntitlementRecalculated.
CREATE TABLE entitlement_total (
    network_code      VARCHAR(6)    NOT NULL,
    financial_year    VARCHAR(7)    NOT NULL,
    total_amount      NUMERIC(14,2) NOT NULL,
    incomplete        BOOLEAN       NOT NULL,
    unavailable_lines INTEGER       NOT NULL,
    -- The year's rules it was calculated with: when the rule set changes, years with another fingerprint are due.
    rules_fingerprint VARCHAR(16)   NOT NULL,
    arrs_sum          NUMERIC(14,2),
    arrs_exceeded     BOOLEAN       NOT NULL DEFAULT false,
    calculated_at     TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (network_code, financial_year)
);

-- Networks' years to recalculate, with what caused it; written in the same transaction as the change, so nothing
-- is lost, and taken by the recalculation worker.
CREATE TABLE recalculation_due (
    id             BIGSERIAL    PRIMARY KEY,
    network_code   VARCHAR(6)   NOT NULL,
    financial_year VARCHAR(7)   NOT NULL,
    cause_id       VARCHAR(100) NOT NULL,
    cause_kind     VARCHAR(200) NOT NULL,
    due_since      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX recalculation_due_network ON recalculation_due (network_code, financial_year);
