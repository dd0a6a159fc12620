package org.dossierlink.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import javax.sql.DataSource;

import org.dossierlink.dossier.DossierStore.PriorityLinks;
import org.dossierlink.dossier.PriorityIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The family index ({@code family_link}) of an embedded H2 store, held in memory, so that a family lookup
 * reads no index pages of the database.
 *
 * <p><b>Only for a store this process alone writes.</b> Every write of the store reaches this index through
 * {@link #commit}; a write by another process would not, so a store several nodes share (PostgreSQL) reads
 * its index from the database ({@link StoreConfig#familyIndexInMemory()}). Stores opened more than once in
 * one process on the same database share one index ({@link #open}).
 *
 * <p><b>Layout.</b> Keys (application and priority keys alike) are numbered by a {@link KeyDictionary}; for
 * each application the ids of its active priority keys in claim order ({@code claims}; absent for a key
 * that is no stored application), and for each key the ids of the applications claiming it
 * ({@code claimants}). All of it sits in a handful of int and byte arrays: about 60 MB for a million
 * applications, which the garbage collector never walks.
 *
 * <p><b>Start-up.</b> {@link #open} builds the index on a thread of its own, reading {@code family_link}
 * in pages of {@value #PAGE_ROWS} rows along its key; until it is ready, {@link #read} hands out the store's SQL index,
 * so a node answers from its first second. Writes committed during the build are kept and applied when the
 * rows are read (a change is the whole new claim list of an application, so applying one the build already
 * saw changes nothing).
 *
 * <p><b>Consistency.</b> A change is applied after its transaction commits and before the writing call
 * returns, so the next request sees it; a rolled-back transaction changes nothing. Commits that carry
 * changes are made one at a time together with applying them, so the index follows the database's commit
 * order. Readers run under a read lock and see the index between two transactions, never within one. If
 * applying a change fails, the index is dropped and the store reads SQL again: it never answers from a
 * state the database does not have.
 */
final class InMemoryFamilyIndex {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryFamilyIndex.class);

    /** The new active priority keys of an application, in claim order, each once: its row of family_link. */
    record Change(String applicationKey, List<String> priorityKeys) {
        Change {
            priorityKeys = List.copyOf(priorityKeys);
        }
    }

    /** What an index holds, for logs and benchmarks. */
    record Summary(boolean ready, int applications, int keys, long heapBytes, long buildMillis, long buildCpuMillis) {
    }

    private enum State { BUILDING, READY, FAILED }

    /**
     * The build reads family_link in pages along its primary key: one long streaming query (H2's lazy
     * execution) failed on a large store ("Chunk not found") when H2 rewrote the file under it, and a
     * non-lazy one holds the whole result. Pages need no single snapshot: every write committed since the
     * index was opened is applied again after the last page.
     */
    private static final int PAGE_ROWS = 20_000;
    private static final String PAGE = "SELECT app_key, priority_keys FROM family_link WHERE app_key > ?"
            + " ORDER BY app_key LIMIT " + PAGE_ROWS;

    /** Open indexes by database (see {@link #open}), with how many stores use each. */
    private static final Map<String, InMemoryFamilyIndex> OPEN = new HashMap<>();

    private final String database;
    private int users; // guarded by OPEN

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Held while committing a transaction that changes the index and applying its changes. */
    private final Object commitOrder = new Object();
    private final KeyDictionary keys = new KeyDictionary();
    /** Application id: ids of its active priority keys; absent for keys that are no application. */
    private final IntLists claims = new IntLists();
    /** Key id: ids of the applications whose active claims include it. */
    private final IntLists claimants = new IntLists();
    private int applications;
    private long buildMillis;
    private long buildCpuMillis;
    private final CountDownLatch built = new CountDownLatch(1);
    private volatile State state = State.BUILDING;
    /** Changes committed while building (guarded by commitOrder). */
    private List<Change> changesWhileBuilding = new ArrayList<>();
    private final PriorityIndex view = new View();

    private InMemoryFamilyIndex(String database) {
        this.database = database;
    }

    /**
     * The index of {@code database} (a name that is the same for every store opened on it in this process),
     * built from {@code dataSource} in the background when this is the first store on it.
     */
    static InMemoryFamilyIndex open(String database, DataSource dataSource) {
        InMemoryFamilyIndex index;
        synchronized (OPEN) {
            index = OPEN.get(database);
            if (index != null) {
                index.users++;
                return index;
            }
            index = new InMemoryFamilyIndex(database);
            index.users = 1;
            OPEN.put(database, index);
        }
        InMemoryFamilyIndex building = index;
        Thread t = new Thread(() -> building.build(dataSource), "dossierlink-family-index");
        t.setDaemon(true);
        t.start();
        return index;
    }

    /**
     * The index some store of this process keeps for {@code database} (building or built), or null: what a store
     * opened without one of its own feeds with its commits ({@link JdbcDossierStore#openWithoutFamilyIndex}).
     */
    static InMemoryFamilyIndex opened(String database) {
        synchronized (OPEN) {
            return OPEN.get(database);
        }
    }

    /** A store using this index closes; the last one drops it. */
    void release() {
        synchronized (OPEN) {
            if (--users == 0) {
                OPEN.remove(database, this);
            }
        }
    }

    /** Runs {@code reading} against this index when it is ready (under the read lock), else against {@code sql}. */
    <T> T read(Function<? super PriorityIndex, T> reading, PriorityIndex sql) {
        if (state == State.READY) {
            lock.readLock().lock();
            try {
                if (state == State.READY) {
                    return reading.apply(view);
                }
            } finally {
                lock.readLock().unlock();
            }
        }
        return reading.apply(sql);
    }

    /** Commits through {@code commit} and then applies {@code changes}, one committing transaction at a time. */
    void commit(SqlAction commit, List<Change> changes) throws SQLException {
        synchronized (commitOrder) {
            commit.run();
            if (state == State.BUILDING) {
                changesWhileBuilding.addAll(changes);
            } else if (state == State.READY) {
                lock.writeLock().lock();
                try {
                    applyAll(changes);
                } finally {
                    lock.writeLock().unlock();
                }
            }
        }
    }

    /** Waits until the index is built (or failed to build); true when it answers reads. */
    boolean awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
        return built.await(timeout, unit) && state == State.READY;
    }

    Summary summary() {
        if (state != State.READY) {
            return new Summary(false, 0, 0, 0, 0, 0);
        }
        lock.readLock().lock();
        try {
            return new Summary(state == State.READY, applications, keys.size(),
                    keys.heapBytes() + claims.heapBytes() + claimants.heapBytes(), buildMillis, buildCpuMillis);
        } finally {
            lock.readLock().unlock();
        }
    }

    @FunctionalInterface
    interface SqlAction {
        void run() throws SQLException;
    }

    // ------------------------------------------------------------------ building and changing

    private void build(DataSource dataSource) {
        long t0 = System.nanoTime();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        try {
            // no lock while reading the pages: until READY only this thread touches the arrays (writers queue
            // their changes, readers use SQL), and READY is set under the write lock below
            readPages(dataSource);
            synchronized (commitOrder) {
                lock.writeLock().lock();
                try {
                    applyAll(changesWhileBuilding);
                    changesWhileBuilding = null;
                    if (state == State.BUILDING) {
                        buildMillis = (System.nanoTime() - t0) / 1_000_000;
                        buildCpuMillis = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
                        state = State.READY;
                    }
                } finally {
                    lock.writeLock().unlock();
                }
            }
            if (state == State.READY) {
                Summary s = summary();
                LOG.info("family index in memory: {} applications, {} keys, {} MB, built in {} ms ({} ms of CPU)",
                        s.applications(), s.keys(), s.heapBytes() / (1024 * 1024), s.buildMillis(), s.buildCpuMillis());
            }
        } catch (SQLException | RuntimeException | OutOfMemoryError e) {
            synchronized (commitOrder) {
                state = State.FAILED;
                changesWhileBuilding = null;
            }
            boolean closed;
            synchronized (OPEN) {
                closed = users == 0;
            }
            if (closed) {
                LOG.debug("the family index was not built: its store closed first ({})", e.toString());
            } else {
                LOG.warn("the family index could not be built in memory; family lookups read it from the database: {}",
                        e.toString());
            }
        } finally {
            built.countDown();
        }
    }

    private void readPages(DataSource dataSource) throws SQLException {
        String after = "";
        for (int rows = PAGE_ROWS; rows == PAGE_ROWS; ) {
            rows = 0;
            // a connection per page: requests answered from the database meanwhile need the pool
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PAGE)) {
                ps.setString(1, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getString(1);
                        apply(after, JdbcDossierStore.splitKeys(rs.getString(2)));
                        rows++;
                    }
                }
            }
        }
    }

    /** Applies changes under the write lock; a failure drops the index (reads go to SQL) rather than leave it half-changed. */
    private void applyAll(List<Change> changes) {
        try {
            for (Change change : changes) {
                apply(change.applicationKey(), change.priorityKeys());
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            state = State.FAILED;
            LOG.warn("the family index in memory was dropped after a failed update; family lookups read it from the"
                    + " database from now on: {}", e.toString());
        }
    }

    private int[] scratch = new int[16];

    private void apply(String applicationKey, List<String> priorityKeys) {
        int app = keys.intern(applicationKey);
        if (scratch.length < priorityKeys.size()) {
            scratch = new int[priorityKeys.size() * 2];
        }
        int n = 0;
        for (String key : priorityKeys) {
            int id = keys.intern(key);
            if (!contains(scratch, n, id)) {
                scratch[n++] = id;
            }
        }
        if (claims.present(app)) {
            for (int i = claims.size(app) - 1; i >= 0; i--) {
                claimants.remove(claims.get(app, i), app);
            }
        } else {
            applications++;
        }
        claims.set(app, scratch, n);
        for (int i = 0; i < n; i++) {
            claimants.add(scratch[i], app);
        }
    }

    private static boolean contains(int[] values, int n, int value) {
        for (int i = 0; i < n; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ reading

    /** The index as {@link PriorityIndex}; used under the read lock only. */
    private final class View implements PriorityIndex {

        @Override
        public List<PriorityLinks> linksByPriorities(Collection<String> priorityKeys) {
            IntBag found = new IntBag();
            for (String key : priorityKeys) {
                int id = keys.find(key);
                if (id < 0) {
                    continue;
                }
                if (claims.present(id)) {
                    found.add(id);
                }
                for (int i = 0, n = claimants.size(id); i < n; i++) {
                    found.add(claimants.get(id, i));
                }
            }
            return links(found);
        }

        @Override
        public List<PriorityLinks> linksByApplications(Collection<String> applicationKeys) {
            IntBag found = new IntBag();
            for (String key : applicationKeys) {
                int id = keys.find(key);
                if (id >= 0 && claims.present(id)) {
                    found.add(id);
                }
            }
            return links(found);
        }

        /** The links of the applications, each once, by application key. */
        private List<PriorityLinks> links(IntBag applications) {
            int[] ids = applications.distinct();
            List<PriorityLinks> result = new ArrayList<>(ids.length);
            for (int app : ids) {
                int n = claims.size(app);
                String[] priorities = new String[n];
                for (int i = 0; i < n; i++) {
                    priorities[i] = keys.key(claims.get(app, i));
                }
                result.add(new PriorityLinks(keys.key(app), Arrays.asList(priorities)));
            }
            result.sort(Comparator.comparing(PriorityLinks::applicationKey));
            return result;
        }
    }

    /** A growable bag of ints. */
    private static final class IntBag {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        /** The values sorted, each once. */
        int[] distinct() {
            Arrays.sort(values, 0, size);
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (n == 0 || values[n - 1] != values[i]) {
                    values[n++] = values[i];
                }
            }
            return Arrays.copyOf(values, n);
        }
    }
}
