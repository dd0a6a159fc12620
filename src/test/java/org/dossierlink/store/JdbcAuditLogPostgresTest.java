package org.dossierlink.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * The audit log contract on PostgreSQL, when {@code DOSSIERLINK_TEST_PG_URL} names a server;
 * skipped otherwise. Each test works in a schema of its own, dropped afterwards; the second node is
 * a second pool on that schema, as a second server process would be.
 */
class JdbcAuditLogPostgresTest extends JdbcAuditLogTest {

    private static final String URL = System.getenv("DOSSIERLINK_TEST_PG_URL");

    private String schema;

    @Override
    protected JdbcDossierStore openStore() throws Exception {
        assumeTrue(URL != null, "DOSSIERLINK_TEST_PG_URL is not set");
        schema = "dossierlink_audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return openSecondNode();
    }

    @Override
    protected JdbcDossierStore openSecondNode() {
        return JdbcDossierStore.open(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, null);
    }

    @Override
    protected void dropStore() throws Exception {
        if (schema == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
