-- Networks, practices, effective-dated membership and list sizes. Dates are inclusive: a membership spell
-- runs from start_date to end_date (its last day); a network is open from open_date to close_date.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE network (
    code              VARCHAR(6)   PRIMARY KEY CHECK (code ~ '^U[0-9]{5}$'),
    name              VARCHAR(200) NOT NULL,
    commissioner_code VARCHAR(3)   NOT NULL,
    open_date         DATE         NOT NULL,
    close_date        DATE,
    postcode          VARCHAR(10),
    version           BIGINT       NOT NULL DEFAULT 0,
    CHECK (close_date IS NULL OR close_date >= open_date)
);
CREATE INDEX network_commissioner ON network (commissioner_code);

-- Name history, so "as at" answers give the name in force on the date.
CREATE TABLE network_name (
    id             BIGINT       PRIMARY KEY,
    network_code   VARCHAR(6)   NOT NULL REFERENCES network (code),
    name           VARCHAR(200) NOT NULL,
    effective_from DATE         NOT NULL,
    UNIQUE (network_code, effective_from)
);
CREATE SEQUENCE network_name_seq INCREMENT BY 50;

CREATE TABLE clinical_director (
    id           BIGINT       PRIMARY KEY,
    network_code VARCHAR(6)   NOT NULL REFERENCES network (code),
    name         VARCHAR(200) NOT NULL,
    from_date    DATE         NOT NULL,
    UNIQUE (network_code, from_date)
);
CREATE SEQUENCE clinical_director_seq INCREMENT BY 50;

CREATE TABLE partner_organisation (
    id           BIGINT       PRIMARY KEY,
    network_code VARCHAR(6)   NOT NULL REFERENCES network (code),
    type         VARCHAR(40)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    ods_code     VARCHAR(10)
);
CREATE SEQUENCE partner_organisation_seq INCREMENT BY 50;

CREATE TABLE practice (
    code              VARCHAR(6)   PRIMARY KEY CHECK (code ~ '^[A-Z][0-9]{5}$'),
    name              VARCHAR(200) NOT NULL,
    postcode          VARCHAR(10),
    commissioner_code VARCHAR(3)   NOT NULL,
    version           BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX practice_commissioner ON practice (commissioner_code);

CREATE TABLE membership (
    id            BIGINT     PRIMARY KEY,
    practice_code VARCHAR(6) NOT NULL REFERENCES practice (code),
    network_code  VARCHAR(6) NOT NULL REFERENCES network (code),
    start_date    DATE       NOT NULL,
    end_date      DATE,
    CHECK (end_date IS NULL OR end_date >= start_date),
    -- A practice is a core member of at most one network on any day; the service checks first to name the
    -- conflicting spell, this constraint settles races between concurrent writes.
    CONSTRAINT membership_no_overlap EXCLUDE USING gist (
        practice_code WITH =,
        daterange(start_date, end_date, '[]') WITH &&)
);
CREATE SEQUENCE membership_seq INCREMENT BY 50;
CREATE INDEX membership_network ON membership (network_code, start_date);
CREATE INDEX membership_practice ON membership (practice_code, start_date);

CREATE TABLE list_size (
    id                  BIGINT        PRIMARY KEY,
    practice_code       VARCHAR(6)    NOT NULL REFERENCES practice (code),
    as_at               DATE          NOT NULL,
    registered_patients INTEGER       NOT NULL CHECK (registered_patients >= 0),
    weighted_population NUMERIC(12,2) CHECK (weighted_population >= 0),
    adjusted_population NUMERIC(12,2) CHECK (adjusted_population >= 0),
    source              VARCHAR(40)   NOT NULL,
    UNIQUE (practice_code, as_at)
);
CREATE SEQUENCE list_size_seq INCREMENT BY 50;

-- Every file import, for audit: what file, when, what it changed.
CREATE TABLE import_run (
    id           BIGINT       PRIMARY KEY,
    kind         VARCHAR(20)  NOT NULL,
    file_name    VARCHAR(300),
    sha256       VARCHAR(64)  NOT NULL,
    imported_at  TIMESTAMPTZ  NOT NULL,
    imported_by  VARCHAR(200),
    summary      TEXT         NOT NULL
);
CREATE SEQUENCE import_run_seq INCREMENT BY 50;
