package org.dossierlink.store;

import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.InvalidRequestException;
import org.dossierlink.NotFoundException;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Direction;
import org.dossierlink.dossier.DocumentGroup;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore;
import org.dossierlink.dossier.PriorityIndex;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.Publication;
import org.dossierlink.dossier.StoredDocument;
import org.flywaydb.core.Flyway;

/**
 * The dossier store on H2 (embedded) or PostgreSQL, through a HikariCP pool; schema by the Flyway
 * migrations in {@code db/migration}. Thread-safe: every call borrows its own connection.
 *
 * <p>Layout (V1__dossier_store.sql): one {@code application} row holds a whole record (scalar
 * fields as columns, lists as JSON, see {@link DossierJson}); {@code publication_index} and
 * {@code priority_index} are derived from it in the same transaction and serve the lookups.
 *
 * <p>Writes: {@link #save} locks the application row, compares the record's content hash and
 * writes nothing when it is unchanged. {@link #saveAll} works in chunks of {@value #CHUNK} records,
 * one transaction per chunk (a collection of up to {@value #CHUNK} is atomic; a larger one is not:
 * a failure leaves the earlier chunks committed, which is safe because saving is idempotent: run
 * the load again), with multi-row INSERTs.
 *
 * <p>Reads: every multi-key read is one statement per slice of at most {@value #MAX_IN} keys; IN
 * lists are padded to a power of two so a handful of statement texts serve every size (the
 * databases' statement caches stay warm).
 *
 * <p>The family index ({@link #linksByPriorities}, {@link #linksByApplications}, {@link #readPriorityIndex}):
 * on a store only this process writes (embedded H2, {@link StoreConfig#familyIndexInMemory()}) it is
 * answered from memory ({@link InMemoryFamilyIndex}), which every transaction here updates when it commits;
 * on PostgreSQL, which other nodes write, and on a store opened for a one-shot command
 * ({@link #openWithoutFamilyIndex}), from {@code priority_index} and {@code family_link}.
 */
public final class JdbcDossierStore implements DossierStore {

    /** Records per transaction in {@link #saveAll}. */
    static final int CHUNK = 2000;
    /** Largest IN list in one statement. */
    static final int MAX_IN = 512;

    private static final String DUPLICATE_KEY = "23505";

    private static final MultiRowInsert<Row> INSERT_APPLICATIONS = new MultiRowInsert<>("application",
            "office", "app_number", "kind", "original_number", "filing_date", "family_id", "source", "record", "content_hash", "updated_at", "app_key");
    private static final String UPDATE_APPLICATION = "UPDATE application SET office = ?, app_number = ?, kind = ?,"
            + " original_number = ?, filing_date = ?, family_id = ?, source = ?, record = ?,"
            + " content_hash = ?, updated_at = ? WHERE app_key = ?";
    private static final MultiRowInsert<Row> INSERT_FAMILY_LINKS = new MultiRowInsert<>("family_link",
            "priority_keys", "app_key");
    private static final String UPDATE_FAMILY_LINK = "UPDATE family_link SET priority_keys = ? WHERE app_key = ?";
    private static final MultiRowInsert<IndexEntry> INSERT_PUBLICATION_INDEX = new MultiRowInsert<>(
            "publication_index", "pub_key", "app_key");
    private static final MultiRowInsert<ClaimEntry> INSERT_PRIORITY_INDEX = new MultiRowInsert<>(
            "priority_index", "priority_key", "app_key", "claimant_keys");
    /**
     * PostgreSQL: a new application's row, family link and index rows in one statement (data-modifying WITH:
     * each part runs once, whole), one round trip instead of four; the parameters as {@link #insertOnePostgres}
     * binds them.
     */
    private static final String INSERT_ONE_POSTGRES = "WITH app AS (" + INSERT_APPLICATIONS.oneRow() + "),"
            + " link AS (" + INSERT_FAMILY_LINKS.oneRow() + "),"
            + " pubs AS (INSERT INTO publication_index (pub_key, app_key) SELECT k, ? FROM unnest(?::varchar[]) AS k)"
            + " INSERT INTO priority_index (priority_key, app_key, claimant_keys) SELECT k, ?, ? FROM unnest(?::varchar[]) AS k";
    /**
     * PostgreSQL: WITH parts that write a record as a new application, once for each row of an earlier WITH
     * part named {@code guard} (none: nothing is written): {@code app} returns the key, and the family link
     * and the index rows read it. A plain INSERT: when the key is stored already the statement fails whole
     * (unique violation). The casts type the parameters, which a SELECT does not take from the columns.
     * {@link #insertNewPostgres} puts a caller's own parts before and after them.
     */
    private static final String NEW_APPLICATION_POSTGRES = "app AS (INSERT INTO application (office, app_number,"
            + " kind, original_number, filing_date, family_id, source, record, content_hash, updated_at, app_key)"
            + " SELECT ?, ?, ?, ?, CAST(? AS DATE), ?, ?, ?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE), ? FROM guard"
            + " RETURNING app_key),"
            + " link AS (INSERT INTO family_link (priority_keys, app_key) SELECT ?, app_key FROM app),"
            + " pubs AS (INSERT INTO publication_index (pub_key, app_key)"
            + " SELECT k, app.app_key FROM app, unnest(?::varchar[]) AS k),"
            + " pris AS (INSERT INTO priority_index (priority_key, app_key, claimant_keys)"
            + " SELECT k, app.app_key, ? FROM app, unnest(?::varchar[]) AS k)";
    /** The parameters of {@link #NEW_APPLICATION_POSTGRES}. */
    private static final int NEW_APPLICATION_PARAMETERS = 15;
    private static final String DELETE_PUBLICATION_INDEX = "DELETE FROM publication_index WHERE pub_key = ? AND app_key = ?";
    private static final String DELETE_PRIORITY_INDEX = "DELETE FROM priority_index WHERE priority_key = ? AND app_key = ?";
    private static final String LOCK_APPLICATION = "SELECT content_hash, record, office, app_number, kind,"
            + " original_number, filing_date, family_id, source, updated_at FROM application WHERE app_key = ? FOR UPDATE";
    /** The replaced version, numbered after the application's earlier ones (V6__bulk_import.sql). */
    private static final String INSERT_HISTORY = "INSERT INTO application_history (app_key, version, record,"
            + " content_hash, stored_at, replaced_at) SELECT ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ?"
            + " FROM application_history WHERE app_key = ?";

    private static final InList HASHES = new InList(
            "SELECT app_key, content_hash FROM application WHERE app_key IN (%s)");
    private static final InList INDEXED_KEYS = new InList("SELECT app_key, record, content_hash, office, app_number,"
            + " kind, original_number, filing_date, family_id, source, updated_at FROM application WHERE app_key IN (%s)");
    private static final InList APPLICATIONS = new InList("SELECT app_key, office, app_number, kind, original_number,"
            + " filing_date, family_id, source, record FROM application WHERE app_key IN (%s)");
    /** The claimants of the keys (their keys ride in the index entries), and the keys themselves as
     * applications, with their links (UNION ALL: duplicates are merged in Java, which spares H2 a
     * temporary table per lookup). */
    private static final InList LINKS_BY_PRIORITIES = new InList("SELECT app_key, claimant_keys"
            + " FROM priority_index WHERE priority_key IN (%s)"
            + " UNION ALL SELECT app_key, priority_keys FROM family_link WHERE app_key IN (%s)");
    private static final InList LINKS = new InList(
            "SELECT app_key, priority_keys FROM family_link WHERE app_key IN (%s)");

    private static final String DOCUMENT_COLUMNS = "d.doc_id, d.code, d.description, d.doc_group, d.doc_date,"
            + " d.direction, d.lang, d.media_type, d.pages, d.size_bytes, d.sha256";

    private final HikariDataSource dataSource;
    private final boolean shared;
    /** The family index in memory, or null where it is read from the database. */
    private final InMemoryFamilyIndex familyIndex;
    /** The family index changes of the transaction running on this thread ({@link #inTransaction}). */
    private final ThreadLocal<List<InMemoryFamilyIndex.Change>> familyChanges = new ThreadLocal<>();
    private final PriorityIndex sqlIndex = new PriorityIndex() {
        @Override
        public List<PriorityLinks> linksByPriorities(Collection<String> priorityKeys) {
            return links(LINKS_BY_PRIORITIES, priorityKeys, "looking up the applications claiming %d priorities");
        }

        @Override
        public List<PriorityLinks> linksByApplications(Collection<String> applicationKeys) {
            return links(LINKS, applicationKeys, "reading the priority links of %d applications");
        }
    };

    /** False only for tests that read the database's family index beside the one in memory. */
    private final boolean familyIndexReadsMemory;

    /**
     * An embedded store opened without a family index of its own ({@link #openWithoutFamilyIndex}): the name of
     * its database, under which another store of this process may keep one, which its commits then update;
     * null otherwise.
     */
    private final String familyIndexOfOthers;

    private JdbcDossierStore(HikariDataSource dataSource, boolean shared, InMemoryFamilyIndex familyIndex,
                             boolean familyIndexReadsMemory, String familyIndexOfOthers) {
        this.dataSource = dataSource;
        this.shared = shared;
        this.familyIndex = familyIndex;
        this.familyIndexReadsMemory = familyIndexReadsMemory;
        this.familyIndexOfOthers = familyIndexOfOthers;
    }

    /** Opens the store at {@code jdbcUrl} and brings its schema up to date. */
    public static JdbcDossierStore open(String jdbcUrl, String user, String password) {
        return open(new StoreConfig(jdbcUrl, user, password));
    }

    /** Opens the store and runs the Flyway migrations (creating the schema on first use). */
    public static JdbcDossierStore open(StoreConfig config) {
        return open(config, true);
    }

    /**
     * As {@link #open(StoreConfig)}, for a process that looks few or no families up (the command line's import,
     * export, family and audit commands): an embedded store does not build its family index in memory (for a
     * million applications, 67 MB of heap and seconds of CPU at start-up, and work at every commit), and family
     * lookups read the database, as on PostgreSQL. Its commits still update the index another store of this
     * process keeps for the same database, if one is open when they commit (open a serving store first).
     */
    public static JdbcDossierStore openWithoutFamilyIndex(StoreConfig config) {
        return open(config, false, false);
    }

    /**
     * With {@code familyIndexReadsMemory} false, an embedded store still keeps the family index in memory up
     * to date with its writes but answers family reads from the database: tests compare the two with it.
     */
    static JdbcDossierStore open(StoreConfig config, boolean familyIndexReadsMemory) {
        return open(config, true, familyIndexReadsMemory);
    }

    private static JdbcDossierStore open(StoreConfig config, boolean keepFamilyIndex, boolean familyIndexReadsMemory) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("dossierlink-store");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.maxPoolSize());
        hikari.setMinimumIdle(Math.min(2, config.maxPoolSize()));
        if (config.isPostgres()) {
            // batches of single-row statements become multi-row ones (the tails of MultiRowInsert)
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException(cannotOpen(config, e), e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreException("cannot migrate the store at " + redacted(config.jdbcUrl()) + ": "
                    + rootMessage(e), e);
        }
        String database = redacted(config.jdbcUrl()).replace("jdbc:h2:file:", "jdbc:h2:");
        boolean inMemory = config.familyIndexInMemory();
        InMemoryFamilyIndex familyIndex = inMemory && keepFamilyIndex ? InMemoryFamilyIndex.open(database, dataSource) : null;
        return new JdbcDossierStore(dataSource, config.isPostgres(), familyIndex, familyIndexReadsMemory,
                inMemory && !keepFamilyIndex ? database : null);
    }

    /** One line a person can act on, for the usual reasons a store does not open. */
    private static String cannotOpen(StoreConfig config, RuntimeException e) {
        String root = rootMessage(e);
        if (root.contains("Database may be already in use") || root.contains("file is locked")) {
            return "the embedded store in " + h2DataDir(config.jdbcUrl()) + " is open in another process: an embedded"
                    + " H2 store belongs to one process, so one node. Stop that process, or give this one another"
                    + " --data folder; to run several nodes on one store, use PostgreSQL (store.url=jdbc:postgresql://...,"
                    + " see 'Several nodes on one store' in the README)";
        }
        if (config.jdbcUrl().startsWith("jdbc:h2:file:") && root.contains("Wrong user name or password")) {
            return "the embedded store in " + h2DataDir(config.jdbcUrl()) + " was created with a database user other"
                    + " than the one dossierlink uses (none): open it with the user that created it, or move the folder"
                    + " away and load the data again";
        }
        return "cannot open the store at " + redacted(config.jdbcUrl()) + ": " + root;
    }

    /** The folder of an H2 file URL ({@code jdbc:h2:file:/srv/data/dossierlink;...} gives {@code /srv/data}). */
    static String h2DataDir(String jdbcUrl) {
        String file = redacted(jdbcUrl).substring("jdbc:h2:".length());
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf(java.io.File.separatorChar));
        return slash > 0 ? file.substring(0, slash) : file;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    /** The JDBC URL without its options (which may carry credentials). */
    private static String redacted(String jdbcUrl) {
        int semi = jdbcUrl.indexOf(';');
        int query = jdbcUrl.indexOf('?');
        int cut = semi < 0 ? query : query < 0 ? semi : Math.min(semi, query);
        return cut < 0 ? jdbcUrl : jdbcUrl.substring(0, cut);
    }

    // ------------------------------------------------------------------ writes

    @Override
    public SaveOutcome save(Dossier dossier) {
        Row row = new Row(dossier);
        return inTransaction("saving " + row.key, c -> save(c, row));
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    interface TransactionWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on a connection of its own: committed when it returns, rolled back
     * when it throws. Done again once when two writers inserted the same new row at once (the second one then
     * finds the row and updates it).
     */
    <T> T inTransaction(String what, TransactionWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    return runAndCommit(c, work);
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt == 1 && isDuplicateKey(e)) {
                    continue;
                }
                throw failure(what, e);
            }
        }
    }


    /**
     * Runs {@code work} on {@code c} (auto-commit off) and commits {@code c}: the store's writes inside it
     * reach the family index in memory when the commit succeeds. The caller rolls back when this throws.
     * Every transaction that saves dossiers ends here ({@link #inTransaction}, the import ledger's items).
     */
    <T> T runAndCommit(Connection c, TransactionWork<T> work) throws SQLException {
        InMemoryFamilyIndex index = familyIndex != null ? familyIndex
                : familyIndexOfOthers == null ? null : InMemoryFamilyIndex.opened(familyIndexOfOthers);
        List<InMemoryFamilyIndex.Change> changes = index == null ? null : new ArrayList<>();
        familyChanges.set(changes);
        try {
            T result = work.run(c);
            if (changes == null || changes.isEmpty()) {
                c.commit();
            } else {
                index.commit(c::commit, changes);
            }
            return result;
        } finally {
            familyChanges.remove();
        }
    }

    private SaveOutcome save(Connection c, Row row) throws SQLException {
        Indexed old = null;
        String oldHash = null;
        try (PreparedStatement ps = c.prepareStatement(LOCK_APPLICATION)) {
            ps.setString(1, row.key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    oldHash = rs.getString(1);
                    if (row.hash.equals(oldHash)) {
                        return SaveOutcome.UNCHANGED; // the stored version is not read: nothing replaces it
                    }
                    old = indexed(row.key, rs.getString(2), oldHash, rs, 3);
                }
            }
        }
        List<Row> rows = List.of(row);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (old == null) {
            if (shared) {
                insertOnePostgres(c, row, now);
            } else {
                insertApplications(c, rows, now);
                insertIndexEntries(c, rows);
            }
            return SaveOutcome.INSERTED;
        }
        insertHistory(c, List.of(old), now);
        updateApplications(c, rows, now);
        deleteIndexEntries(c, List.of(old));
        insertIndexEntries(c, rows);
        return SaveOutcome.UPDATED;
    }

    /**
     * Saves in chunks of {@value #CHUNK}, one transaction each; unchanged records are skipped, and
     * when one key occurs several times the last record wins.
     */
    @Override
    public void saveAll(Collection<Dossier> dossiers) {
        Map<String, Row> chunk = new LinkedHashMap<>();
        for (Dossier dossier : dossiers) {
            Row row = new Row(dossier);
            chunk.remove(row.key);
            chunk.put(row.key, row);
            if (chunk.size() == CHUNK) {
                saveChunk(new ArrayList<>(chunk.values()));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            saveChunk(new ArrayList<>(chunk.values()));
        }
    }

    private void saveChunk(List<Row> rows) {
        inTransaction("saving " + rows.size() + " dossiers from " + rows.get(0).key, c -> {
            saveChunk(c, rows);
            return null;
        });
    }


    private void saveChunk(Connection c, List<Row> rows) throws SQLException {
        Map<String, String> existing = new HashMap<>();
        HASHES.query(c, rows.stream().map(r -> r.key).toList(), rs -> existing.put(rs.getString(1), rs.getString(2)));
        List<Row> inserts = new ArrayList<>();
        List<Row> updates = new ArrayList<>();
        for (Row row : rows) {
            String hash = existing.get(row.key);
            if (hash == null) {
                inserts.add(row);
            } else if (!hash.equals(row.hash)) {
                updates.add(row);
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (!inserts.isEmpty()) {
            insertApplications(c, inserts, now);
            insertIndexEntries(c, inserts);
        }
        if (!updates.isEmpty()) {
            List<Indexed> old = new ArrayList<>();
            INDEXED_KEYS.query(c, updates.stream().map(r -> r.key).toList(),
                    rs -> old.add(indexed(rs.getString(1), rs.getString(2), rs.getString(3), rs, 4)));
            insertHistory(c, old, now);
            updateApplications(c, updates, now);
            deleteIndexEntries(c, old);
            insertIndexEntries(c, updates);
        }
    }

    private void insertApplications(Connection c, List<Row> rows, OffsetDateTime now) throws SQLException {
        INSERT_APPLICATIONS.insert(c, rows, (ps, offset, row) -> bindApplication(ps, offset, row, now));
        INSERT_FAMILY_LINKS.insert(c, rows, JdbcDossierStore::bindFamilyLink);
        familyLinksWritten(rows);
    }

    /** What {@link #insertApplications} and {@link #insertIndexEntries} write for one row, in one statement. */
    private void insertOnePostgres(Connection c, Row row, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_ONE_POSTGRES)) {
            bindApplication(ps, 0, row, now);
            bindFamilyLink(ps, 11, row);
            ps.setString(14, row.key);
            ps.setArray(15, c.createArrayOf("varchar", row.publicationKeys.toArray()));
            ps.setString(16, row.key);
            ps.setString(17, String.join(" ", row.priorityKeys));
            ps.setArray(18, c.createArrayOf("varchar", row.priorityKeys.toArray()));
            ps.executeUpdate();
        }
        familyLinksWritten(List.of(row));
    }

    /**
     * PostgreSQL, the import ledger's item in one statement: {@code "WITH " + head + NEW_APPLICATION + tail}.
     * {@code head} holds WITH parts ending with one named {@code guard} (e.g. {@code "guard AS (UPDATE ...
     * RETURNING 1), "}): the record is written as a new application once per row of it. {@code tail} holds more
     * parts (which may read {@code app} and {@code guard}) and the final query. {@code binder} binds the head's
     * parameters from 1 and the tail's from the given index on. Runs in the caller's transaction, or alone
     * with auto-commit on; returns what {@code reader} makes of the query's first row.
     *
     * @throws SQLException a unique violation ({@link #isDuplicateKey}) when the key is stored already: the
     *                      statement wrote nothing
     */
    <T> T insertNewPostgres(Connection c, Dossier dossier, Object form, String head, int headParameters, String tail,
                            ParameterBinder binder, ResultReader<T> reader) throws SQLException {
        if (!shared) {
            throw new IllegalStateException("a PostgreSQL statement on an embedded store");
        }
        Row row = form instanceof Row r && r.dossier == dossier ? r : new Row(dossier);
        try (PreparedStatement ps = c.prepareStatement("WITH " + head + NEW_APPLICATION_POSTGRES + tail)) {
            binder.bind(ps, headParameters + NEW_APPLICATION_PARAMETERS + 1);
            int o = headParameters;
            bindApplication(ps, o, row, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setString(o + 12, String.join(" ", row.priorityKeys));
            ps.setArray(o + 13, c.createArrayOf("varchar", row.publicationKeys.toArray()));
            ps.setString(o + 14, String.join(" ", row.priorityKeys));
            ps.setArray(o + 15, c.createArrayOf("varchar", row.priorityKeys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the statement that writes a new application returned no row");
                }
                return reader.read(rs);
            }
        }
    }

    /** Binds a statement's parameters: the head's from 1, the tail's from {@code tailFrom} on. */
    @FunctionalInterface
    interface ParameterBinder {
        void bind(PreparedStatement ps, int tailFrom) throws SQLException;
    }

    /** Reads the current row of a result. */
    @FunctionalInterface
    interface ResultReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Notes the family_link rows this transaction wrote, for the family index in memory (applied on commit). */
    private void familyLinksWritten(List<Row> rows) {
        if (familyIndex == null && familyIndexOfOthers == null) {
            return;
        }
        List<InMemoryFamilyIndex.Change> changes = familyChanges.get();
        if (changes == null) {
            if (familyIndex == null) {
                return; // no store of this process keeps an index of this database
            }
            throw new IllegalStateException("the family index of an embedded store changes inside runAndCommit only");
        }
        for (Row row : rows) {
            changes.add(new InMemoryFamilyIndex.Change(row.key, row.priorityKeys));
        }
    }

    private static void bindFamilyLink(PreparedStatement ps, int o, Row row) throws SQLException {
        ps.setString(o + 1, String.join(" ", row.priorityKeys));
        ps.setString(o + 2, row.key);
    }

    private void updateApplications(Connection c, List<Row> rows, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE_APPLICATION);
             PreparedStatement links = c.prepareStatement(UPDATE_FAMILY_LINK)) {
            for (Row row : rows) {
                bindApplication(ps, 0, row, now);
                ps.addBatch();
                bindFamilyLink(links, 0, row);
                links.addBatch();
            }
            ps.executeBatch();
            links.executeBatch();
        }
        familyLinksWritten(rows);
    }

    /** INSERT and UPDATE take the same parameters, the key last. */
    private static void bindApplication(PreparedStatement ps, int o, Row row, OffsetDateTime now) throws SQLException {
        ApplicationRef a = row.dossier.application();
        ps.setString(o + 1, a.office());
        ps.setString(o + 2, a.number());
        ps.setString(o + 3, a.kind());
        ps.setString(o + 4, a.originalNumber());
        setDate(ps, o + 5, a.filingDate());
        ps.setString(o + 6, row.dossier.familyId());
        ps.setString(o + 7, row.dossier.source());
        ps.setString(o + 8, row.lists);
        ps.setString(o + 9, row.hash);
        ps.setObject(o + 10, now);
        ps.setString(o + 11, row.key);
    }

    private static void insertIndexEntries(Connection c, List<Row> rows) throws SQLException {
        List<IndexEntry> pubs = new ArrayList<>();
        List<ClaimEntry> priorities = new ArrayList<>();
        for (Row row : rows) {
            row.publicationKeys.forEach(k -> pubs.add(new IndexEntry(k, row.key)));
            String claimantKeys = String.join(" ", row.priorityKeys);
            row.priorityKeys.forEach(k -> priorities.add(new ClaimEntry(k, row.key, claimantKeys)));
        }
        INSERT_PUBLICATION_INDEX.insert(c, pubs, (ps, o, entry) -> {
            ps.setString(o + 1, entry.indexKey());
            ps.setString(o + 2, entry.appKey());
        });
        INSERT_PRIORITY_INDEX.insert(c, priorities, (ps, o, entry) -> {
            ps.setString(o + 1, entry.priorityKey());
            ps.setString(o + 2, entry.appKey());
            ps.setString(o + 3, entry.claimantKeys());
        });
    }

    /** Removes exactly the index entries an application's previous record made. */
    private static void deleteIndexEntries(Connection c, List<Indexed> old) throws SQLException {
        try (PreparedStatement pubs = c.prepareStatement(DELETE_PUBLICATION_INDEX);
             PreparedStatement priorities = c.prepareStatement(DELETE_PRIORITY_INDEX)) {
            for (Indexed o : old) {
                DossierJson.Lists lists = DossierJson.parseLists(o.record());
                for (String k : publicationKeys(lists.publications())) {
                    pubs.setString(1, k);
                    pubs.setString(2, o.appKey());
                    pubs.addBatch();
                }
                for (String k : activePriorityKeys(lists.priorityClaims(), o.appKey())) {
                    priorities.setString(1, k);
                    priorities.setString(2, o.appKey());
                    priorities.addBatch();
                }
            }
            pubs.executeBatch();
            priorities.executeBatch();
        }
    }

    /** {@link #save(Dossier)} inside the caller's transaction (the import ledger's item transaction). */
    SaveOutcome save(Connection c, Dossier dossier) throws SQLException {
        return save(c, new Row(dossier));
    }

    /**
     * The record's store form (its JSON, content hash and index keys), made without the database, so that a
     * thread other than the committing one can make it ahead; null when the record cannot be stored (the save
     * then refuses it with the reason).
     */
    Object form(Dossier dossier) {
        try {
            return new Row(dossier);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** As {@link #save(Connection, Dossier)}, with the record's {@link #form} when it was made ahead (or null). */
    SaveOutcome save(Connection c, Dossier dossier, Object form) throws SQLException {
        return save(c, form instanceof Row row && row.dossier == dossier ? row : new Row(dossier));
    }

    /** {@link #saveDocument(String, DocumentInfo, byte[])} inside the caller's transaction. */
    SaveOutcome saveDocumentIn(Connection c, String applicationKey, DocumentInfo info, byte[] content)
            throws SQLException {
        checkContent(applicationKey, info, content);
        return saveDocument(c, applicationKey, info, content);
    }

    private static void checkContent(String applicationKey, DocumentInfo info, byte[] content) {
        Objects.requireNonNull(applicationKey, "applicationKey");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(content, "content");
        String actual = ContentDigest.sha256(content);
        if (!actual.equals(info.sha256())) {
            throw new InvalidRequestException("document " + info.id() + " of " + applicationKey + " declares sha256 "
                    + info.sha256() + " but its content has sha256 " + actual, "sha256");
        }
        if (info.size() != content.length) {
            throw new InvalidRequestException("document " + info.id() + " of " + applicationKey + " declares size "
                    + info.size() + " but its content has " + content.length + " bytes", "size");
        }
    }

    @Override
    public SaveOutcome saveDocument(String applicationKey, DocumentInfo info, byte[] content) {
        checkContent(applicationKey, info, content);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                SaveOutcome outcome = saveDocument(c, applicationKey, info, content);
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("saving document " + info.id() + " of " + applicationKey, e);
        }
    }

    private SaveOutcome saveDocument(Connection c, String applicationKey, DocumentInfo info, byte[] content)
            throws SQLException {
        // lock the application row: documents of one application are written one at a time
        try (PreparedStatement ps = c.prepareStatement(LOCK_APPLICATION)) {
            ps.setString(1, applicationKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("application " + applicationKey
                            + " is not in the store; save its dossier before its documents", "applicationKey");
                }
            }
        }
        DocumentInfo existing = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + DOCUMENT_COLUMNS
                + " FROM document d WHERE d.app_key = ? AND d.doc_id = ?")) {
            ps.setString(1, applicationKey);
            ps.setString(2, info.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    existing = documentInfo(rs);
                }
            }
        }
        if (info.equals(existing)) {
            return SaveOutcome.UNCHANGED;
        }
        String metaSql = existing == null
                ? "INSERT INTO document (code, description, doc_group, doc_date, direction, lang, media_type, pages,"
                + " size_bytes, sha256, updated_at, app_key, doc_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : "UPDATE document SET code = ?, description = ?, doc_group = ?, doc_date = ?, direction = ?, lang = ?,"
                + " media_type = ?, pages = ?, size_bytes = ?, sha256 = ?, updated_at = ? WHERE app_key = ? AND doc_id = ?";
        try (PreparedStatement ps = c.prepareStatement(metaSql)) {
            ps.setString(1, info.code());
            ps.setString(2, info.description());
            ps.setString(3, info.group().wireName());
            setDate(ps, 4, info.date());
            ps.setString(5, info.direction().wireName());
            ps.setString(6, info.language());
            ps.setString(7, info.mediaType());
            if (info.pages() == null) {
                ps.setNull(8, Types.INTEGER);
            } else {
                ps.setInt(8, info.pages());
            }
            ps.setLong(9, info.size());
            ps.setString(10, info.sha256());
            ps.setObject(11, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setString(12, applicationKey);
            ps.setString(13, info.id());
            ps.executeUpdate();
        }
        if (existing == null || !existing.sha256().equals(info.sha256())) {
            String contentSql = existing == null
                    ? "INSERT INTO document_content (content, app_key, doc_id) VALUES (?, ?, ?)"
                    : "UPDATE document_content SET content = ? WHERE app_key = ? AND doc_id = ?";
            try (PreparedStatement ps = c.prepareStatement(contentSql)) {
                ps.setBytes(1, content);
                ps.setString(2, applicationKey);
                ps.setString(3, info.id());
                ps.executeUpdate();
            }
        }
        // a new or changed document is a change of its application: "export --since" picks it up
        try (PreparedStatement ps = c.prepareStatement("UPDATE application SET updated_at = ? WHERE app_key = ?")) {
            ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setString(2, applicationKey);
            ps.executeUpdate();
        }
        return existing == null ? SaveOutcome.INSERTED : SaveOutcome.UPDATED;
    }

    // ------------------------------------------------------------------ reads

    @Override
    public Optional<Dossier> findByApplicationKey(String applicationKey) {
        List<Dossier> found = findByApplicationKeys(List.of(applicationKey));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** In the order of {@code applicationKeys}, each key once. */
    @Override
    public List<Dossier> findByApplicationKeys(Collection<String> applicationKeys) {
        List<String> keys = List.copyOf(new LinkedHashSet<>(applicationKeys));
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<String, Dossier> found = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            APPLICATIONS.query(c, keys, rs -> {
                ApplicationRef ref = new ApplicationRef(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDate.class));
                DossierJson.Lists l = DossierJson.parseLists(rs.getString(9));
                found.put(rs.getString(1), new Dossier(ref, l.publications(), l.priorityClaims(), l.titles(),
                        l.applicants(), l.inventors(), l.classifications(), l.abstracts(), rs.getString(7),
                        rs.getString(8)));
            });
        } catch (SQLException e) {
            throw failure("reading " + keys.size() + " dossiers from " + keys.get(0), e);
        }
        List<Dossier> result = new ArrayList<>(found.size());
        for (String key : keys) {
            Dossier d = found.get(key);
            if (d != null) {
                result.add(d);
            }
        }
        return result;
    }

    /** Sorted by key. */
    @Override
    public List<String> applicationKeysByPublication(String publicationKey) {
        List<String> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT DISTINCT app_key FROM publication_index WHERE pub_key = ? ORDER BY app_key")) {
            ps.setString(1, publicationKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failure("looking up publication " + publicationKey, e);
        }
        return keys;
    }

    /**
     * Sorted by application key; each application's active priority keys in claim order. Only active
     * claims link: an application whose claim of a key is inactive is not returned for that key.
     * One statement per slice of keys.
     */
    @Override
    public List<PriorityLinks> linksByPriorities(Collection<String> priorityKeys) {
        return readPriorityIndex(index -> index.linksByPriorities(priorityKeys));
    }

    /** Sorted by application key; unknown keys are skipped. */
    @Override
    public List<PriorityLinks> linksByApplications(Collection<String> applicationKeys) {
        return readPriorityIndex(index -> index.linksByApplications(applicationKeys));
    }

    /**
     * From memory on an embedded store once its index is built (one committed state for the whole of
     * {@code reading}); from the database before that and on PostgreSQL.
     */
    @Override
    public <T> T readPriorityIndex(Function<? super PriorityIndex, T> reading) {
        return familyIndex == null || !familyIndexReadsMemory ? reading.apply(sqlIndex)
                : familyIndex.read(reading, sqlIndex);
    }

    /** The family index as the database holds it, whatever this store answers from (for tests comparing the two). */
    PriorityIndex sqlPriorityIndex() {
        return sqlIndex;
    }

    /**
     * Waits until the family index of an embedded store is in memory (it is built in the background when the
     * store opens). True when family lookups now read memory; false on a store that reads its database
     * (PostgreSQL) or when building failed (then it reads its database too).
     */
    public boolean awaitFamilyIndex(long timeout, TimeUnit unit) throws InterruptedException {
        return familyIndex != null && familyIndex.awaitReady(timeout, unit);
    }

    /** Where family lookups read the family index, and for memory its size and build time; one line for logs. */
    public String familyIndexStatus() {
        if (familyIndex == null) {
            return familyIndexOfOthers == null ? "family index read from the database (a store several nodes may write)"
                    : "family index read from the database (a store opened without the index in memory)";
        }
        InMemoryFamilyIndex.Summary s = familyIndex.summary();
        if (!s.ready()) {
            return "family index read from the database until the one in memory is built";
        }
        return String.format(Locale.ROOT, "family index in memory: %d applications, %d keys, %.1f MB, built in %d ms"
                + " (%d ms of CPU)", s.applications(), s.keys(), s.heapBytes() / 1048576.0, s.buildMillis(),
                s.buildCpuMillis());
    }

    private List<PriorityLinks> links(InList query, Collection<String> keys, String failureMessage) {
        Set<String> sorted = new TreeSet<>(keys);
        if (sorted.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            return links(c, query, sorted);
        } catch (SQLException e) {
            throw failure(String.format(failureMessage, sorted.size()), e);
        }
    }

    private static List<PriorityLinks> links(Connection c, InList query, Set<String> keys) throws SQLException {
        Map<String, List<String>> links = new TreeMap<>();
        query.query(c, List.copyOf(keys), rs -> links.put(rs.getString(1), splitKeys(rs.getString(2))));
        List<PriorityLinks> result = new ArrayList<>(links.size());
        links.forEach((key, priorities) -> result.add(new PriorityLinks(key, priorities)));
        return result;
    }

    /** By date, then id. */
    @Override
    public List<DocumentInfo> documents(String applicationKey) {
        List<DocumentInfo> docs = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + DOCUMENT_COLUMNS
                     + " FROM document d WHERE d.app_key = ? ORDER BY d.doc_date, d.doc_id")) {
            ps.setString(1, applicationKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    docs.add(documentInfo(rs));
                }
            }
        } catch (SQLException e) {
            throw failure("listing the documents of " + applicationKey, e);
        }
        return docs;
    }

    @Override
    public Optional<StoredDocument> document(String applicationKey, String documentId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + DOCUMENT_COLUMNS + ", c.content FROM document d"
                     + " JOIN document_content c ON c.app_key = d.app_key AND c.doc_id = d.doc_id"
                     + " WHERE d.app_key = ? AND d.doc_id = ?")) {
            ps.setString(1, applicationKey);
            ps.setString(2, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredDocument(documentInfo(rs), rs.getBytes(12)));
            }
        } catch (SQLException e) {
            throw failure("reading document " + documentId + " of " + applicationKey, e);
        }
    }

    @Override
    public void ping(int timeoutSeconds) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(timeoutSeconds)) {
                throw new StoreException("the store did not answer within " + timeoutSeconds + " s", null);
            }
        } catch (SQLException e) {
            throw new StoreException("the store is not reachable: " + e.getMessage(), e);
        }
    }

    @Override
    public long applicationCount() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM application");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("counting applications", e);
        }
    }

    /**
     * Whether several nodes may share this store: true on PostgreSQL, false on embedded H2 (one process
     * owns its files). The nodes of a shared store keep what they must agree on in it: the audit chain
     * ({@link JdbcAuditLog}), the used nonces ({@link JdbcNonceRegistry}), the quota counts
     * ({@link JdbcQuotaCounts}).
     */
    public boolean shared() {
        return shared;
    }

    /** The pool, for the other tables in this database (the audit log, {@link JdbcAuditLog}). */
    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        if (familyIndex != null) {
            familyIndex.release();
        }
        dataSource.close();
    }

    // ------------------------------------------------------------------ helpers

    private static DocumentInfo documentInfo(ResultSet rs) throws SQLException {
        int pages = rs.getInt(9);
        Integer pagesOrNull = rs.wasNull() ? null : pages;
        return new DocumentInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                DocumentGroup.fromWireName(rs.getString(4)), rs.getObject(5, LocalDate.class),
                Direction.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)), rs.getString(7), rs.getString(8),
                pagesOrNull, rs.getLong(10), rs.getString(11));
    }

    static List<String> splitKeys(String spaceSeparated) {
        return spaceSeparated.isEmpty() ? List.of() : List.of(spaceSeparated.split(" "));
    }

    /** Each publication key once (A1 and B1 of one number share it). */
    /** The keys an application's active claims put into the family index, each once, in claim order. */
    private static List<String> activePriorityKeys(List<PriorityClaim> claims, String appKey) {
        Set<String> priorities = new LinkedHashSet<>();
        for (PriorityClaim claim : claims) {
            if (claim.active()) {
                String k = claim.key();
                if (k.isEmpty() || k.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("priority claim " + claim.sequence() + " of " + appKey
                            + " has number '" + k + "'; priority numbers must be normalised (no spaces)");
                }
                priorities.add(k);
            }
        }
        return List.copyOf(priorities);
    }

    private static List<String> publicationKeys(List<Publication> publications) {
        Set<String> keys = new LinkedHashSet<>();
        publications.forEach(p -> keys.add(p.key()));
        return List.copyOf(keys);
    }

    private static void setDate(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setObject(index, date);
        }
    }


    static boolean isDuplicateKey(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (DUPLICATE_KEY.equals(s.getSQLState())) {
                return true;
            }
            if (s instanceof BatchUpdateException && s.getCause() instanceof SQLException cause
                    && DUPLICATE_KEY.equals(cause.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static StoreException failure(String what, SQLException e) {
        SQLException next = e.getNextException();
        String detail = next == null ? e.getMessage() : e.getMessage() + " / " + next.getMessage();
        return new StoreException("store: " + what + " failed: " + detail, e);
    }

    /** One record ready to write: its key, record column, index keys and content hash. */
    private static final class Row {
        final Dossier dossier;
        final String key;
        final String lists;
        final String hash;
        final List<String> publicationKeys;
        /** Active priority keys, each once, in claim order. */
        final List<String> priorityKeys;

        Row(Dossier dossier) {
            this.dossier = Objects.requireNonNull(dossier, "dossier");
            this.key = dossier.application().key();
            this.lists = DossierJson.lists(dossier);
            this.hash = ContentDigest.sha256(DossierJson.canonical(dossier, lists).getBytes(StandardCharsets.UTF_8));
            this.publicationKeys = publicationKeys(dossier.publications());
            this.priorityKeys = activePriorityKeys(dossier.priorityClaims(), key);
        }
    }

    /** One entry of publication_index. */
    private record IndexEntry(String indexKey, String appKey) {
    }

    /** One entry of priority_index: the claimed key, the claimant, and all the claimant's keys. */
    private record ClaimEntry(String priorityKey, String appKey, String claimantKeys) {
    }

    /**
     * An application's stored version: what its record put into the indexes, and the whole record in the
     * canonical JSON form its content hash digests (for application_history).
     */
    private record Indexed(String appKey, String record, String contentHash, String canonical, OffsetDateTime storedAt) {
    }

    /** Reads office .. updated_at (8 columns) from {@code from} on. */
    private static Indexed indexed(String key, String record, String hash, ResultSet rs, int from) throws SQLException {
        ApplicationRef ref = new ApplicationRef(rs.getString(from), rs.getString(from + 1), rs.getString(from + 2),
                rs.getString(from + 3), rs.getObject(from + 4, LocalDate.class));
        DossierJson.Lists l = DossierJson.parseLists(record);
        Dossier d = new Dossier(ref, l.publications(), l.priorityClaims(), l.titles(), l.applicants(), l.inventors(),
                l.classifications(), l.abstracts(), rs.getString(from + 5), rs.getString(from + 6));
        return new Indexed(key, record, hash, DossierJson.canonical(d, record),
                rs.getObject(from + 7, OffsetDateTime.class));
    }

    /** Keeps the versions about to be replaced in application_history (same transaction as the replacement). */
    private static void insertHistory(Connection c, List<Indexed> old, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_HISTORY)) {
            for (Indexed o : old) {
                ps.setString(1, o.appKey());
                ps.setString(2, o.canonical());
                ps.setString(3, o.contentHash());
                ps.setObject(4, o.storedAt());
                ps.setObject(5, now);
                ps.setString(6, o.appKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    /**
     * A query with {@code IN (%s)} lists (each bound to the same keys), run once per slice of at most
     * {@value #MAX_IN} keys. Each slice is padded to the next power of two by repeating its last key
     * (which changes no result), so there are at most ten statement texts per query.
     */
    private static final class InList {
        private final String[] sqlByBucket;
        private final int lists;

        InList(String template) {
            lists = template.split("%s", -1).length - 1;
            int buckets = Integer.numberOfTrailingZeros(MAX_IN) + 1;
            sqlByBucket = new String[buckets];
            for (int b = 0; b < buckets; b++) {
                String params = "?" + ",?".repeat((1 << b) - 1);
                sqlByBucket[b] = template.replace("%s", params);
            }
        }

        void query(Connection c, List<String> keys, RowHandler handler) throws SQLException {
            for (int from = 0; from < keys.size(); from += MAX_IN) {
                List<String> slice = keys.subList(from, Math.min(keys.size(), from + MAX_IN));
                int bucket = 32 - Integer.numberOfLeadingZeros(slice.size() - 1);
                int size = 1 << bucket;
                try (PreparedStatement ps = c.prepareStatement(sqlByBucket[bucket])) {
                    for (int list = 0; list < lists; list++) {
                        for (int i = 0; i < size; i++) {
                            ps.setString(list * size + i + 1, slice.get(Math.min(i, slice.size() - 1)));
                        }
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            handler.accept(rs);
                        }
                    }
                }
            }
        }
    }
}
