package org.dossierlink.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SignatureSettings;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.store.StoreConfig;

/**
 * The node's configuration: the one place that reads {@code conf/dossierlink.properties}, checks
 * every key and value, and fails with the file, the key and the reason.
 *
 * @param host        address to listen on
 * @param port        port to listen on (0 picks a free one)
 * @param dataDir     folder of the embedded store
 * @param storeUrl    JDBC URL; null means embedded H2 in {@code dataDir}
 * @param storeUser   JDBC user, or null
 * @param storePassword JDBC password read from the environment, or null
 * @param offices     offices this node serves
 * @param signature   signing keys and trusted certificates
 * @param officesFile the offices and agreements file ({@code access.offices}, read by {@code access.Offices})
 * @param tls         the HTTPS key (required unless the node runs with the demo flag)
 * @param nodeName    this node's name towards peer nodes ({@code node.name})
 * @param peersFile   the peers file ({@code linkage.peers}, read by {@code linkage.Peers}); null: no peers
 * @param bulk        bulk imports over SOAP: work folder, package size limit, concurrency, queue
 */
public record NodeConfig(String host, int port, Path dataDir, String storeUrl, String storeUser,
                         String storePassword, List<String> offices, SignatureSettings signature, Path officesFile,
                         TlsSettings tls, String nodeName, Path peersFile, BulkSettings bulk) {

    /** The node name when {@code node.name} is not set. */
    public static final String DEFAULT_NODE_NAME = "dossierlink";

    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    /** Read when no --config is given and the file exists (the launcher runs from the repository root). */
    public static final Path DEFAULT_CONFIG_FILE = Path.of("conf", "dossierlink.properties");
    /** The offices and agreements file when {@code access.offices} is not set. */
    public static final Path DEFAULT_OFFICES_FILE = Path.of("conf", "offices.xml");

    private static final Set<String> KEYS = Set.of("server.host", "server.port", "store.url", "store.user",
            "store.password-env", "node.offices", "signature.keystore", "signature.keystore.password-env",
            "signature.keystore.password-file", "signature.algorithm", "signature.trust", "signature.max-references",
            "signature.max-transforms", "access.offices", "server.tls.keystore", "server.tls.keystore.password-env",
            "server.tls.keystore.password-file", "node.name", "linkage.peers", "bulk.work-dir",
            "bulk.max-package-bytes", "bulk.concurrent-imports", "bulk.queue-limit");

    public NodeConfig {
        offices = List.copyOf(offices);
        if (nodeName == null) {
            nodeName = DEFAULT_NODE_NAME;
        }
        if (officesFile == null) {
            officesFile = DEFAULT_OFFICES_FILE;
        }
        if (tls == null) {
            tls = new TlsSettings(TlsSettings.DEFAULT_KEYSTORE, TlsSettings.DEFAULT_PASSWORD_ENV,
                    TlsSettings.defaultPasswordFile(TlsSettings.DEFAULT_KEYSTORE));
        }
        if (bulk == null) {
            bulk = BulkSettings.defaults();
        }
    }

    /** Without peers and with the default node name and bulk settings ({@link BulkSettings#defaults()}). */
    public NodeConfig(String host, int port, Path dataDir, String storeUrl, String storeUser, String storePassword,
                      List<String> offices, SignatureSettings signature, Path officesFile, TlsSettings tls) {
        this(host, port, dataDir, storeUrl, storeUser, storePassword, offices, signature, officesFile, tls,
                DEFAULT_NODE_NAME, null, null);
    }

    /** The built-in defaults, as if the configuration file were empty. */
    public static NodeConfig defaults() {
        return fromProperties(new Properties(), "<defaults>", System::getenv);
    }

    /**
     * Loads a configuration file. {@code file} null means the default file if it exists, else defaults.
     *
     * @throws ConfigException naming the file, the key and the reason
     */
    public static NodeConfig load(Path file) {
        return load(file, System::getenv);
    }

    /** Like {@link #load(Path)}, with the environment read through {@code env}. */
    public static NodeConfig load(Path file, Function<String, String> env) {
        Path f = file;
        if (f == null) {
            if (!Files.isRegularFile(DEFAULT_CONFIG_FILE)) {
                return fromProperties(new Properties(), "<defaults>", env);
            }
            f = DEFAULT_CONFIG_FILE;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(f + ": configuration file not found");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(f + ": cannot read configuration: " + e.getMessage());
        }
        return fromProperties(p, f.toString(), env);
    }

    /**
     * Reads and checks every key; environment variables override the file (see {@link #environmentVariable}).
     * Every problem is reported, not only the first: one line each, with where the value came from, the
     * key and the reason.
     */
    static NodeConfig fromProperties(Properties file, String source, Function<String, String> env) {
        Properties p = new Properties();
        p.putAll(file);
        Map<String, String> fromEnvironment = new HashMap<>();
        for (String key : KEYS) {
            String variable = environmentVariable(key);
            String v = env.apply(variable);
            if (v != null) {
                p.setProperty(key, v);
                fromEnvironment.put(key, variable);
            }
        }
        Function<String, String> where = key -> fromEnvironment.containsKey(key)
                ? "environment variable " + fromEnvironment.get(key) : source;
        List<String> problems = new ArrayList<>();
        for (String key : p.stringPropertyNames().stream().sorted().toList()) {
            if (!KEYS.contains(key)) {
                problems.add(source + ": unknown key '" + key + "' (known keys: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String host = value(p, "server.host", "127.0.0.1");
        int port = check(problems, () -> port(p, where.apply("server.port")), DEFAULT_PORT);
        String url = check(problems, () -> storeUrl(p, where.apply("store.url")), null);
        String user = value(p, "store.user", null);
        String passwordEnv = value(p, "store.password-env", "DOSSIERLINK_STORE_PASSWORD");
        String password = env.apply(passwordEnv);
        List<String> offices = check(problems, () -> offices(value(p, "node.offices", "EP,US,JP,CN,KR,WO,CA,AU,GB"),
                where.apply("node.offices")), List.of());
        SignatureSettings signature = signature(p, where, problems);
        Path officesFile = Path.of(value(p, "access.offices", DEFAULT_OFFICES_FILE.toString()));
        Path tlsKeystore = Path.of(value(p, "server.tls.keystore", TlsSettings.DEFAULT_KEYSTORE.toString()));
        String tlsPasswordFile = value(p, "server.tls.keystore.password-file", null);
        TlsSettings tls = new TlsSettings(tlsKeystore, value(p, "server.tls.keystore.password-env",
                TlsSettings.DEFAULT_PASSWORD_ENV), tlsPasswordFile == null ? TlsSettings.defaultPasswordFile(tlsKeystore)
                : Path.of(tlsPasswordFile));
        BulkSettings bulk = bulk(p, where, problems);
        String nodeName = value(p, "node.name", DEFAULT_NODE_NAME);
        if (!nodeName.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.add(where.apply("node.name") + ": node.name must be 1 to 64 letters, digits, dots, dashes or"
                    + " underscores, found '" + nodeName + "'");
        }
        String peers = value(p, "linkage.peers", null);
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
        return new NodeConfig(host, port, DEFAULT_DATA_DIR, url, user, password, offices, signature, officesFile, tls,
                nodeName, peers == null ? null : Path.of(peers), bulk);
    }

    /**
     * The environment variable that overrides a key: {@code DOSSIERLINK_} and the key in upper case with
     * dots and dashes as underscores ({@code server.port}: {@code DOSSIERLINK_SERVER_PORT}).
     */
    public static String environmentVariable(String key) {
        return "DOSSIERLINK_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Every key this file may hold, sorted. */
    public static List<String> keys() {
        return KEYS.stream().sorted().toList();
    }

    private static <T> T check(List<String> problems, Supplier<T> read, T fallback) {
        try {
            return read.get();
        } catch (ConfigException e) {
            problems.add(e.getMessage());
            return fallback;
        }
    }

    private static String storeUrl(Properties p, String source) {
        String url = value(p, "store.url", null);
        if (url != null && !(url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:"))) {
            throw new ConfigException(source + ": store.url must be a jdbc:h2: or jdbc:postgresql: URL, found '" + url + "'");
        }
        return url;
    }

    private static SignatureSettings signature(Properties p, Function<String, String> where, List<String> problems) {
        Path keystore = Path.of(value(p, "signature.keystore", SignatureSettings.DEFAULT_KEYSTORE.toString()));
        String passwordEnv = value(p, "signature.keystore.password-env", SignatureSettings.DEFAULT_PASSWORD_ENV);
        String passwordFile = value(p, "signature.keystore.password-file", null);
        SignatureAlgorithm algorithm = check(problems, () -> {
            try {
                return SignatureAlgorithm.parse(value(p, "signature.algorithm", SignatureAlgorithm.DEFAULT.configName()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where.apply("signature.algorithm") + ": signature.algorithm: " + e.getMessage());
            }
        }, SignatureAlgorithm.DEFAULT);
        Path trust = Path.of(value(p, "signature.trust", SignatureSettings.DEFAULT_TRUST_DIR.toString()));
        VerificationLimits defaults = VerificationLimits.defaults();
        VerificationLimits limits = new VerificationLimits(
                check(problems, () -> positive(p, "signature.max-references", defaults.maxReferences(),
                        where.apply("signature.max-references")), defaults.maxReferences()),
                check(problems, () -> positive(p, "signature.max-transforms", defaults.maxTransforms(),
                        where.apply("signature.max-transforms")), defaults.maxTransforms()));
        return new SignatureSettings(keystore, passwordEnv, passwordFile == null
                ? SignatureSettings.defaultPasswordFile(keystore) : Path.of(passwordFile), algorithm, trust, limits);
    }

    private static int positive(Properties p, String key, int fallback, String source) {
        return (int) between(p, key, fallback, 1, 100, source);
    }

    /** A whole number in [min, max], or a ConfigException naming the source, the key and the range. */
    private static long between(Properties p, String key, long fallback, long min, long max, String source) {
        String v = value(p, key, Long.toString(fallback));
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(source + ": " + key + " must be a number from " + min + " to " + max + ", found '"
                + v + "'");
    }

    private static BulkSettings bulk(Properties p, Function<String, String> where, List<String> problems) {
        String dir = value(p, "bulk.work-dir", null);
        long maxBytes = check(problems, () -> between(p, "bulk.max-package-bytes",
                BulkSettings.DEFAULT_MAX_PACKAGE_BYTES, 1024, Long.MAX_VALUE / 2, where.apply("bulk.max-package-bytes")),
                BulkSettings.DEFAULT_MAX_PACKAGE_BYTES);
        int concurrent = check(problems, () -> (int) between(p, "bulk.concurrent-imports",
                BulkSettings.DEFAULT_CONCURRENT_IMPORTS, 1, 8, where.apply("bulk.concurrent-imports")),
                BulkSettings.DEFAULT_CONCURRENT_IMPORTS);
        int queue = check(problems, () -> (int) between(p, "bulk.queue-limit", BulkSettings.DEFAULT_QUEUE_LIMIT, 1, 10_000,
                where.apply("bulk.queue-limit")), BulkSettings.DEFAULT_QUEUE_LIMIT);
        return new BulkSettings(dir == null ? null : Path.of(dir), maxBytes, concurrent, queue);
    }

    /** The same configuration with command-line overrides applied (null leaves a value as it is). */
    public NodeConfig with(Integer portOverride, Path dataDirOverride) {
        int newPort = portOverride == null ? port : checkPort(portOverride, "--port");
        return new NodeConfig(host, newPort, dataDirOverride == null ? dataDir : dataDirOverride, storeUrl,
                storeUser, storePassword, offices, signature, officesFile, tls, nodeName, peersFile, bulk);
    }

    /** The bulk work folder: {@code bulk.work-dir}, or {@code bulk} in the data folder. */
    public Path bulkWorkDir() {
        return bulk.workDir(dataDir);
    }

    /** The JDBC URL to open: the configured one, or the embedded H2 file in the data folder. */
    public String jdbcUrl() {
        if (storeUrl != null) {
            return storeUrl;
        }
        return StoreConfig.h2Url(dataDir);
    }

    private static String value(Properties p, String key, String fallback) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static int port(Properties p, String source) {
        String v = value(p, "server.port", Integer.toString(DEFAULT_PORT));
        try {
            return checkPort(Integer.parseInt(v), source + ": server.port");
        } catch (NumberFormatException e) {
            throw new ConfigException(source + ": server.port must be a number from 0 to 65535, found '" + v + "'");
        }
    }

    private static int checkPort(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new ConfigException(what + " must be from 0 to 65535, found " + port);
        }
        return port;
    }

    private static List<String> offices(String list, String source) {
        List<String> out = new ArrayList<>();
        for (String o : Arrays.asList(list.split(","))) {
            String code = o.trim().toUpperCase(Locale.ROOT);
            if (code.isEmpty()) {
                continue;
            }
            if (!code.matches("[A-Z]{2}")) {
                throw new ConfigException(source + ": node.offices must list two-letter ST.3 codes, found '" + o.trim() + "'");
            }
            if (!out.contains(code)) {
                out.add(code);
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException(source + ": node.offices is empty: list at least one office this node serves");
        }
        return out;
    }

    /** For tests: properties from a map. */
    static NodeConfig fromMap(Map<String, String> values, Function<String, String> env) {
        Properties p = new Properties();
        p.putAll(values);
        return fromProperties(p, "<test>", env);
    }
}
