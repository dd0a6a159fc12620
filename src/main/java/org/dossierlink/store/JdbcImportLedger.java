package org.dossierlink.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.dossierlink.bulk.BulkLimits;
import org.dossierlink.bulk.ExportSource;
import org.dossierlink.bulk.ImportLedger;
import org.dossierlink.bulk.ImportRun;
import org.dossierlink.bulk.ImportTotals;
import org.dossierlink.bulk.ItemOutcome;
import org.dossierlink.bulk.ItemStatus;
import org.dossierlink.bulk.PackageForm;
import org.dossierlink.bulk.PackageIdentity;
import org.dossierlink.bulk.RunStatus;
import org.dossierlink.bulk.StagedRecord;
import org.dossierlink.dossier.DossierStore.SaveOutcome;

/**
 * The import runs and item outcomes (V6__bulk_import.sql) in the dossier store's database, and the one
 * place an imported item is written: {@link #commit} saves the item's records and documents through the
 * store's own statements and its outcome row in ONE transaction. A process killed at any moment has either
 * committed an item whole (data and outcome) or not at all, so a resumed run continues exactly after its
 * last seq. Thread-safe.
 *
 * <p>The outcome rows are the truth about a run; its row in {@code import_run} (last seq and counters) is a
 * checkpoint of them. A run's writer ({@link #items}) writes that row every {@value #CHECKPOINT_ITEMS} items and
 * when it closes, not with every item: one UPDATE of the same row per item was a statement, a row version and a
 * row lock per item (BENCHMARKS.md, "Bulk packages", seventh session). Whoever reads an unfinished run
 * adds the outcomes after its checkpoint ({@link #TAIL}: at most a checkpoint's worth of rows, on the primary
 * key), and every other write of the row ({@link #finish}, the one-item {@link #commit} and {@link #reject})
 * starts from the run as it reads that way, so a run always reads exactly as its committed outcomes say,
 * whenever it was killed.
 * That an item is committed once is the primary key of its outcome row (ticket, seq).
 */
public final class JdbcImportLedger implements ImportLedger, ExportSource {

    private static final String RUN_COLUMNS = "ticket, package_id, package_sha256, package_form, sending_office, status,"
            + " item_count, last_seq, stored, unchanged, replaced, rejected, received_at, updated_at, completed_at, reason";

    /** Items a run's writer commits between two writes of the run's row (its checkpoint). */
    static final int CHECKPOINT_ITEMS = 1000;
    /** The outcomes of a run after its checkpoint's last seq, by status: what a reader adds to the checkpoint. */
    private static final String TAIL = "SELECT status, COUNT(*), MAX(seq) FROM import_item WHERE ticket = ? AND seq > ?"
            + " GROUP BY status";
    /**
     * Writes a checkpoint: the last seq and counters of a run as its outcomes up to that seq say. Never moves the
     * row back (a writer that lost a race to another writer of the same run must not undo the other's checkpoint).
     */
    private static final String CHECKPOINT = "UPDATE import_run SET last_seq = ?, stored = ?, unchanged = ?,"
            + " replaced = ?, rejected = ?, updated_at = ? WHERE ticket = ? AND last_seq <= ?";

    private final JdbcDossierStore store;
    private final DataSource dataSource;

    public JdbcImportLedger(JdbcDossierStore store) {
        this.store = store;
        this.dataSource = store.dataSource();
    }

    // ------------------------------------------------------------------ runs

    @Override
    public ImportRun begin(String ticket, PackageIdentity identity, String sendingOffice, Long itemCount,
                           Instant receivedAt) {
        OffsetDateTime at = receivedAt.atOffset(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO import_run (" + RUN_COLUMNS + ") VALUES"
                     + " (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?, ?, NULL, NULL)")) {
            ps.setString(1, ticket);
            ps.setString(2, clip(identity.packageId(), 400));
            ps.setString(3, identity.sha256());
            ps.setString(4, identity.form().wireName());
            ps.setString(5, sendingOffice == null ? null : clip(sendingOffice, 8));
            ps.setString(6, RunStatus.RUNNING.wireName());
            setLong(ps, 7, itemCount);
            ps.setObject(8, at);
            ps.setObject(9, at);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (JdbcDossierStore.isDuplicateKey(e)) {
                throw new IllegalStateException("an import run with ticket " + ticket + " exists already");
            }
            throw JdbcDossierStore.failure("starting import run " + ticket, e);
        }
        return byTicket(ticket).orElseThrow();
    }

    @Override
    public ImportRun resume(String ticket) {
        update(ticket, "UPDATE import_run SET status = ?, reason = NULL, updated_at = ? WHERE ticket = ?",
                RunStatus.RUNNING.wireName());
        return byTicket(ticket).orElseThrow(() -> new IllegalStateException("no import run " + ticket));
    }

    /** Writes the run's last seq and counters as its outcomes say, with its status, in one statement. */
    @Override
    public ImportRun finish(String ticket, RunStatus status, Long itemCount, String reason) {
        store.inTransaction("ending import run " + ticket, c -> {
            ImportRun run = read(c, ticket);
            if (run == null) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE import_run SET status = ?,"
                    + " item_count = COALESCE(?, item_count), reason = ?, updated_at = ?, completed_at = ?,"
                    + " last_seq = ?, stored = ?, unchanged = ?, replaced = ?, rejected = ? WHERE ticket = ?")) {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                ps.setString(1, status.wireName());
                setLong(ps, 2, itemCount);
                ps.setString(3, reason == null ? null : clip(reason, 2000));
                ps.setObject(4, now);
                ps.setObject(5, status.finished() ? now : null);
                ps.setLong(6, run.lastSeq());
                ps.setLong(7, run.totals().stored());
                ps.setLong(8, run.totals().unchanged());
                ps.setLong(9, run.totals().replaced());
                ps.setLong(10, run.totals().rejected());
                ps.setString(11, ticket);
                ps.executeUpdate();
            }
            return null;
        });
        return byTicket(ticket).orElseThrow(() -> new IllegalStateException("no import run " + ticket));
    }

    /** The run as its committed outcomes say (its row plus the outcomes after it), or null when there is none. */
    private static ImportRun read(Connection c, String ticket) throws SQLException {
        List<ImportRun> runs = runs(c, "SELECT " + RUN_COLUMNS + " FROM import_run WHERE ticket = ?", ticket);
        return runs.isEmpty() ? null : runs.get(0);
    }

    private static void checkpoint(Connection c, String ticket, long lastSeq, ImportTotals totals) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CHECKPOINT)) {
            ps.setLong(1, lastSeq);
            ps.setLong(2, totals.stored());
            ps.setLong(3, totals.unchanged());
            ps.setLong(4, totals.replaced());
            ps.setLong(5, totals.rejected());
            ps.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setString(7, ticket);
            ps.setLong(8, lastSeq);
            ps.executeUpdate();
        }
    }

    private void update(String ticket, String sql, String status) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status);
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setString(3, ticket);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw JdbcDossierStore.failure("updating import run " + ticket, e);
        }
    }

    // ------------------------------------------------------------------ items

    @Override
    public ItemOutcome commit(String ticket, long seq, String path, List<StagedRecord> records) {
        return inTransaction(ticket, seq, c -> save(c, seq, path, records, null));
    }

    /** The records' store forms ({@link JdbcDossierStore#form}), in their order; null for one it cannot make. */
    @Override
    public Object prepare(List<StagedRecord> records) {
        Object[] forms = new Object[records.size()];
        for (int i = 0; i < forms.length; i++) {
            forms[i] = store.form(records.get(i).dossier());
        }
        return new Prepared(records, forms);
    }

    /** What {@link #prepare} made, with the list it was made of (used only for that same list). */
    private record Prepared(List<StagedRecord> records, Object[] forms) {
        Object form(List<StagedRecord> of, int i) {
            return of == records ? forms[i] : null;
        }
    }

    /**
     * What {@link RunItems#storedIfNew} puts around the new application's statement
     * ({@link JdbcDossierStore#insertNewPostgres}): a guard of one row (the run's ticket) when the application
     * is not stored yet, none when it is; the application is written once per row of it, and the outcome row too.
     */
    private static final String STORED_IF_NEW_HEAD = "guard AS (SELECT CAST(? AS VARCHAR(64)) AS ticket"
            + " WHERE NOT EXISTS (SELECT 1 FROM application WHERE app_key = ?)), ";
    private static final int STORED_IF_NEW_HEAD_PARAMETERS = 2;
    private static final String STORED_IF_NEW_TAIL = ", outcome AS (INSERT INTO import_item (ticket, seq, path,"
            + " status, application, reason) SELECT ticket, ?, ?, '" + ItemStatus.STORED.wireName() + "', ?, NULL"
            + " FROM guard) SELECT count(*) FROM guard";

    /**
     * Saves an item's records and documents in the caller's transaction; its outcome (not yet recorded).
     * {@code forms}: {@link #prepare} of these records, or null.
     */
    private ItemOutcome save(Connection c, long seq, String path, List<StagedRecord> records, Prepared forms)
            throws SQLException {
        int inserted = 0;
        int updated = 0;
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            StagedRecord r = records.get(i);
            SaveOutcome o = store.save(c, r.dossier(), forms == null ? null : forms.form(records, i));
            String key = r.dossier().application().key();
            keys.add(key);
            for (StagedRecord.Document d : r.documents()) {
                SaveOutcome docOutcome = store.saveDocumentIn(c, key, d.info(), d.content());
                if (docOutcome == SaveOutcome.UPDATED && o == SaveOutcome.UNCHANGED) {
                    o = SaveOutcome.UPDATED;
                } else if (docOutcome == SaveOutcome.INSERTED && o == SaveOutcome.UNCHANGED) {
                    o = SaveOutcome.UPDATED;
                }
            }
            if (o == SaveOutcome.INSERTED) {
                inserted++;
            } else if (o == SaveOutcome.UPDATED) {
                updated++;
            }
        }
        ItemStatus status = updated > 0 ? ItemStatus.REPLACED : inserted > 0 ? ItemStatus.STORED : ItemStatus.UNCHANGED;
        return new ItemOutcome(seq, path, status, keys.isEmpty() ? null : clip(String.join(" ", keys), 400), null);
    }

    @Override
    public ItemOutcome reject(String ticket, long seq, String path, String application, String reason) {
        return inTransaction(ticket, seq, c -> rejected(seq, path, application, reason));
    }

    private static ItemOutcome rejected(long seq, String path, String application, String reason) {
        return new ItemOutcome(seq, path, ItemStatus.REJECTED, application == null ? null : clip(application, 400),
                reason == null ? "rejected" : clip(reason, BulkLimits.MAX_REASON_LENGTH));
    }

    /**
     * The run's items on one connection held for the whole run, each statement prepared once
     * ({@link StatementCache}); every item is still its own transaction (data and outcome row together), and
     * the run's row is written every {@value #CHECKPOINT_ITEMS} items (in that item's transaction), when the
     * writer opens (folding in what an earlier writer killed before its checkpoint committed) and when it closes.
     * An item whose seq is not after the run's last is refused ({@link IllegalStateException}), as by
     * {@link #commit}; two writers of one run meet on the outcome row's primary key, and the second one's item
     * fails whole. On PostgreSQL the connection's commits do not wait
     * for their WAL flush (see {@link #inTransaction}: set once for the session instead of per transaction,
     * and set back when the writer closes); {@link #finish}, on another connection, commits synchronously, and
     * a synchronous commit waits for the WAL up to itself, so every item of a finished run is durable before
     * the run reads as finished and its receipt is signed.
     */
    @Override
    public Items items(String ticket) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw JdbcDossierStore.failure("opening a connection for import run " + ticket, e);
        }
        ImportRun run;
        try {
            c.setAutoCommit(false);
            run = read(c, ticket);
            if (run != null) {
                checkpoint(c, ticket, run.lastSeq(), run.totals()); // what a writer killed before its checkpoint committed
            }
            c.commit();
            if (run != null && store.shared()) {
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("SET synchronous_commit TO OFF");
                }
                c.commit();
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw JdbcDossierStore.failure("opening a connection for import run " + ticket, e);
        }
        if (run == null) {
            closeQuietly(c);
            throw new IllegalStateException("no import run " + ticket);
        }
        return new RunItems(ticket, c, run.lastSeq(), run.totals());
    }

    private final class RunItems implements Items {
        private final String ticket;
        private final Connection connection;
        private final StatementCache statements;
        /** The run as its committed outcomes say: last seq and counters. */
        private long lastSeq;
        private ImportTotals totals;
        /** Items committed since the run's row was last written. */
        private int sinceCheckpoint;

        RunItems(String ticket, Connection connection, long lastSeq, ImportTotals totals) {
            this.ticket = ticket;
            this.connection = connection;
            this.statements = new StatementCache(connection);
            this.lastSeq = lastSeq;
            this.totals = totals;
        }

        @Override
        public ItemOutcome commit(long seq, String path, List<StagedRecord> records) {
            return commit(seq, path, records, null);
        }

        @Override
        public ItemOutcome commit(long seq, String path, List<StagedRecord> records, Object prepared) {
            checkNext(seq);
            if (store.shared() && records.size() == 1 && records.get(0).documents().isEmpty() && !checkpointDue()) {
                ItemOutcome stored = storedIfNew(seq, path, records.get(0), prepared instanceof Prepared p ? p.form(records, 0) : null);
                if (stored != null) {
                    return committed(stored, false);
                }
            }
            return inTransaction(seq, c -> save(c, seq, path, records, prepared instanceof Prepared p ? p : null));
        }

        @Override
        public ItemOutcome reject(long seq, String path, String application, String reason) {
            checkNext(seq);
            return inTransaction(seq, c -> rejected(seq, path, application, reason));
        }

        private void checkNext(long seq) {
            if (seq <= lastSeq) {
                throw new IllegalStateException("item " + seq + " of import run " + ticket
                        + " is committed already (the run's last seq is " + lastSeq + ")");
            }
        }

        /** Whether the next item's transaction writes the run's row too. */
        private boolean checkpointDue() {
            return sinceCheckpoint + 1 >= CHECKPOINT_ITEMS;
        }

        /** Notes a committed item; {@code checkpointed}: its transaction wrote the run's row. */
        private ItemOutcome committed(ItemOutcome outcome, boolean checkpointed) {
            lastSeq = outcome.seq();
            totals = totals.plus(outcome.status());
            sinceCheckpoint = checkpointed ? 0 : sinceCheckpoint + 1;
            return outcome;
        }

        /**
         * PostgreSQL, an item of one record whose application is new (the bulk of an initial load): one
         * statement with auto-commit on: one round trip where the general way takes four (the lock, the insert,
         * the outcome, the commit). It writes the record, its family link and index rows and the outcome row, all
         * or nothing; the commit does not wait for the WAL, as the general way's does not. Not for an item whose
         * transaction writes the run's checkpoint. Null when it wrote nothing: the application is stored already
         * (found, or inserted meanwhile by another writer: a unique violation), or another writer of the run took
         * the item's seq (a unique violation too): the general way then saves the item or fails, in a transaction.
         */
        private ItemOutcome storedIfNew(long seq, String path, StagedRecord r, Object form) {
            String key = r.dossier().application().key();
            ItemOutcome outcome = new ItemOutcome(seq, path, ItemStatus.STORED, clip(key, 400), null);
            try {
                connection.setAutoCommit(true);
                try {
                    long advanced = store.insertNewPostgres(statements.connection(), r.dossier(), form,
                            STORED_IF_NEW_HEAD, STORED_IF_NEW_HEAD_PARAMETERS, STORED_IF_NEW_TAIL, (ps, tail) -> {
                                ps.setString(1, ticket);
                                ps.setString(2, key);
                                ps.setLong(tail, seq);
                                ps.setString(tail + 1, clip(path, 1000));
                                ps.setString(tail + 2, outcome.application());
                            }, rs -> rs.getLong(1));
                    return advanced == 1 ? outcome : null;
                } finally {
                    connection.setAutoCommit(false);
                }
            } catch (SQLException e) {
                if (JdbcDossierStore.isDuplicateKey(e)) {
                    return null;
                }
                statements.reset();
                throw JdbcDossierStore.failure("committing item " + seq + " of import run " + ticket, e);
            }
        }

        /**
         * The item's work and its outcome row in one transaction, with the run's row when a checkpoint is due. As
         * {@link JdbcDossierStore#inTransaction}: done again once after a duplicate key (a concurrent writer).
         */
        private ItemOutcome inTransaction(long seq, ItemWork work) {
            boolean due = checkpointDue();
            for (int attempt = 1; ; attempt++) {
                try {
                    Connection c = statements.connection();
                    // committed through the store: the family index in memory follows the item's records
                    ItemOutcome outcome = store.runAndCommit(connection, ignored -> {
                        ItemOutcome o = work.run(c);
                        insertOutcome(c, ticket, o);
                        if (due) {
                            checkpoint(c, ticket, o.seq(), totals.plus(o.status()));
                        }
                        return o;
                    });
                    return committed(outcome, due);
                } catch (SQLException | RuntimeException e) {
                    statements.reset();
                    try {
                        connection.rollback();
                    } catch (SQLException r) {
                        e.addSuppressed(r);
                    }
                    if (e instanceof SQLException s) {
                        if (attempt == 1 && JdbcDossierStore.isDuplicateKey(s)) {
                            continue;
                        }
                        throw JdbcDossierStore.failure("committing item " + seq + " of import run " + ticket, s);
                    }
                    throw (RuntimeException) e;
                }
            }
        }

        @Override
        public void close() {
            if (sinceCheckpoint > 0) {
                try {
                    checkpoint(statements.connection(), ticket, lastSeq, totals);
                    connection.commit();
                    sinceCheckpoint = 0;
                } catch (SQLException e) {
                    // the row stays behind; readers and the next writer add the outcomes after it
                }
            }
            statements.close();
            try {
                connection.rollback();
                if (store.shared()) {
                    try (java.sql.Statement st = connection.createStatement()) {
                        st.execute("RESET synchronous_commit");
                    }
                    connection.commit();
                }
            } catch (SQLException e) {
                // its session may still not wait for the WAL: the pool must not lend it again
                if (dataSource instanceof com.zaxxer.hikari.HikariDataSource pool) {
                    pool.evictConnection(connection);
                    return;
                }
            }
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // nothing more to give back
        }
    }

    @FunctionalInterface
    private interface ItemWork {
        ItemOutcome run(Connection c) throws SQLException;
    }

    /**
     * Does the work, writes the outcome row and the run's checkpoint, in one transaction, for one item alone
     * (the statements a run's writer uses for an item that completes a checkpoint). Refused when {@code seq} is
     * not after the run's last, as its outcomes say; two importers committing the same seq at once meet on the
     * outcome row's primary key, and the one that retries finds the seq taken.
     */
    private ItemOutcome inTransaction(String ticket, long seq, ItemWork work) {
        return store.inTransaction("committing item " + seq + " of import run " + ticket, c -> {
            if (store.shared()) { // PostgreSQL (as JdbcNonceRegistry does)
                // The commit does not wait for its WAL flush (the per-item fsync would bound the import at a
                // few hundred items a second). Still exactly once: a PostgreSQL crash can lose the last few
                // commits, but each loses an item's data and its outcome together, so the resumed import
                // does them again; an importer killed at any moment loses nothing PostgreSQL acknowledged.
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("SET LOCAL synchronous_commit TO OFF");
                }
            }
            ImportRun run = read(c, ticket);
            if (run == null || seq <= run.lastSeq()) {
                throw new IllegalStateException("item " + seq + " of import run " + ticket
                        + " is committed already, or the run does not exist");
            }
            ItemOutcome outcome = work.run(c);
            insertOutcome(c, ticket, outcome);
            checkpoint(c, ticket, seq, run.totals().plus(outcome.status()));
            return outcome;
        });
    }

    /** Writes the item's outcome row (its primary key, ticket and seq, refuses a second one). */
    private static void insertOutcome(Connection c, String ticket, ItemOutcome o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO import_item (ticket, seq, path, status, application,"
                + " reason) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, ticket);
            bindOutcome(ps, 2, o);
            ps.executeUpdate();
        }
    }

    /** The outcome row's seq, path, status, application and reason, from parameter {@code from} on. */
    private static void bindOutcome(PreparedStatement ps, int from, ItemOutcome o) throws SQLException {
        ps.setLong(from, o.seq());
        ps.setString(from + 1, clip(o.path(), 1000));
        ps.setString(from + 2, o.status().wireName());
        ps.setString(from + 3, o.application());
        ps.setString(from + 4, o.reason());
    }

    // ------------------------------------------------------------------ registry

    @Override
    public Optional<ImportRun> byTicket(String ticket) {
        List<ImportRun> runs = runs("SELECT " + RUN_COLUMNS + " FROM import_run WHERE ticket = ?", ticket);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    @Override
    public Optional<ImportRun> latestByPackage(String packageSha256) {
        List<ImportRun> runs = runs("SELECT " + RUN_COLUMNS + " FROM import_run WHERE package_sha256 = ?"
                + " ORDER BY received_at DESC, ticket", packageSha256);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    @Override
    public List<ImportRun> unfinished() {
        return runs("SELECT " + RUN_COLUMNS + " FROM import_run WHERE status IN ('running', 'interrupted')"
                + " ORDER BY received_at, ticket", null);
    }

    @Override
    public int outcomes(String ticket, long afterSeq, int limit, Consumer<ItemOutcome> sink) {
        int n = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT seq, path, status, application, reason FROM import_item"
                     + " WHERE ticket = ? AND seq > ? ORDER BY seq FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")) {
            ps.setString(1, ticket);
            ps.setLong(2, afterSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new ItemOutcome(rs.getLong(1), rs.getString(2), ItemStatus.fromWireName(rs.getString(3)),
                            rs.getString(4), rs.getString(5)));
                    n++;
                }
            }
        } catch (SQLException e) {
            throw JdbcDossierStore.failure("reading the outcomes of import run " + ticket, e);
        }
        return n;
    }

    private List<ImportRun> runs(String sql, String param) {
        try (Connection c = dataSource.getConnection()) {
            return runs(c, sql, param);
        } catch (SQLException e) {
            throw JdbcDossierStore.failure("reading import runs", e);
        }
    }

    /** The runs the query finds, each unfinished one with its outcomes after its checkpoint added. */
    private static List<ImportRun> runs(Connection c, String sql, String param) throws SQLException {
        List<ImportRun> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long count = rs.getLong(7);
                    Long itemCount = rs.wasNull() ? null : count;
                    OffsetDateTime completed = rs.getObject(15, OffsetDateTime.class);
                    out.add(new ImportRun(rs.getString(1),
                            new PackageIdentity(PackageForm.fromWireName(rs.getString(4)), rs.getString(2), rs.getString(3)),
                            rs.getString(5), RunStatus.fromWireName(rs.getString(6)), itemCount, rs.getLong(8),
                            new ImportTotals(rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12)),
                            rs.getObject(13, OffsetDateTime.class).toInstant(), rs.getObject(14, OffsetDateTime.class).toInstant(),
                            completed == null ? null : completed.toInstant(), rs.getString(16)));
                }
            }
        }
        for (int i = 0; i < out.size(); i++) {
            if (!out.get(i).status().finished()) {
                out.set(i, withTail(c, out.get(i)));
            }
        }
        return out;
    }

    /** The run with the outcomes committed after its checkpoint counted in (itself when there are none). */
    private static ImportRun withTail(Connection c, ImportRun run) throws SQLException {
        long lastSeq = run.lastSeq();
        ImportTotals totals = run.totals();
        try (PreparedStatement ps = c.prepareStatement(TAIL)) {
            ps.setString(1, run.ticket());
            ps.setLong(2, run.lastSeq());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    totals = totals.plus(ItemStatus.fromWireName(rs.getString(1)), rs.getLong(2));
                    lastSeq = Math.max(lastSeq, rs.getLong(3));
                }
            }
        }
        return lastSeq == run.lastSeq() ? run : new ImportRun(run.ticket(), run.identity(), run.sendingOffice(),
                run.status(), run.itemCount(), lastSeq, totals, run.receivedAt(), run.updatedAt(), run.completedAt(),
                run.reason());
    }

    // ------------------------------------------------------------------ export

    @Override
    public List<String> changedKeys(Instant since, Set<String> offices, String afterKey, int limit) {
        StringBuilder sql = new StringBuilder("SELECT app_key FROM application WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (since != null) {
            sql.append(" AND updated_at > ?");
            params.add(since.atOffset(ZoneOffset.UTC));
        }
        if (!offices.isEmpty()) {
            sql.append(" AND office IN (").append("?,".repeat(offices.size() - 1)).append("?)");
            params.addAll(new TreeSet<>(offices));
        }
        if (afterKey != null) {
            sql.append(" AND app_key > ?");
            params.add(afterKey);
        }
        sql.append(" ORDER BY app_key FETCH FIRST ").append(Math.max(1, limit)).append(" ROWS ONLY");
        List<String> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw JdbcDossierStore.failure("listing the applications changed since " + since, e);
        }
        return keys;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
