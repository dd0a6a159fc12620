package org.dossierlink.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The audit log contract on the embedded H2 store, in a temporary data folder. */
class JdbcAuditLogH2Test extends JdbcAuditLogTest {

    private Path dataDir;

    @Override
    protected JdbcDossierStore openStore() throws IOException {
        dataDir = Files.createTempDirectory("dossierlink-audit-h2-");
        return JdbcDossierStore.open(StoreConfig.h2(dataDir));
    }

    /** Within one JVM a second pool on the same H2 file shares the open database. */
    @Override
    protected JdbcDossierStore openSecondNode() {
        return JdbcDossierStore.open(StoreConfig.h2(dataDir));
    }

    @Override
    protected void dropStore() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
