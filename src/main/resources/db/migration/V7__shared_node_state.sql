-- What the nodes sharing one PostgreSQL store must agree on besides the dossiers and the audit log
-- (V5): the WS-Security nonces already used, and the quota counts. An embedded H2 store has one node
-- and keeps both in memory; the tables are created there too, so one schema serves both databases.
-- Plain SQL both H2 and PostgreSQL accept, like V1.

-- One row per UsernameToken nonce accepted by any node (org.dossierlink.store.JdbcNonceRegistry): the
-- SHA-256 of the nonce, and until when a token carrying it could still be accepted. Inserting a nonce
-- that is there and not expired fails on the key: a replay. Expired rows are deleted from time to time.
CREATE TABLE used_nonce (
    nonce_sha256 CHAR(64)                 NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT used_nonce_pk PRIMARY KEY (nonce_sha256)
);
CREATE INDEX used_nonce_by_expiry ON used_nonce (expires_at);

-- The quota counts of every office, summed over the nodes (org.dossierlink.store.JdbcQuotaCounts):
-- period 'm' counts requests in the minute period_start (minutes since 1970-01-01T00:00Z), period 'd'
-- counts response bytes on the UTC day period_start (days since 1970-01-01). Each node adds what it
-- counted about once a second; old windows are deleted.
CREATE TABLE quota_usage (
    office       VARCHAR(16) NOT NULL,
    period       CHAR(1)     NOT NULL,
    period_start BIGINT      NOT NULL,
    amount       BIGINT      NOT NULL,
    CONSTRAINT quota_usage_pk PRIMARY KEY (office, period, period_start),
    CONSTRAINT quota_usage_period CHECK (period IN ('m', 'd'))
);
