-- The audit log: one row per access to the node, appended by org.dossierlink.store.JdbcAuditLog and
-- chained by hash (org.dossierlink.access.AuditChain): hash = SHA-256(prev_hash, seq and the row's
-- fields), prev_hash = the hash of entry seq - 1 (64 zeros for entry 1). Editing, removing or
-- inserting a row breaks the chain at that row. Plain SQL both H2 and PostgreSQL accept, like V1.
CREATE TABLE audit_log (
    seq         BIGINT       NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    request_id  VARCHAR(128) NOT NULL,
    caller      VARCHAR(64)  NOT NULL,
    operation   VARCHAR(64)  NOT NULL,
    target      VARCHAR(200) NOT NULL,
    result      VARCHAR(64)  NOT NULL,
    reason      VARCHAR(200),
    prev_hash   CHAR(64)     NOT NULL,
    hash        CHAR(64)     NOT NULL,
    CONSTRAINT audit_log_pk PRIMARY KEY (seq)
);
-- "what did this office do since ..." (dossierlink audit --office X --since T)
CREATE INDEX audit_log_by_caller ON audit_log (caller, recorded_at);

-- The end of the chain, one row. Every appending transaction locks it first (SELECT ... FOR UPDATE),
-- so the nodes sharing one PostgreSQL database extend one chain, one batch after the other, and
-- never fork it. Verification compares it with the last row: a removed tail shows.
CREATE TABLE audit_head (
    id   INTEGER  NOT NULL,
    seq  BIGINT   NOT NULL,
    hash CHAR(64) NOT NULL,
    CONSTRAINT audit_head_pk PRIMARY KEY (id),
    CONSTRAINT audit_head_one_row CHECK (id = 1)
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
