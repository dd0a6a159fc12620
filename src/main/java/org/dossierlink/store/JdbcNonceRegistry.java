package org.dossierlink.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.dossierlink.access.NonceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The used nonces in the store's database (table {@code used_nonce}, V7__shared_node_state.sql), so that
 * every node on one PostgreSQL store refuses a token another node accepted. A nonce is kept as its
 * SHA-256 (the token's nonce itself never reaches the database).
 *
 * <p>{@link #firstUse} is one INSERT: the primary key makes it atomic across nodes. A duplicate key is a
 * replay, unless the row found has expired and was not purged yet: then one UPDATE takes it over (only if
 * it is still expired, so two nodes cannot both take it). On PostgreSQL the INSERT commits with
 * {@code synchronous_commit} off: it does not wait for the WAL to reach the disk (which would be most of
 * its cost), and is visible to every other node at once all the same. Should the database server crash,
 * the nonces of the last fraction of a second before it could be forgotten, and tokens carrying them,
 * still at most {@code keep} old, accepted once more: a far smaller window than a per-node cache leaves. At most every
 * {@value #PURGE_EVERY_SECONDS} s a node deletes the expired rows, in the request that finds the time
 * has come (one indexed DELETE).
 */
public final class JdbcNonceRegistry implements NonceRegistry {

    static final long PURGE_EVERY_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcNonceRegistry.class);
    private static final String INSERT = "INSERT INTO used_nonce (nonce_sha256, expires_at) VALUES (?, ?)";
    private static final String TAKE_OVER_EXPIRED = "UPDATE used_nonce SET expires_at = ?"
            + " WHERE nonce_sha256 = ? AND expires_at < ?";
    private static final String ASYNC_COMMIT = "SET LOCAL synchronous_commit TO OFF";
    private static final String PURGE = "DELETE FROM used_nonce WHERE expires_at < ?";

    private final DataSource dataSource;
    private final Clock clock;
    private final boolean postgres;
    private final AtomicLong nextPurge = new AtomicLong();

    /** The registry in the store's database. */
    public JdbcNonceRegistry(JdbcDossierStore store, Clock clock) {
        this(store.dataSource(), clock, store.shared());
    }

    JdbcNonceRegistry(DataSource dataSource, Clock clock, boolean postgres) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.postgres = postgres;
    }

    @Override
    public boolean firstUse(String nonce, Instant expiry) {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(expiry, "expiry");
        Instant now = clock.instant();
        String key = sha256(nonce);
        OffsetDateTime until = OffsetDateTime.ofInstant(expiry, ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            purgeIfDue(c, now);
            if (insert(c, key, until)) {
                return true;
            }
            try (PreparedStatement ps = c.prepareStatement(TAKE_OVER_EXPIRED)) {
                ps.setObject(1, until);
                ps.setString(2, key);
                ps.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                return ps.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw JdbcDossierStore.failure("recording a UsernameToken nonce", e);
        }
    }

    /** Inserts the nonce's row; false when it is there already. Leaves the connection in auto-commit. */
    private boolean insert(Connection c, String key, OffsetDateTime until) throws SQLException {
        if (postgres) {
            c.setAutoCommit(false);
        }
        try {
            if (postgres) {
                try (Statement s = c.createStatement()) {
                    s.execute(ASYNC_COMMIT);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, key);
                ps.setObject(2, until);
                ps.executeUpdate();
            }
            if (postgres) {
                c.commit();
            }
            return true;
        } catch (SQLException e) {
            if (postgres) {
                c.rollback();
            }
            if (!JdbcDossierStore.isDuplicateKey(e)) {
                throw e;
            }
            return false;
        } finally {
            if (postgres) {
                c.setAutoCommit(true);
            }
        }
    }

    /** Deletes the expired rows when {@value #PURGE_EVERY_SECONDS} s have passed since this node last did. */
    private void purgeIfDue(Connection c, Instant now) {
        long next = nextPurge.get();
        if (now.getEpochSecond() < next || !nextPurge.compareAndSet(next, now.getEpochSecond() + PURGE_EVERY_SECONDS)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(PURGE)) {
            ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            int purged = ps.executeUpdate();
            LOG.debug("purged {} expired nonces", purged);
        } catch (SQLException e) {
            // the next request tries again; a row kept longer only takes room
            LOG.warn("could not purge the expired nonces: {}", e.getMessage());
        }
    }

    /** Rows in the table, expired or not: for tests. */
    long size() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM used_nonce");
             java.sql.ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw JdbcDossierStore.failure("counting nonces", e);
        }
    }

    private static String sha256(String nonce) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(nonce.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
