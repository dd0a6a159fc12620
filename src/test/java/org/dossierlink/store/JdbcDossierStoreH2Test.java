package org.dossierlink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore.SaveOutcome;
import org.junit.jupiter.api.Test;

/** The store contract on the embedded H2 store, in a temporary data folder. */
class JdbcDossierStoreH2Test extends JdbcDossierStoreTest {

    private Path dataDir;

    @Override
    protected JdbcDossierStore openStore() throws IOException {
        dataDir = Files.createTempDirectory("dossierlink-h2-");
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

    @Test
    void dataSurvivesReopening() throws IOException {
        Path dir = Files.createTempDirectory("dossierlink-h2-reopen-");
        Dossier d = everyField("EP");
        try {
            try (JdbcDossierStore first = JdbcDossierStore.open(StoreConfig.h2(dir))) {
                assertThat(first.save(d)).isEqualTo(SaveOutcome.INSERTED);
            }
            // as serve and the other commands open it: the same URL, no user (StoreConfig.h2 is that too)
            try (JdbcDossierStore again = JdbcDossierStore.open(StoreConfig.h2Url(dir), null, null)) {
                assertThat(again.findByApplicationKey(d.application().key())).contains(d);
                assertThat(again.save(d)).isEqualTo(SaveOutcome.UNCHANGED);
                assertThat(again.applicationCount()).isEqualTo(1);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void a_store_created_with_another_user_is_refused_with_what_to_do() throws IOException {
        Path dir = Files.createTempDirectory("dossierlink-h2-user-");
        try {
            JdbcDossierStore.open(StoreConfig.h2Url(dir), "sa", "").close();
            assertThatThrownBy(() -> JdbcDossierStore.open(StoreConfig.h2(dir)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("the embedded store in " + dir.toAbsolutePath().normalize())
                    .hasMessageContaining("created with a database user other than the one dossierlink uses");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void the_data_folder_of_an_h2_url() {
        assertThat(JdbcDossierStore.h2DataDir(StoreConfig.h2Url(Path.of("/srv/dossierlink/data"))))
                .isEqualTo("/srv/dossierlink/data");
    }

    @Test
    void defaultUrlPointsIntoTheDataFolder() {
        String url = StoreConfig.h2Url(Path.of("/var/lib/dossierlink/data"));
        assertThat(url).startsWith("jdbc:h2:file:/var/lib/dossierlink/data/dossierlink;").contains("AUTO_SERVER=FALSE");
    }
}
