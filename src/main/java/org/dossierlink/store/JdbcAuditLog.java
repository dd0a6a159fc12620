package org.dossierlink.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import org.dossierlink.access.AuditChain;
import org.dossierlink.access.AuditEntry;
import org.dossierlink.access.AuditRecord;
import org.dossierlink.access.AuditTrail;
import org.dossierlink.access.ChainCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log in the store's database (tables {@code audit_log} and {@code audit_head}, see
 * V5__audit_log.sql), hash-chained by {@link AuditChain}. Thread-safe.
 *
 * <p><b>Appending</b> puts the entry on a bounded queue ({@value #DEFAULT_CAPACITY} entries) and
 * returns. One writer thread takes what is queued, up to {@value #MAX_BATCH} entries at a time, and
 * stores it in one transaction: lock the head row ({@code SELECT ... FOR UPDATE}), chain the entries
 * to it, insert them with multi-row INSERTs, move the head. Batches form by themselves: while one
 * commits, the next gathers, so a quiet node stores each entry at once and a busy one writes few,
 * large transactions. Because the head row is locked, several nodes on one PostgreSQL database
 * extend one chain, one batch after another, without forking it.
 *
 * <p><b>When the database fails</b> the writer keeps the batch, logs a warning and tries again
 * (after 0.1 s, doubling up to 5 s); nothing is dropped while the process lives. Meanwhile the queue
 * fills. <b>When the queue is full, append waits for room</b> instead of dropping the entry or
 * failing the request: an audit log that silently loses entries is worse than a slow request, and
 * the queue only fills when the database has been unreachable for a while, when the dossier store
 * (the same database) cannot serve requests either. A warning says so, at most every 10 s.
 *
 * <p><b>Closing</b> refuses further appends and waits for the writer to store everything queued, for
 * at most the close timeout (30 s by default); what the database did not take by then is counted in
 * an error log line. Close the audit log before the store.
 *
 * <p>Reading ({@link #entries}, {@link #verify}) streams rows with a fetch size; it does not need
 * the writer and does not lock anything.
 */
public final class JdbcAuditLog implements AuditTrail {

    /** Entries that may wait for the writer before {@link #append} waits too. */
    public static final int DEFAULT_CAPACITY = 100_000;
    /** Most entries in one transaction. */
    static final int MAX_BATCH = 500;
    /** Rows fetched per round trip when reading. */
    static final int FETCH_SIZE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditLog.class);
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final long FIRST_RETRY_MS = 100;
    private static final long LAST_RETRY_MS = 5000;
    private static final long POLL_MS = 100;
    private static final long FULL_WARNING_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final String COLUMNS = "seq, recorded_at, request_id, caller, operation, target, result, reason,"
            + " prev_hash, hash";
    private static final MultiRowInsert<AuditRecord> INSERT = new MultiRowInsert<>("audit_log", COLUMNS.split(", "));
    private static final String LOCK_HEAD = "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE";
    private static final String READ_HEAD = "SELECT seq, hash FROM audit_head WHERE id = 1";
    private static final String UPDATE_HEAD = "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1";

    private final DataSource dataSource;
    private final BlockingQueue<AuditEntry> queue;
    private final Duration closeTimeout;
    private final Thread writer;

    /** Appends between their check of {@link #closed} and their entry being queued. */
    private final AtomicInteger appending = new AtomicInteger();
    /** Entries queued so far. */
    private final AtomicLong appended = new AtomicLong();
    private final CountDownLatch abandon = new CountDownLatch(1);
    private final Object progress = new Object();
    /** Entries stored so far; guarded by {@link #progress}. */
    private long stored;
    private volatile boolean writerStopped;
    private volatile boolean closed;
    private volatile long lastFullWarning = System.nanoTime() - FULL_WARNING_EVERY_NANOS;

    /** The audit log in the store's database, with the default queue and close timeout. */
    public JdbcAuditLog(JdbcDossierStore store) {
        this(store.dataSource(), DEFAULT_CAPACITY, DEFAULT_CLOSE_TIMEOUT);
    }

    JdbcAuditLog(DataSource dataSource, int capacity, Duration closeTimeout) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
        this.writer = new Thread(this::writeUntilClosed, "dossierlink-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    // ------------------------------------------------------------------ appending

    @Override
    public void append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        appending.incrementAndGet();
        try {
            if (closed) {
                throw new IllegalStateException("the audit log is closed");
            }
            appended.incrementAndGet();
            if (!queue.offer(entry)) {
                waitForRoom(entry);
            }
        } finally {
            appending.decrementAndGet();
        }
    }

    private void waitForRoom(AuditEntry entry) {
        long now = System.nanoTime();
        if (now - lastFullWarning >= FULL_WARNING_EVERY_NANOS) {
            lastFullWarning = now;
            LOG.warn("the audit queue is full ({} entries): requests wait until the audit writer stores them",
                    queue.remainingCapacity() + queue.size());
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (queue.offer(entry, POLL_MS, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (writerStopped) {
                    throw new IllegalStateException("the audit log was closed before this entry could be queued");
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void flush() {
        long target = appended.get();
        synchronized (progress) {
            while (stored < target) {
                if (writerStopped) {
                    throw new IllegalStateException((target - stored)
                            + " audit entries were not stored before the audit log was closed");
                }
                try {
                    progress.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the audit log to be stored", e);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(Math.max(1, closeTimeout.toMillis()));
            if (writer.isAlive()) {
                abandon.countDown();
                writer.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            abandon.countDown();
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ the writer

    private void writeUntilClosed() {
        List<AuditEntry> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (abandon.getCount() > 0) {
                AuditEntry first = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    // closed, no append between its check and its queue offer, nothing queued: done
                    if (closed && appending.get() == 0 && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (!storeWithRetries(batch)) {
                    return;
                }
                synchronized (progress) {
                    stored += batch.size();
                    progress.notifyAll();
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            int lost = batch.size() + queue.size();
            if (lost > 0) {
                LOG.error("{} audit entries were not stored: the database did not take them before the audit log"
                        + " was closed", lost);
            }
            writerStopped = true;
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    /** True once stored; false when abandoned at close while the database still fails. */
    private boolean storeWithRetries(List<AuditEntry> batch) throws InterruptedException {
        long wait = FIRST_RETRY_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                store(batch);
                if (attempt > 1) {
                    LOG.info("audit log: stored {} entries after {} failed attempts", batch.size(), attempt - 1);
                }
                return true;
            } catch (SQLException | RuntimeException e) {
                LOG.warn("audit log: cannot store {} entries (attempt {}), trying again in {} ms: {}",
                        batch.size(), attempt, wait, e.toString());
            }
            if (abandon.await(wait, TimeUnit.MILLISECONDS)) {
                return false;
            }
            wait = Math.min(wait * 2, LAST_RETRY_MS);
        }
    }

    private void store(List<AuditEntry> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long seq;
                String hash;
                try (PreparedStatement ps = c.prepareStatement(LOCK_HEAD); ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("the audit_head row is missing");
                    }
                    seq = rs.getLong(1);
                    hash = rs.getString(2);
                }
                List<AuditRecord> records = new ArrayList<>(batch.size());
                for (AuditEntry e : batch) {
                    seq++;
                    String h = AuditChain.hash(hash, seq, e);
                    records.add(new AuditRecord(seq, e, hash, h));
                    hash = h;
                }
                INSERT.insert(c, records, JdbcAuditLog::bind);
                try (PreparedStatement ps = c.prepareStatement(UPDATE_HEAD)) {
                    ps.setLong(1, seq);
                    ps.setString(2, hash);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    private static void bind(PreparedStatement ps, int o, AuditRecord r) throws SQLException {
        AuditEntry e = r.entry();
        ps.setLong(o + 1, r.seq());
        ps.setObject(o + 2, OffsetDateTime.ofInstant(e.time(), ZoneOffset.UTC));
        ps.setString(o + 3, e.requestId());
        ps.setString(o + 4, e.caller());
        ps.setString(o + 5, e.operation());
        ps.setString(o + 6, e.target());
        ps.setString(o + 7, e.result());
        if (e.reason() == null) {
            ps.setNull(o + 8, Types.VARCHAR);
        } else {
            ps.setString(o + 8, e.reason());
        }
        ps.setString(o + 9, r.prevHash());
        ps.setString(o + 10, r.hash());
    }

    // ------------------------------------------------------------------ reading

    /**
     * The stored entries in sequence order, those of {@code officeOrNull} (the caller) only when it
     * is given, and those recorded at or after {@code sinceOrNull} only when it is given. The stream
     * holds a connection until it is closed: use it in try-with-resources. Rows are fetched
     * {@value #FETCH_SIZE} at a time (memory stays bounded however long the log is).
     */
    public Stream<AuditRecord> entries(String officeOrNull, Instant sinceOrNull) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (officeOrNull != null) {
            where.append(" WHERE caller = ?");
            params.add(officeOrNull);
        }
        if (sinceOrNull != null) {
            where.append(params.isEmpty() ? " WHERE" : " AND").append(" recorded_at >= ?");
            params.add(OffsetDateTime.ofInstant(sinceOrNull, ZoneOffset.UTC));
        }
        return select(where.toString(), params);
    }

    /**
     * Walks the whole chain in sequence order (streaming) and checks that the sequence has no gap,
     * that each entry links to the hash of the one before, that each hash matches its entry, and that
     * the head row names the last entry and its hash. Entries appended meanwhile are checked too. Stops
     * at the first problem.
     */
    public ChainCheck verify() {
        Head before = readHead();
        AuditChain.Walk walk = new AuditChain.Walk();
        try (Stream<AuditRecord> rows = select("", List.of())) {
            Iterator<AuditRecord> it = rows.iterator();
            while (it.hasNext()) {
                AuditRecord r;
                try {
                    r = it.next();
                } catch (UnreadableEntry e) {
                    walk.fail(e.seq, e.getMessage());
                    break;
                }
                if (!walk.accept(r)) {
                    break;
                }
                if (before != null && r.seq() == before.seq && !r.hash().equals(before.hash)) {
                    walk.fail(r.seq(), "the head row says entry " + r.seq() + " has hash " + before.hash
                            + ", the chain has " + r.hash() + " (the head row was changed)");
                    break;
                }
            }
        }
        if (!walk.isBroken()) {
            checkHead(walk, before);
        }
        return walk.result();
    }

    private void checkHead(AuditChain.Walk walk, Head before) {
        long last = walk.lastSeq();
        if (before == null) {
            walk.fail(last, "the head row (audit_head) is missing");
        } else if (before.seq == 0 && !before.hash.equals(AuditChain.GENESIS)) {
            walk.fail(0, "the head row of an empty chain must hold the genesis hash (the head row was changed)");
        } else if (last < before.seq) {
            walk.fail(last + 1, "the head row says the chain has " + before.seq + " entries, it ends at entry "
                    + last + " (entries were removed from the end)");
        } else if (last > before.seq) {
            // appended while the walk went on, or a head moved back: the head now must cover them
            Head after = readHead();
            if (after == null) {
                walk.fail(last, "the head row (audit_head) is missing");
            } else if (after.seq < last) {
                walk.fail(after.seq + 1, "entries " + (after.seq + 1) + " to " + last + " are past the head row,"
                        + " which says " + after.seq + " (the head row was changed)");
            } else if (after.seq == last && !after.hash.equals(walk.lastHash())) {
                walk.fail(last, "the head row says entry " + last + " has hash " + after.hash + ", the chain has "
                        + walk.lastHash() + " (the head row was changed)");
            }
        }
    }

    private record Head(long seq, String hash) {
    }

    /** The head row, or null when it is missing. */
    private Head readHead() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(READ_HEAD);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : null;
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit log's head: " + e.getMessage(), e);
        }
    }

    private Stream<AuditRecord> select(String where, List<Object> params) {
        Connection c = null;
        PreparedStatement ps = null;
        ResultSet rs = null;
        try {
            c = dataSource.getConnection();
            // PostgreSQL honours the fetch size (a cursor) only inside a transaction
            c.setAutoCommit(false);
            ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_log" + where + " ORDER BY seq",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            rs = ps.executeQuery();
        } catch (SQLException e) {
            StoreException failure = new StoreException("cannot read the audit log: " + e.getMessage(), e);
            release(rs, ps, c, failure);
            throw failure;
        }
        Rows rows = new Rows(c, ps, rs);
        return StreamSupport.stream(rows, false).onClose(rows::close);
    }

    /** The rows of one query, one record at a time; {@link #close} ends the read and returns the connection. */
    private static final class Rows extends Spliterators.AbstractSpliterator<AuditRecord> {

        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rs;

        Rows(Connection connection, PreparedStatement statement, ResultSet rs) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE);
            this.connection = connection;
            this.statement = statement;
            this.rs = rs;
        }

        @Override
        public boolean tryAdvance(Consumer<? super AuditRecord> action) {
            try {
                if (!rs.next()) {
                    return false;
                }
                action.accept(record(rs));
                return true;
            } catch (SQLException e) {
                throw new StoreException("cannot read the audit log: " + e.getMessage(), e);
            }
        }

        void close() {
            StoreException failure = new StoreException("cannot finish reading the audit log", null);
            release(rs, statement, connection, failure);
            if (failure.getSuppressed().length > 0) {
                throw failure;
            }
        }
    }

    private static AuditRecord record(ResultSet rs) throws SQLException {
        long seq = rs.getLong(1);
        try {
            AuditEntry entry = new AuditEntry(rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
            return new AuditRecord(seq, entry, rs.getString(9), rs.getString(10));
        } catch (RuntimeException e) {
            throw new UnreadableEntry(seq, e);
        }
    }

    /** A row that is not a valid entry (only a hand-edited row can be one). */
    static final class UnreadableEntry extends StoreException {
        final long seq;

        UnreadableEntry(long seq, RuntimeException cause) {
            super("entry " + seq + " is not a valid audit entry (the entry was changed): " + cause.getMessage(), cause);
            this.seq = seq;
        }
    }

    /** Closes what is open, ends the read-only transaction; problems go into {@code failure} as suppressed. */
    private static void release(ResultSet rs, PreparedStatement ps, Connection c, Exception failure) {
        for (AutoCloseable closeable : new AutoCloseable[] {rs, ps}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
        }
        if (c != null) {
            try {
                c.rollback();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
            try {
                c.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
