package org.dossierlink.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossierlink.cli.CommandLineTest.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.dossierlink.access.AuditEntry;
import org.dossierlink.cli.CommandLineTest.Run;
import org.dossierlink.store.JdbcAuditLog;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 store belongs to one process: a second process on the same data folder stops with a
 * message naming the folder and pointing to PostgreSQL for several nodes. And every opener (serve, the
 * other commands, {@link StoreConfig#h2}) opens it with the same database user, so a store one of them
 * created opens for the others.
 */
class EmbeddedStoreOwnerTest {

    @TempDir
    Path dir;

    @Test
    void a_second_process_on_the_same_data_folder_is_told_to_use_postgresql() throws Exception {
        try (JdbcDossierStore owner = JdbcDossierStore.open(StoreConfig.h2(dir))) {
            Path err = dir.resolve("child-stderr.txt");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), DossierlinkCommand.class.getName(),
                    "audit", "--data", dir.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile())
                    .start();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the second process ends").isTrue();
            String message = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as(message).isNotZero();
            assertThat(message).contains("the embedded store in " + dir.toAbsolutePath().normalize()
                            + " is open in another process")
                    .contains("use PostgreSQL (store.url=jdbc:postgresql://")
                    .doesNotContain("\tat org.");
            assertThat(owner.applicationCount()).isZero(); // the owner is unharmed
        }
    }

    @Test
    void a_store_made_through_store_config_opens_for_the_commands() {
        try (JdbcDossierStore store = JdbcDossierStore.open(StoreConfig.h2(dir));
             JdbcAuditLog log = new JdbcAuditLog(store)) {
            log.append(new AuditEntry(Instant.parse("2026-11-26T10:00:00Z"), "r1", "JP", "GetFamily", "EP 10167109",
                    "allowed", null));
        }
        Run audit = run("audit", "--data", dir.toString());
        assertThat(audit.exit()).as(audit.err()).isZero();
        assertThat(audit.out().lines()).containsExactly("1\t2026-11-26T10:00:00Z\tJP\tGetFamily\tEP 10167109\tallowed\t-\tr1",
                "audit chain intact: 1 entries");
    }
}
