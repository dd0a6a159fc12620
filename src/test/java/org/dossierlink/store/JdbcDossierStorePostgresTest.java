package org.dossierlink.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * The store contract on PostgreSQL, when {@code DOSSIERLINK_TEST_PG_URL} names a server (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); skipped otherwise. The class works
 * in a schema of its own, dropped at the end.
 */
class JdbcDossierStorePostgresTest extends JdbcDossierStoreTest {

    private static final String URL = System.getenv("DOSSIERLINK_TEST_PG_URL");

    private String schema;

    @Override
    protected JdbcDossierStore openStore() throws Exception {
        assumeTrue(URL != null, "DOSSIERLINK_TEST_PG_URL is not set");
        schema = "dossierlink_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
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
