package org.dossierlink.bulk;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.dossierlink.store.JdbcDossierStore;

/**
 * Package import and export on PostgreSQL, when {@code DOSSIERLINK_TEST_PG_URL} names a server; each store
 * in a schema of its own, dropped at the end.
 */
class PackageImportPostgresTest extends PackageImportTest {

    private static final String URL = System.getenv("DOSSIERLINK_TEST_PG_URL");

    private final List<String> schemas = new ArrayList<>();
    private final Map<JdbcDossierStore, String> urls = new IdentityHashMap<>();

    @Override
    protected JdbcDossierStore openStore() throws Exception {
        return openFresh();
    }

    @Override
    protected JdbcDossierStore openSecondStore() throws Exception {
        return openFresh();
    }

    private JdbcDossierStore openFresh() throws Exception {
        assumeTrue(URL != null, "DOSSIERLINK_TEST_PG_URL is not set");
        String schema = "dossierlink_bulk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        schemas.add(schema);
        String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        JdbcDossierStore store = JdbcDossierStore.open(url, null, null);
        urls.put(store, url);
        return store;
    }

    @Override
    protected void dropStore() throws Exception {
        for (String schema : schemas) {
            try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Override
    List<String> query(JdbcDossierStore s, String sql) throws Exception {
        try (Connection c = connect(urls.get(s))) {
            return rows(c, sql);
        }
    }
}
