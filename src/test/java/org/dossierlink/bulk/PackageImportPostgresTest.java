package org.dossierlink.bulk;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.testsupport.PostgresSchema;

/**
 * Package import and export on PostgreSQL, when {@code DOSSIERLINK_TEST_PG_URL} names a server; each store
 * in a schema of its own ({@link PostgresSchema}), dropped at the end.
 */
class PackageImportPostgresTest extends PackageImportTest {

    private final List<PostgresSchema> schemas = new ArrayList<>();
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
        PostgresSchema schema = PostgresSchema.create("dossierlink_bulk");
        schemas.add(schema);
        JdbcDossierStore store = schema.openStore();
        urls.put(store, schema.url());
        return store;
    }

    @Override
    protected void dropStore() throws Exception {
        for (PostgresSchema schema : schemas) {
            schema.close();
        }
    }

    @Override
    List<String> query(JdbcDossierStore s, String sql) throws Exception {
        try (Connection c = connect(urls.get(s))) {
            return rows(c, sql);
        }
    }
}
