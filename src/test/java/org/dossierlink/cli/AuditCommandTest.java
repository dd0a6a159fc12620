package org.dossierlink.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossierlink.cli.CommandLineTest.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;

import org.dossierlink.access.AuditEntry;
import org.dossierlink.cli.CommandLineTest.Run;
import org.dossierlink.store.JdbcAuditLog;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dossierlink audit}: the listing, the filters, the chain check and its exit status. */
class AuditCommandTest {

    @TempDir
    Path dir;

    private void record() {
        try (JdbcDossierStore store = JdbcDossierStore.open(StoreConfig.h2Url(dir), null, null); // as the CLI opens it
             JdbcAuditLog log = new JdbcAuditLog(store)) {
            log.append(new AuditEntry(Instant.parse("2026-10-31T23:59:59Z"), "r1", "EP", "GetDocument",
                    "JP 2013-123456 doc-3", "denied", "not-yet-started"));
            log.append(new AuditEntry(Instant.parse("2026-11-01T09:00:00Z"), "r2", "JP", "GetFamily",
                    "EP 10167109", "allowed", null));
            log.append(new AuditEntry(Instant.parse("2026-11-01T11:00:00Z"), "r3", "EP", "GetDossier",
                    "US 13/167,395", "NOT_FOUND", null));
        }
    }

    @Test
    void listsEntriesAndChecksTheChain() {
        record();
        Run all = run("audit", "--data", dir.toString());
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out().lines()).containsExactly(
                "1\t2026-10-31T23:59:59Z\tEP\tGetDocument\tJP 2013-123456 doc-3\tdenied\tnot-yet-started\tr1",
                "2\t2026-11-01T09:00:00Z\tJP\tGetFamily\tEP 10167109\tallowed\t-\tr2",
                "3\t2026-11-01T11:00:00Z\tEP\tGetDossier\tUS 13/167,395\tNOT_FOUND\t-\tr3",
                "audit chain intact: 3 entries");

        Run ep = run("audit", "--data", dir.toString(), "--office", "EP", "--since", "2026-11-01");
        assertThat(ep.exit()).isZero();
        assertThat(ep.out().lines()).containsExactly(
                "3\t2026-11-01T11:00:00Z\tEP\tGetDossier\tUS 13/167,395\tNOT_FOUND\t-\tr3",
                "audit chain intact: 3 entries");
        Run since = run("audit", "--data", dir.toString(), "--since", "2026-11-01T09:00:00Z");
        assertThat(since.out().lines()).hasSize(3).first().asString().startsWith("2\t");
    }

    @Test
    void aBrokenChainIsReportedWithItsOwnExitStatus() throws Exception {
        record();
        try (Connection c = DriverManager.getConnection(StoreConfig.h2Url(dir));
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_log SET result = 'allowed', reason = NULL WHERE seq = 1");
        }
        Run r = run("audit", "--data", dir.toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out()).contains("1\t2026-10-31T23:59:59Z\tEP\tGetDocument\tJP 2013-123456 doc-3\tallowed\t-\tr1");
        assertThat(r.err().strip()).isEqualTo(
                "audit chain BROKEN at entry 1: its hash does not match its contents (the entry was changed)");
    }

    @Test
    void anEmptyLogIsIntactAndABadSinceIsAUsageError() {
        Run empty = run("audit", "--data", dir.toString());
        assertThat(empty.exit()).as(empty.err()).isZero();
        assertThat(empty.out().strip()).isEqualTo("audit chain intact: 0 entries");

        Run bad = run("audit", "--data", dir.toString(), "--since", "yesterday");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("Invalid value for option '--since': 'yesterday' is not a date (2026-11-01)"
                + " or an instant (2026-11-01T10:00:00Z)");

        assertThat(run("audit", "--help").out()).contains("--office=OFFICE", "--since=TIME", "--data=DIR", "--config=FILE");
        assertThat(run("--help").out()).contains("audit");
    }
}
