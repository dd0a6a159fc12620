-- Bulk packages (org.dossierlink.bulk): the history of replaced records, and the import runs with the
-- outcome of every item. An item's data, its outcome row and its run's counters are written in ONE
-- transaction, so an import killed at any moment resumes after its last committed item, exactly once.
-- Plain SQL both H2 and PostgreSQL accept, like V1.

-- Every version of an application that a save replaced: written in the transaction of the replacement.
CREATE TABLE application_history (
    app_key      VARCHAR(64)  NOT NULL,
    version      INTEGER      NOT NULL,
    -- the replaced record, whole, in the store's canonical JSON form (the text its content_hash digests)
    record       VARCHAR      NOT NULL,
    content_hash CHAR(64)     NOT NULL,
    stored_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    replaced_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT application_history_pk PRIMARY KEY (app_key, version)
);

-- "everything changed since T" (export) walks applications by update time
CREATE INDEX application_by_updated ON application (updated_at, app_key);

-- One import of one package. A package is identified by package_sha256 (the manifest's SHA-256, or the
-- whole file's for the concatenated form); an unfinished run of the same package is resumed.
CREATE TABLE import_run (
    ticket         VARCHAR(64)  NOT NULL,
    package_id     VARCHAR(400),
    package_sha256 CHAR(64)     NOT NULL,
    package_form   VARCHAR(16)  NOT NULL,
    sending_office VARCHAR(8),
    status         VARCHAR(16)  NOT NULL,
    item_count     BIGINT,
    last_seq       BIGINT       NOT NULL,
    stored         BIGINT       NOT NULL,
    unchanged      BIGINT       NOT NULL,
    replaced       BIGINT       NOT NULL,
    rejected       BIGINT       NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at   TIMESTAMP WITH TIME ZONE,
    reason         VARCHAR(2000),
    CONSTRAINT import_run_pk PRIMARY KEY (ticket)
);
CREATE INDEX import_run_by_package ON import_run (package_sha256, received_at);
CREATE INDEX import_run_by_status ON import_run (status);

-- What happened to each item of a run; committed with the item's data.
CREATE TABLE import_item (
    ticket      VARCHAR(64)   NOT NULL,
    seq         BIGINT        NOT NULL,
    path        VARCHAR(1000) NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    application VARCHAR(400),
    reason      VARCHAR(2000),
    CONSTRAINT import_item_pk PRIMARY KEY (ticket, seq),
    CONSTRAINT import_item_run_fk FOREIGN KEY (ticket) REFERENCES import_run (ticket) ON DELETE CASCADE
);
