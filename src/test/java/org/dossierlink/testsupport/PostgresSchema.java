package org.dossierlink.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.dossierlink.store.JdbcDossierStore;

/**
 * A schema of its own on the PostgreSQL server that {@code DOSSIERLINK_TEST_PG_URL} names (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), dropped on close; the test is skipped when
 * the variable is not set (CI sets it). Each {@link #openStore()} is another pool on the schema, as another
 * node's process would have.
 */
public final class PostgresSchema implements AutoCloseable {

    private static final String URL = System.getenv("DOSSIERLINK_TEST_PG_URL");

    private final String schema;

    private PostgresSchema(String schema) {
        this.schema = schema;
    }

    /** Creates a fresh schema named {@code prefix} and a random suffix; skips the test without PostgreSQL. */
    public static PostgresSchema create(String prefix) throws SQLException {
        assumeTrue(URL != null, "DOSSIERLINK_TEST_PG_URL is not set");
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        }
        return new PostgresSchema(name);
    }

    /** The JDBC URL of the schema. */
    public String url() {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A new store (pool) on the schema, migrated. */
    public JdbcDossierStore openStore() {
        return JdbcDossierStore.open(url(), null, null);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
