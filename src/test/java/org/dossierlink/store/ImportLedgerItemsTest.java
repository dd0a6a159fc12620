package org.dossierlink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.dossierlink.bulk.ImportLedger;
import org.dossierlink.bulk.ImportRun;
import org.dossierlink.bulk.ItemOutcome;
import org.dossierlink.bulk.ItemStatus;
import org.dossierlink.bulk.PackageForm;
import org.dossierlink.bulk.PackageIdentity;
import org.dossierlink.bulk.StagedRecord;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore.SaveOutcome;
import org.dossierlink.dossier.LocalizedText;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.Publication;
import org.dossierlink.testsupport.PostgresSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run writer of {@link JdbcImportLedger#items}: one connection and one prepared statement per SQL text for
 * the whole run, each item still its own transaction. A failed item leaves nothing behind (no half-built
 * batch, no half-written item) and the next one commits normally; on PostgreSQL the connection goes back
 * to the pool with its commits synchronous again.
 */
class ImportLedgerItemsTest {

    @TempDir
    Path dir;

    @Test
    void h2() {
        try (JdbcDossierStore store = JdbcDossierStore.open(StoreConfig.h2(dir))) {
            exercise(store, false);
        }
    }

    /** The same items with their store forms made ahead ({@link JdbcImportLedger#prepare}): the same results. */
    @Test
    void h2WithRecordsPreparedAhead() {
        try (JdbcDossierStore store = JdbcDossierStore.open(StoreConfig.h2(dir))) {
            exercise(store, true);
        }
    }

    /** A form made of other records than the ones committed is not used: the committed ones are stored. */
    @Test
    void aFormPreparedForOtherRecordsIsNotUsed() {
        try (JdbcDossierStore store = JdbcDossierStore.open(StoreConfig.h2(dir))) {
            JdbcImportLedger ledger = new JdbcImportLedger(store);
            String ticket = UUID.randomUUID().toString();
            ledger.begin(ticket, new PackageIdentity(PackageForm.ZIP, "p", UUID.randomUUID().toString()), "EP", 1L,
                    Instant.now());
            Object other = ledger.prepare(List.of(record(1, "prepared")));
            try (ImportLedger.Items items = ledger.items(ticket)) {
                assertThat(items.commit(1, "a.xml", List.of(record(1, "committed")), other).status())
                        .isEqualTo(ItemStatus.STORED);
            }
            assertThat(store.findByApplicationKey(key(1)).orElseThrow().titles().get(0).text()).isEqualTo("committed");
        }
    }

    @Test
    void postgres() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create("items_test");
             JdbcDossierStore store = schema.openStore()) {
            exercise(store, true);
            // every pooled connection commits synchronously again (the writer set its session back)
            List<Connection> all = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    Connection c = store.dataSource().getConnection();
                    all.add(c);
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
                        rs.next();
                        assertThat(rs.getString(1)).isEqualTo("on");
                    }
                }
            } finally {
                for (Connection c : all) {
                    c.close();
                }
            }
        }
    }

    /**
     * Items of new applications write the same index entries as {@link JdbcDossierStore#save}
     * ({@code JdbcDossierStoreTest.indexesFromSingleSaves}); on PostgreSQL such an item is one statement
     * (record, family link, index rows, outcome row and counters), and this checks what it wrote.
     */
    @Test
    void indexesFromItemsH2() {
        try (JdbcDossierStore store = JdbcDossierStore.open(StoreConfig.h2(dir))) {
            indexesFromItems(store);
        }
    }

    @Test
    void indexesFromItemsPostgres() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create("items_index_test");
             JdbcDossierStore store = schema.openStore()) {
            indexesFromItems(store);
        }
    }

    private static void indexesFromItems(JdbcDossierStore store) {
        JdbcImportLedger ledger = new JdbcImportLedger(store);
        String ticket = UUID.randomUUID().toString();
        ledger.begin(ticket, new PackageIdentity(PackageForm.ZIP, "p", UUID.randomUUID().toString()), "XX", 4L,
                Instant.now());
        String o = "XQ";
        List<Dossier> dossiers = JdbcDossierStoreTest.indexed(o);
        List<ItemOutcome> outcomes = new ArrayList<>();
        try (ImportLedger.Items items = ledger.items(ticket)) {
            for (int i = 0; i < dossiers.size(); i++) {
                List<StagedRecord> records = List.of(new StagedRecord(dossiers.get(i), List.of()));
                outcomes.add(items.commit(i + 1, "item" + i + ".xml", records, ledger.prepare(records)));
            }
            // the first again: stored already, so the general way, which finds it unchanged
            List<StagedRecord> again = List.of(new StagedRecord(dossiers.get(0), List.of()));
            outcomes.add(items.commit(4, "again.xml", again, ledger.prepare(again)));
        }
        assertThat(outcomes).extracting(ItemOutcome::status).containsExactly(ItemStatus.STORED, ItemStatus.STORED,
                ItemStatus.STORED, ItemStatus.UNCHANGED);
        assertThat(outcomes).extracting(ItemOutcome::application)
                .containsExactly(o + "1", o + "2", o + "3", o + "1");
        for (Dossier d : dossiers) {
            assertThat(store.findByApplicationKey(d.application().key())).contains(d);
        }
        JdbcDossierStoreTest.assertIndexed(store, o);
        ImportRun run = ledger.byTicket(ticket).orElseThrow();
        assertThat(run.lastSeq()).isEqualTo(4);
        assertThat(run.totals().stored()).isEqualTo(3);
        assertThat(run.totals().unchanged()).isEqualTo(1);
        List<ItemOutcome> recorded = new ArrayList<>();
        ledger.outcomes(ticket, 0, 100, recorded::add);
        assertThat(recorded).containsExactlyElementsOf(outcomes);
    }

    /**
     * PostgreSQL: another writer inserts the same application while the item's one statement runs. Its INSERT
     * waits for the other's uncommitted row, then meets a unique violation when that commits: the statement
     * writes nothing (not the counters, not the outcome row), and the item is saved the general way, as the
     * replacement of the other writer's version.
     */
    @Test
    void applicationInsertedMeanwhileByAnotherWriterPostgres() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create("items_race_test");
             JdbcDossierStore store = schema.openStore()) {
            JdbcImportLedger ledger = new JdbcImportLedger(store);
            String ticket = UUID.randomUUID().toString();
            ledger.begin(ticket, new PackageIdentity(PackageForm.ZIP, "p", UUID.randomUUID().toString()), "EP", 1L,
                    Instant.now());
            List<StagedRecord> mine = List.of(record(1, "mine"));
            ExecutorService committer = Executors.newSingleThreadExecutor();
            try (Connection other = DriverManager.getConnection(schema.url());
                 Connection watcher = DriverManager.getConnection(schema.url());
                 ImportLedger.Items items = ledger.items(ticket)) {
                other.setAutoCommit(false);
                assertThat(store.save(other, record(1, "theirs").dossier())).isEqualTo(SaveOutcome.INSERTED);
                Future<ItemOutcome> outcome = committer.submit(() -> items.commit(1, "a.xml", mine, ledger.prepare(mine)));
                awaitLockWait(watcher, outcome);
                other.commit();
                assertThat(outcome.get(30, TimeUnit.SECONDS).status()).isEqualTo(ItemStatus.REPLACED);
            } finally {
                committer.shutdownNow();
            }
            assertThat(store.findByApplicationKey(key(1)).orElseThrow().titles().get(0).text()).isEqualTo("mine");
            ImportRun run = ledger.byTicket(ticket).orElseThrow();
            assertThat(run.lastSeq()).isEqualTo(1);
            assertThat(run.totals().stored()).isZero();
            assertThat(run.totals().replaced()).isEqualTo(1);
            List<ItemOutcome> recorded = new ArrayList<>();
            ledger.outcomes(ticket, 0, 100, recorded::add);
            assertThat(recorded).extracting(ItemOutcome::status).containsExactly(ItemStatus.REPLACED);
        }
    }

    /** Waits until a session of this database waits for a lock (the item's INSERT), or the item ended. */
    private static void awaitLockWait(Connection watcher, Future<?> item) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !item.isDone()) {
            try (Statement s = watcher.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM"
                    + " pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the item's statement did not wait for the other writer's row" + (item.isDone()
                ? ": it ended with " + item.get() : ""));
    }

    /** Commits through the writer, with the records' forms made ahead when {@code ahead}. */
    private static ItemOutcome commit(JdbcImportLedger ledger, ImportLedger.Items items, boolean ahead, long seq,
                                      String path, List<StagedRecord> records) {
        return ahead ? items.commit(seq, path, records, ledger.prepare(records)) : items.commit(seq, path, records);
    }

    private static void exercise(JdbcDossierStore store, boolean ahead) {
        JdbcImportLedger ledger = new JdbcImportLedger(store);
        String ticket = UUID.randomUUID().toString();
        ledger.begin(ticket, new PackageIdentity(PackageForm.ZIP, "p", UUID.randomUUID().toString()), "EP", 6L,
                Instant.now());
        List<ItemOutcome> outcomes = new ArrayList<>();
        try (ImportLedger.Items items = ledger.items(ticket)) {
            outcomes.add(commit(ledger, items, ahead, 1, "a.xml", List.of(record(1, "first"))));
            outcomes.add(commit(ledger, items, ahead, 2, "b.xml", List.of(record(2, "first"))));
            // a record the store refuses (a priority number with a space) fails inside the transaction, after
            // the application row's statements were prepared: nothing of item 3 stays
            assertThatThrownBy(() -> commit(ledger, items, ahead, 3, "c.xml", List.of(record(3, "first"), badRecord(4))))
                    .isInstanceOf(IllegalArgumentException.class);
            outcomes.add(items.reject(3, "c.xml", "EP 9100003", "refused by the store"));
            // an item committed twice is refused, and the next one goes on
            assertThatThrownBy(() -> commit(ledger, items, ahead, 3, "c.xml", List.of(record(5, "first"))))
                    .isInstanceOf(IllegalStateException.class);
            outcomes.add(commit(ledger, items, ahead, 4, "d.xml", List.of(record(1, "first"))));
            outcomes.add(commit(ledger, items, ahead, 5, "e.xml", List.of(record(2, "second"))));
            outcomes.add(commit(ledger, items, ahead, 6, "f.xml", List.of(record(6, "first"))));
        }
        assertThat(outcomes).extracting(ItemOutcome::status).containsExactly(ItemStatus.STORED, ItemStatus.STORED,
                ItemStatus.REJECTED, ItemStatus.UNCHANGED, ItemStatus.REPLACED, ItemStatus.STORED);
        ImportRun run = ledger.byTicket(ticket).orElseThrow();
        assertThat(run.lastSeq()).isEqualTo(6);
        assertThat(run.totals().stored()).isEqualTo(3);
        assertThat(run.totals().unchanged()).isEqualTo(1);
        assertThat(run.totals().replaced()).isEqualTo(1);
        assertThat(run.totals().rejected()).isEqualTo(1);
        assertThat(store.findByApplicationKey(key(3))).isEmpty();
        assertThat(store.findByApplicationKey(key(4))).isEmpty();
        assertThat(store.findByApplicationKey(key(5))).isEmpty();
        assertThat(store.findByApplicationKey(key(2)).orElseThrow().titles().get(0).text()).isEqualTo("second");
        List<ItemOutcome> stored = new ArrayList<>();
        ledger.outcomes(ticket, 0, 100, stored::add);
        assertThat(stored).containsExactlyElementsOf(outcomes);
    }

    private static String key(int i) {
        return record(i, "x").dossier().application().key();
    }

    static StagedRecord record(int i, String title) {
        return new StagedRecord(dossier(i, title, "62000" + i), List.of());
    }

    private static StagedRecord badRecord(int i) {
        return new StagedRecord(dossier(i, "bad", "62 000"), List.of());
    }

    private static Dossier dossier(int i, String title, String priority) {
        String number = Integer.toString(9_100_000 + i);
        return new Dossier(new ApplicationRef("EP", number, "A", "EP" + number, LocalDate.of(2020, 1, 1)),
                List.of(new Publication("EP", Integer.toString(3_100_000 + i), "A1", LocalDate.of(2021, 6, 1))),
                List.of(new PriorityClaim(1, "US", priority, null, LocalDate.of(2019, 1, 1), null, true)),
                List.of(new LocalizedText("en", title)), List.of(), List.of(), List.of(), List.of(), null, "test");
    }
}
