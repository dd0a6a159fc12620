package org.dossierlink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.dossierlink.bulk.ImportLedger;
import org.dossierlink.bulk.ImportRun;
import org.dossierlink.bulk.ImportTotals;
import org.dossierlink.bulk.ItemStatus;
import org.dossierlink.bulk.PackageForm;
import org.dossierlink.bulk.PackageIdentity;
import org.dossierlink.bulk.RunStatus;
import org.dossierlink.testsupport.PostgresSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's row in {@code import_run} is a checkpoint of its outcome rows ({@link JdbcImportLedger#CHECKPOINT_ITEMS}
 * items apart): whatever moment a writer stops at, without closing (a killed process), the run reads as its
 * committed outcomes say, the next writer goes on from there, and no writer moves the row back or commits an
 * item twice. On H2 and on PostgreSQL.
 */
class ImportRunCheckpointTest {

    @TempDir
    Path dir;

    @Test
    void h2() throws Exception {
        try (JdbcDossierStore store = JdbcDossierStore.open(StoreConfig.h2(dir))) {
            exercise(store);
        }
    }

    @Test
    void postgres() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create("checkpoint_test");
             JdbcDossierStore store = schema.openStore()) {
            exercise(store);
        }
    }

    private static void exercise(JdbcDossierStore store) throws SQLException {
        int every = JdbcImportLedger.CHECKPOINT_ITEMS;
        int firstWriter = 2 * every + every / 2;
        JdbcImportLedger ledger = new JdbcImportLedger(store);
        String ticket = UUID.randomUUID().toString();
        String sha = UUID.randomUUID().toString();
        ledger.begin(ticket, new PackageIdentity(PackageForm.ZIP, "p", sha), "EP", (long) firstWriter + 200, Instant.now());

        ImportLedger.Items first = ledger.items(ticket);
        long stored = 0;
        for (int seq = 1; seq <= firstWriter; seq++) {
            if (seq % 250 == 0) {
                assertThat(first.commit(seq, "items/" + seq + ".xml", List.of(ImportLedgerItemsTest.record(seq, "t")))
                        .status()).isEqualTo(ItemStatus.STORED);
                stored++;
            } else {
                first.reject(seq, "items/" + seq + ".xml", null, "bad " + seq);
            }
        }
        ImportTotals afterFirst = new ImportTotals(stored, 0, 0, firstWriter - stored);
        // the row was last written by the item that completed the second checkpoint's worth
        assertThat(row(store, ticket)).isEqualTo(2L * every);
        // the first writer stops here without closing, as a killed importer would: every reader sees all it committed
        ImportRun read = ledger.byTicket(ticket).orElseThrow();
        assertThat(read.lastSeq()).isEqualTo(firstWriter);
        assertThat(read.totals()).isEqualTo(afterFirst);
        assertThat(ledger.latestByPackage(sha).orElseThrow().lastSeq()).isEqualTo(firstWriter);
        assertThat(ledger.unfinished()).filteredOn(r -> r.ticket().equals(ticket))
                .extracting(ImportRun::lastSeq).containsExactly((long) firstWriter);

        // the next writer (the resumed import) folds the outcomes into the row when it opens, and goes on
        try (ImportLedger.Items second = ledger.items(ticket)) {
            assertThat(row(store, ticket)).isEqualTo(firstWriter);
            assertThatThrownBy(() -> second.reject(firstWriter, "again.xml", null, "again"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("committed already");
            for (int seq = firstWriter + 1; seq <= firstWriter + 100; seq++) {
                second.reject(seq, "items/" + seq + ".xml", null, "bad " + seq);
            }
        }
        assertThat(row(store, ticket)).as("written when the writer closed").isEqualTo(firstWriter + 100);

        // the first writer, still open, cannot commit an item the second one took: the outcome's primary key
        // refuses it, and nothing of that item stays
        assertThatThrownBy(() -> first.commit(firstWriter + 1, "late.xml",
                List.of(ImportLedgerItemsTest.record(firstWriter + 1, "late"))))
                .isInstanceOf(StoreException.class).hasMessageContaining("committing item " + (firstWriter + 1));
        assertThat(store.findByApplicationKey(ImportLedgerItemsTest.record(firstWriter + 1, "late").dossier()
                .application().key())).isEmpty();
        // and its closing checkpoint (older) does not move the row back
        first.close();
        assertThat(row(store, ticket)).isEqualTo(firstWriter + 100);

        // a single item outside a writer, then the end: the counters go on from the outcomes
        ledger.reject(ticket, firstWriter + 101, "last.xml", null, "bad");
        ImportRun done = ledger.finish(ticket, RunStatus.COMPLETED, null, null);
        assertThat(done.lastSeq()).isEqualTo(firstWriter + 101);
        assertThat(done.totals()).isEqualTo(new ImportTotals(stored, 0, 0, firstWriter - stored + 101));
        assertThat(row(store, ticket)).isEqualTo(firstWriter + 101);
        List<Long> seqs = new java.util.ArrayList<>();
        for (long after = 0; ; ) {
            int before = seqs.size();
            ledger.outcomes(ticket, after, 1000, o -> seqs.add(o.seq()));
            if (seqs.size() == before) {
                break;
            }
            after = seqs.get(seqs.size() - 1);
        }
        assertThat(seqs).hasSize(firstWriter + 101).doesNotHaveDuplicates().isSorted();
    }

    /** The last seq the run's row holds (its checkpoint), read from the table itself. */
    private static long row(JdbcDossierStore store, String ticket) throws SQLException {
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT last_seq FROM import_run WHERE ticket = ?")) {
            ps.setString(1, ticket);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }
}
