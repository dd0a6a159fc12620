package org.dossierlink.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the store lives and how many connections it may hold.
 *
 * @param jdbcUrl     {@code jdbc:h2:file:...} (embedded, one node) or {@code jdbc:postgresql://...} (shared by several nodes)
 * @param user        database user, or null when the URL carries it
 * @param password    its password, or null
 * @param maxPoolSize connections kept by the pool (at least 1)
 */
public record StoreConfig(String jdbcUrl, String user, String password, int maxPoolSize) {

    /** PostgreSQL: enough for a few request threads and one bulk loader on a small machine. */
    public static final int DEFAULT_POOL_SIZE = 10;

    public StoreConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("store URL must start with jdbc:h2: or jdbc:postgresql:, got " + jdbcUrl);
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, got " + maxPoolSize);
        }
    }

    /** The default pool for the URL's database: {@link #defaultPoolSize(String)}. */
    public StoreConfig(String jdbcUrl, String user, String password) {
        this(jdbcUrl, user, password, defaultPoolSize(jdbcUrl));
    }

    /**
     * Embedded H2 runs queries on the caller's thread and guards its page cache with locks, so more
     * connections than cores only add contention: one per core and one spare. Under the family
     * lookup benchmark on two cores, 3 connections gave 496 req/s and p99 186 ms where 10 gave 385 and
     * 300 ms (BENCHMARKS.md). PostgreSQL works in its own processes: {@value #DEFAULT_POOL_SIZE}.
     */
    public static int defaultPoolSize(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:")) {
            return Runtime.getRuntime().availableProcessors() + 1;
        }
        return DEFAULT_POOL_SIZE;
    }

    /**
     * The embedded store of a node whose data folder is {@code dataDir}, as {@code serve} and every other
     * command open it. No user and no password: H2 makes whoever creates a database its only user, so
     * every opener must use the same (none); a store created as "sa" opens for "sa" only.
     */
    public static StoreConfig h2(Path dataDir) {
        return new StoreConfig(h2Url(dataDir), null, null);
    }

    /**
     * {@code jdbc:h2:file:<dataDir>/dossierlink} with: AUTO_SERVER off (one process owns the files),
     * DB_CLOSE_ON_EXIT off (the owner closes the store, e.g. in the server's shutdown hook, and H2
     * must not close the database under the pool first), and a query cache
     * large enough for the store's prepared statements. No compatibility MODE: the schema and SQL are
     * plain SQL both H2 and PostgreSQL accept.
     */
    /**
     * H2's page cache: a quarter of the heap, from 64 MB to 2 GB. H2's own default (64 MB) holds the
     * indexes of a few hundred thousand applications; past that every family lookup reads pages from
     * the file and churns the cache.
     */
    static long h2CacheKilobytes(long maxHeapBytes) {
        long quarter = maxHeapBytes / 4 / 1024;
        return Math.max(64L * 1024, Math.min(2L * 1024 * 1024, quarter));
    }

    public static String h2Url(Path dataDir) {
        Path base = dataDir.toAbsolutePath().normalize().resolve("dossierlink");
        return "jdbc:h2:file:" + base + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64;CACHE_SIZE="
                + h2CacheKilobytes(Runtime.getRuntime().maxMemory());
    }

    /**
     * Whether the store keeps its family index in memory ({@link InMemoryFamilyIndex}): only when this
     * process is the store's one writer, which is embedded H2 ({@code jdbc:h2:file:}, {@code jdbc:h2:mem:},
     * {@code jdbc:h2:<path>}) with AUTO_SERVER off. PostgreSQL, an H2 server ({@code jdbc:h2:tcp:},
     * {@code jdbc:h2:ssl:}) and AUTO_SERVER=TRUE let other processes write, and read the index from the
     * database.
     */
    public boolean familyIndexInMemory() {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = jdbcUrl.substring("jdbc:h2:".length()).toLowerCase(java.util.Locale.ROOT);
        return !rest.startsWith("tcp:") && !rest.startsWith("ssl:")
                && !rest.replace(" ", "").contains(";auto_server=true");
    }

    boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }
}
