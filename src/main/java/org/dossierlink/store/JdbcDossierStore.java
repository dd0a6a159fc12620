package org.dossierlink.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.dossierlink.InvalidRequestException;
import org.dossierlink.NotFoundException;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Direction;
import org.dossierlink.dossier.DocumentGroup;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.dossier.Publication;
import org.dossierlink.dossier.StoredDocument;
import org.flywaydb.core.Flyway;

/**
 * The dossier store on H2 (embedded) or PostgreSQL, through a HikariCP pool; schema by the Flyway
 * migrations in {@code db/migration}. Thread-safe: every call borrows its own connection.
 *
 * <p>Writes: {@link #save} locks the application row, compares the record's content hash and
 * writes nothing when it is unchanged. {@link #saveAll} works in chunks of {@value #CHUNK} records,
 * one transaction per chunk, with batched statements: a failure leaves the earlier chunks
 * committed, which is safe because saving is idempotent (run the load again).
 *
 * <p>Reads: every multi-key read is one statement per slice of at most {@value #MAX_IN} keys; IN
 * lists are padded to a power of two so a handful of statement texts serve every size (the
 * databases' statement caches stay warm).
 */
public final class JdbcDossierStore implements DossierStore {

    /** Records per transaction in {@link #saveAll}. */
    static final int CHUNK = 2000;
    /** Largest IN list in one statement. */
    static final int MAX_IN = 512;

    private static final String DUPLICATE_KEY = "23505";

    private static final String INSERT_APPLICATION = "INSERT INTO application (office, app_number, kind,"
            + " original_number, filing_date, family_id, source, details, content_hash, updated_at, app_key)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_APPLICATION = "UPDATE application SET office = ?, app_number = ?, kind = ?,"
            + " original_number = ?, filing_date = ?, family_id = ?, source = ?, details = ?, content_hash = ?,"
            + " updated_at = ? WHERE app_key = ?";
    private static final String DELETE_PUBLICATIONS = "DELETE FROM publication WHERE app_key = ?";
    private static final String DELETE_PRIORITY_CLAIMS = "DELETE FROM priority_claim WHERE app_key = ?";
    private static final String INSERT_PUBLICATION = "INSERT INTO publication (app_key, pos, pub_key, country,"
            + " pub_number, kind, pub_date) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_PRIORITY_CLAIM = "INSERT INTO priority_claim (app_key, pos, claim_sequence,"
            + " priority_key, country, prio_number, original_number, prio_date, kind, active)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String HASH_FOR_UPDATE = "SELECT content_hash FROM application WHERE app_key = ? FOR UPDATE";

    private static final InList HASHES = new InList(
            "SELECT app_key, content_hash FROM application WHERE app_key IN (%s)");
    private static final InList APPLICATIONS = new InList("SELECT app_key, office, app_number, kind, original_number,"
            + " filing_date, family_id, source, details FROM application WHERE app_key IN (%s)");
    private static final InList PUBLICATIONS = new InList("SELECT app_key, country, pub_number, kind, pub_date"
            + " FROM publication WHERE app_key IN (%s) ORDER BY app_key, pos");
    private static final InList PRIORITY_CLAIMS = new InList("SELECT app_key, claim_sequence, country, prio_number,"
            + " original_number, prio_date, kind, active FROM priority_claim WHERE app_key IN (%s) ORDER BY app_key, pos");
    private static final InList CLAIMANTS = new InList(
            "SELECT DISTINCT app_key FROM priority_claim WHERE priority_key IN (%s) AND active = TRUE");
    private static final InList LINKS = new InList("SELECT a.app_key, p.priority_key FROM application a"
            + " LEFT JOIN priority_claim p ON p.app_key = a.app_key AND p.active = TRUE"
            + " WHERE a.app_key IN (%s) ORDER BY a.app_key, p.pos");

    private static final String DOCUMENT_COLUMNS = "d.doc_id, d.code, d.description, d.doc_group, d.doc_date,"
            + " d.direction, d.lang, d.media_type, d.pages, d.size_bytes, d.sha256";

    private final HikariDataSource dataSource;

    private JdbcDossierStore(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens the store at {@code jdbcUrl} and brings its schema up to date. */
    public static JdbcDossierStore open(String jdbcUrl, String user, String password) {
        return open(new StoreConfig(jdbcUrl, user, password));
    }

    /** Opens the store and runs the Flyway migrations (creating the schema on first use). */
    public static JdbcDossierStore open(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("dossierlink-store");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.maxPoolSize());
        hikari.setMinimumIdle(Math.min(2, config.maxPoolSize()));
        if (config.isPostgres()) {
            // multi-row INSERTs from JDBC batches: the bulk load's main cost on PostgreSQL
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new JdbcDossierStore(dataSource);
    }

    // ------------------------------------------------------------------ writes

    @Override
    public SaveOutcome save(Dossier dossier) {
        Row row = new Row(dossier);
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    SaveOutcome outcome = save(c, row);
                    c.commit();
                    return outcome;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                // two writers inserted the same new application at once: the second one now updates
                if (attempt == 1 && isDuplicateKey(e)) {
                    continue;
                }
                throw failure("saving " + row.key, e);
            }
        }
    }

    private SaveOutcome save(Connection c, Row row) throws SQLException {
        String existingHash = null;
        try (PreparedStatement ps = c.prepareStatement(HASH_FOR_UPDATE)) {
            ps.setString(1, row.key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    existingHash = rs.getString(1);
                }
            }
        }
        if (row.hash.equals(existingHash)) {
            return SaveOutcome.UNCHANGED;
        }
        List<Row> rows = List.of(row);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (existingHash == null) {
            writeApplications(c, INSERT_APPLICATION, rows, now);
            writeChildren(c, rows);
            return SaveOutcome.INSERTED;
        }
        writeApplications(c, UPDATE_APPLICATION, rows, now);
        deleteChildren(c, rows);
        writeChildren(c, rows);
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
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    saveChunk(c, rows);
                    c.commit();
                    return;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt == 1 && isDuplicateKey(e)) {
                    continue;
                }
                throw failure("saving " + rows.size() + " dossiers from " + rows.get(0).key, e);
            }
        }
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
            writeApplications(c, INSERT_APPLICATION, inserts, now);
            writeChildren(c, inserts);
        }
        if (!updates.isEmpty()) {
            writeApplications(c, UPDATE_APPLICATION, updates, now);
            deleteChildren(c, updates);
            writeChildren(c, updates);
        }
    }

    /** INSERT and UPDATE take the same parameters, the key last. */
    private static void writeApplications(Connection c, String sql, List<Row> rows, OffsetDateTime now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Row row : rows) {
                ApplicationRef a = row.dossier.application();
                ps.setString(1, a.office());
                ps.setString(2, a.number());
                ps.setString(3, a.kind());
                ps.setString(4, a.originalNumber());
                setDate(ps, 5, a.filingDate());
                ps.setString(6, row.dossier.familyId());
                ps.setString(7, row.dossier.source());
                ps.setString(8, row.details);
                ps.setString(9, row.hash);
                ps.setObject(10, now);
                ps.setString(11, row.key);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void deleteChildren(Connection c, List<Row> rows) throws SQLException {
        for (String sql : List.of(DELETE_PUBLICATIONS, DELETE_PRIORITY_CLAIMS)) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Row row : rows) {
                    ps.setString(1, row.key);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static void writeChildren(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_PUBLICATION)) {
            int batched = 0;
            for (Row row : rows) {
                List<Publication> pubs = row.dossier.publications();
                for (int pos = 0; pos < pubs.size(); pos++) {
                    Publication p = pubs.get(pos);
                    ps.setString(1, row.key);
                    ps.setInt(2, pos);
                    ps.setString(3, p.key());
                    ps.setString(4, p.country());
                    ps.setString(5, p.number());
                    ps.setString(6, p.kind());
                    setDate(ps, 7, p.date());
                    ps.addBatch();
                    batched++;
                }
            }
            if (batched > 0) {
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_PRIORITY_CLAIM)) {
            int batched = 0;
            for (Row row : rows) {
                List<PriorityClaim> claims = row.dossier.priorityClaims();
                for (int pos = 0; pos < claims.size(); pos++) {
                    PriorityClaim p = claims.get(pos);
                    ps.setString(1, row.key);
                    ps.setInt(2, pos);
                    ps.setInt(3, p.sequence());
                    ps.setString(4, p.key());
                    ps.setString(5, p.country());
                    ps.setString(6, p.number());
                    ps.setString(7, p.originalNumber());
                    setDate(ps, 8, p.date());
                    ps.setString(9, p.kind() == null ? null : p.kind().wireName());
                    ps.setBoolean(10, p.active());
                    ps.addBatch();
                    batched++;
                }
            }
            if (batched > 0) {
                ps.executeBatch();
            }
        }
    }

    @Override
    public SaveOutcome saveDocument(String applicationKey, DocumentInfo info, byte[] content) {
        Objects.requireNonNull(applicationKey, "applicationKey");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(content, "content");
        String actual = sha256(content);
        if (!actual.equals(info.sha256())) {
            throw new InvalidRequestException("document " + info.id() + " of " + applicationKey + " declares sha256 "
                    + info.sha256() + " but its content has sha256 " + actual, "sha256");
        }
        if (info.size() != content.length) {
            throw new InvalidRequestException("document " + info.id() + " of " + applicationKey + " declares size "
                    + info.size() + " but its content has " + content.length + " bytes", "size");
        }
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
        try (PreparedStatement ps = c.prepareStatement(HASH_FOR_UPDATE)) {
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
        Map<String, Dossier> heads = new HashMap<>();
        Map<String, List<Publication>> pubs = new HashMap<>();
        Map<String, List<PriorityClaim>> claims = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            // one snapshot for the three reads, so a record being rewritten is seen before or after, never half
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                APPLICATIONS.query(c, keys, rs -> {
                    ApplicationRef ref = new ApplicationRef(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getObject(6, LocalDate.class));
                    DossierJson.Details d = DossierJson.parseDetails(rs.getString(9));
                    heads.put(rs.getString(1), new Dossier(ref, List.of(), List.of(), d.titles(), d.applicants(),
                            d.inventors(), d.classifications(), d.abstracts(), rs.getString(7), rs.getString(8)));
                });
                PUBLICATIONS.query(c, keys, rs -> pubs.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Publication(rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getObject(5, LocalDate.class))));
                PRIORITY_CLAIMS.query(c, keys, rs -> claims.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new PriorityClaim(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getObject(6, LocalDate.class), priorityKind(rs.getString(7)), rs.getBoolean(8))));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("reading " + keys.size() + " dossiers from " + keys.get(0), e);
        }
        List<Dossier> result = new ArrayList<>(heads.size());
        for (String key : keys) {
            Dossier head = heads.get(key);
            if (head != null) {
                result.add(new Dossier(head.application(), pubs.getOrDefault(key, List.of()),
                        claims.getOrDefault(key, List.of()), head.titles(), head.applicants(), head.inventors(),
                        head.classifications(), head.abstracts(), head.familyId(), head.source()));
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
                     "SELECT DISTINCT app_key FROM publication WHERE pub_key = ? ORDER BY app_key")) {
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

    /** Sorted by application key; each application's priority keys in claim order. */
    @Override
    public List<PriorityLinks> linksByPriorities(Collection<String> priorityKeys) {
        Set<String> priorities = new TreeSet<>(priorityKeys);
        if (priorities.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            // the priorities themselves, as applications, are linked too: links() keeps those that exist
            Set<String> applications = new TreeSet<>(priorities);
            CLAIMANTS.query(c, List.copyOf(priorities), rs -> applications.add(rs.getString(1)));
            return links(c, applications);
        } catch (SQLException e) {
            throw failure("looking up the applications claiming " + priorities.size() + " priorities", e);
        }
    }

    /** Sorted by application key; unknown keys are skipped. */
    @Override
    public List<PriorityLinks> linksByApplications(Collection<String> applicationKeys) {
        Set<String> keys = new TreeSet<>(applicationKeys);
        if (keys.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            return links(c, keys);
        } catch (SQLException e) {
            throw failure("reading the priority links of " + keys.size() + " applications", e);
        }
    }

    private static List<PriorityLinks> links(Connection c, Set<String> sortedKeys) throws SQLException {
        Map<String, Set<String>> links = new LinkedHashMap<>();
        LINKS.query(c, List.copyOf(sortedKeys), rs -> {
            Set<String> priorities = links.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>());
            String priority = rs.getString(2);
            if (priority != null) {
                priorities.add(priority);
            }
        });
        List<PriorityLinks> result = new ArrayList<>(links.size());
        links.forEach((key, priorities) -> result.add(new PriorityLinks(key, List.copyOf(priorities))));
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

    @Override
    public void close() {
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

    private static PriorityKind priorityKind(String wireName) {
        return wireName == null ? null : PriorityKind.parseOrNull(wireName);
    }

    private static void setDate(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setObject(index, date);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
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

    private static StoreException failure(String what, SQLException e) {
        SQLException next = e.getNextException();
        String detail = next == null ? e.getMessage() : e.getMessage() + " / " + next.getMessage();
        return new StoreException("store: " + what + " failed: " + detail, e);
    }

    /** One record ready to write: its key, details column and content hash. */
    private static final class Row {
        final Dossier dossier;
        final String key;
        final String details;
        final String hash;

        Row(Dossier dossier) {
            this.dossier = Objects.requireNonNull(dossier, "dossier");
            this.key = dossier.application().key();
            this.details = DossierJson.details(dossier);
            this.hash = sha256(DossierJson.canonical(dossier, details).getBytes(StandardCharsets.UTF_8));
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    /**
     * A query with one {@code IN (%s)} list, run once per slice of at most {@value #MAX_IN} keys.
     * Each slice is padded to the next power of two by repeating its last key (which changes no
     * result), so there are at most ten statement texts per query.
     */
    private static final class InList {
        private final String[] sqlByBucket;

        InList(String template) {
            int buckets = Integer.numberOfTrailingZeros(MAX_IN) + 1;
            sqlByBucket = new String[buckets];
            for (int b = 0; b < buckets; b++) {
                sqlByBucket[b] = String.format(Locale.ROOT, template, "?" + ",?".repeat((1 << b) - 1));
            }
        }

        void query(Connection c, List<String> keys, RowHandler handler) throws SQLException {
            for (int from = 0; from < keys.size(); from += MAX_IN) {
                List<String> slice = keys.subList(from, Math.min(keys.size(), from + MAX_IN));
                int bucket = 32 - Integer.numberOfLeadingZeros(slice.size() - 1);
                int size = 1 << bucket;
                try (PreparedStatement ps = c.prepareStatement(sqlByBucket[bucket])) {
                    for (int i = 0; i < size; i++) {
                        ps.setString(i + 1, slice.get(Math.min(i, slice.size() - 1)));
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
