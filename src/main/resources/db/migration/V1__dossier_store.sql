-- dossierlink store, version 1. One script for H2 (embedded default) and PostgreSQL: only types
-- and syntax both accept (VARCHAR without length is unbounded text on both, BYTEA is a binary
-- column on both: bytea on PostgreSQL, BINARY VARYING on H2).
--
-- Keys are the normalised country+number form used everywhere else ("EP10167109"); they are
-- the primary keys, so a bulk load inserts without fetching generated ids.

-- One row per application: the scalar fields as columns, and the list fields that are only ever
-- read together with the record (titles, applicants, inventors, classifications, abstracts) as
-- one compact JSON document in "details" (see org.dossierlink.store.DossierJson).
-- content_hash is the SHA-256 of the whole record in canonical form: saving an identical record
-- again compares one value and writes nothing.
CREATE TABLE application (
    app_key         VARCHAR(64)  NOT NULL,
    office          VARCHAR(8)   NOT NULL,
    app_number      VARCHAR(64)  NOT NULL,
    kind            VARCHAR(16),
    original_number VARCHAR(400),
    filing_date     DATE,
    family_id       VARCHAR(64),
    source          VARCHAR(64),
    details         VARCHAR      NOT NULL,
    content_hash    CHAR(64)     NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT application_pk PRIMARY KEY (app_key)
);

-- Publications, in the record's order (pos). pub_key is country+number without kind, so
-- EP2400812 finds the application of both EP2400812A1 and EP2400812B1.
CREATE TABLE publication (
    app_key    VARCHAR(64) NOT NULL,
    pos        INTEGER     NOT NULL,
    pub_key    VARCHAR(64) NOT NULL,
    country    VARCHAR(8)  NOT NULL,
    pub_number VARCHAR(64) NOT NULL,
    kind       VARCHAR(16),
    pub_date   DATE,
    CONSTRAINT publication_pk PRIMARY KEY (app_key, pos),
    CONSTRAINT publication_application_fk FOREIGN KEY (app_key) REFERENCES application (app_key) ON DELETE CASCADE
);
CREATE INDEX publication_by_key ON publication (pub_key, app_key);

-- Priority claims, in the record's order (pos); claim_sequence is the sequence the source gave.
-- The family index: priority_claim_by_key answers "who claims these priorities" with an index
-- range scan per key; the primary key answers "what does this application claim".
CREATE TABLE priority_claim (
    app_key         VARCHAR(64)  NOT NULL,
    pos             INTEGER      NOT NULL,
    claim_sequence  INTEGER      NOT NULL,
    priority_key    VARCHAR(64)  NOT NULL,
    country         VARCHAR(8)   NOT NULL,
    prio_number     VARCHAR(64)  NOT NULL,
    original_number VARCHAR(400),
    prio_date       DATE,
    kind            VARCHAR(16),
    active          BOOLEAN      NOT NULL,
    CONSTRAINT priority_claim_pk PRIMARY KEY (app_key, pos),
    CONSTRAINT priority_claim_application_fk FOREIGN KEY (app_key) REFERENCES application (app_key) ON DELETE CASCADE
);
CREATE INDEX priority_claim_by_key ON priority_claim (priority_key, app_key);

-- The file wrapper: document metadata, listed without touching the bytes...
CREATE TABLE document (
    app_key     VARCHAR(64)   NOT NULL,
    doc_id      VARCHAR(200)  NOT NULL,
    code        VARCHAR(64)   NOT NULL,
    description VARCHAR(2000),
    doc_group   VARCHAR(32)   NOT NULL,
    doc_date    DATE          NOT NULL,
    direction   VARCHAR(16)   NOT NULL,
    lang        VARCHAR(16),
    media_type  VARCHAR(200)  NOT NULL,
    pages       INTEGER,
    size_bytes  BIGINT        NOT NULL,
    sha256      CHAR(64)      NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT document_pk PRIMARY KEY (app_key, doc_id),
    CONSTRAINT document_application_fk FOREIGN KEY (app_key) REFERENCES application (app_key) ON DELETE CASCADE
);

-- ...and its content in a table of its own, read only when one document is asked for.
CREATE TABLE document_content (
    app_key VARCHAR(64)  NOT NULL,
    doc_id  VARCHAR(200) NOT NULL,
    content BYTEA        NOT NULL,
    CONSTRAINT document_content_pk PRIMARY KEY (app_key, doc_id),
    CONSTRAINT document_content_document_fk FOREIGN KEY (app_key, doc_id) REFERENCES document (app_key, doc_id) ON DELETE CASCADE
);
