-- workforce-service: its read model of the registry (built from pcn.registry.v1), staff appointments with
-- effective-dated terms, and calculated monthly claims. Dates are inclusive.

-- Read model: networks, membership spells and list sizes as the registry published them.
CREATE TABLE known_network (
    code              VARCHAR(6)   PRIMARY KEY,
    name              VARCHAR(200) NOT NULL,
    commissioner_code VARCHAR(3)   NOT NULL,
    open_date         DATE         NOT NULL,
    close_date        DATE
);

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
    PRIMARY KEY (practice_code, as_at)
);

-- A staff member's appointment to an ARRS role in a network. No NHS number and no name: the employer's
-- opaque staff reference only.
CREATE TABLE appointment (
    id                      UUID         PRIMARY KEY,
    network_code            VARCHAR(6)   NOT NULL,
    staff_reference         VARCHAR(50)  NOT NULL,
    role_code               VARCHAR(60)  NOT NULL,
    employing_organisation  VARCHAR(200) NOT NULL,
    pay_band                VARCHAR(20),
    start_date              DATE         NOT NULL,
    end_date                DATE,
    at_risk_since           DATE,
    version                 BIGINT       NOT NULL DEFAULT 0,
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX appointment_network ON appointment (network_code, role_code);

-- The appointment's working hours and pay from a date until the next row's date.
CREATE TABLE appointment_terms (
    id                        BIGINT        PRIMARY KEY,
    appointment_id            UUID          NOT NULL REFERENCES appointment (id),
    effective_from            DATE          NOT NULL,
    wte                       NUMERIC(4,3)  NOT NULL CHECK (wte > 0 AND wte <= 1),
    full_time_annual_salary   NUMERIC(12,2) NOT NULL CHECK (full_time_annual_salary >= 0),
    full_time_annual_on_costs NUMERIC(12,2) NOT NULL CHECK (full_time_annual_on_costs >= 0),
    UNIQUE (appointment_id, effective_from)
);
CREATE SEQUENCE appointment_terms_seq INCREMENT BY 50;

-- A calculated monthly claim and its explained lines. Recalculating a month replaces its lines.
CREATE TABLE monthly_claim (
    network_code    VARCHAR(6)    NOT NULL,
    month           DATE          NOT NULL,
    financial_year  VARCHAR(7)    NOT NULL,
    total_amount    NUMERIC(12,2) NOT NULL,
    calculated_at   TIMESTAMPTZ   NOT NULL,
    lines           TEXT          NOT NULL,
    PRIMARY KEY (network_code, month)
);
