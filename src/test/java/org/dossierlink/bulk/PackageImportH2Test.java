package org.dossierlink.bulk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.StoreConfig;

/** Package import and export on the embedded H2 store, in temporary data folders. */
class PackageImportH2Test extends PackageImportTest {

    private final List<Path> dirs = new java.util.ArrayList<>();
    private final Map<JdbcDossierStore, StoreConfig> configs = new IdentityHashMap<>();

    @Override
    protected JdbcDossierStore openStore() throws Exception {
        return openFresh();
    }

    @Override
    protected JdbcDossierStore openSecondStore() throws Exception {
        return openFresh();
    }

    private JdbcDossierStore openFresh() throws Exception {
        Path d = Files.createTempDirectory("dossierlink-bulk-h2-");
        dirs.add(d);
        StoreConfig config = StoreConfig.h2(d);
        JdbcDossierStore s = JdbcDossierStore.open(config);
        configs.put(s, config);
        return s;
    }

    @Override
    protected void dropStore() throws Exception {
        for (Path d : dirs) {
            try (Stream<Path> files = Files.walk(d)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Override
    List<String> query(JdbcDossierStore s, String sql) throws Exception {
        StoreConfig config = configs.get(s);
        try (Connection c = java.sql.DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password())) {
            return rows(c, sql);
        }
    }
}
