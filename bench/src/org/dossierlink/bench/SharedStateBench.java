package org.dossierlink.bench;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dossierlink.access.AccessGate;
import org.dossierlink.access.Offices;
import org.dossierlink.access.PasswordHash;
import org.dossierlink.access.QuotaLedger;
import org.dossierlink.access.Quota;
import org.dossierlink.demo.DemoDataset;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.family.FamilyLookup;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.operator.NodeMetrics;
import org.dossierlink.server.AccessControl;
import org.dossierlink.server.DossierServer;
import org.dossierlink.server.ServerOptions;
import org.dossierlink.service.DossierService;
import org.dossierlink.service.ServiceInfo;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.JdbcNonceRegistry;
import org.dossierlink.store.JdbcQuotaCounts;

/**
 * What sharing the nonces and quota counts through PostgreSQL costs a request (issue 6, several nodes on
 * one store). In one JVM, on one PostgreSQL schema holding the demo dataset, GetFamily with a fresh
 * WS-Security UsernameToken (PasswordDigest) of an office with a quota, over plain HTTP (TLS is the same
 * for every run and left out), CLIENTS threads, ROUNDS rounds with the order alternated:
 * <ul>
 * <li>{@code 1 node, state in memory}: nonces and quota counts in the node's memory (the single-node way);</li>
 * <li>{@code 1 node, state shared}: nonces in used_nonce (one INSERT per request), quota counts exchanged
 * every second through quota_usage (what serve does on PostgreSQL);</li>
 * <li>{@code 2 nodes, state shared}: two servers, each with its own pool on the schema, the clients split
 * between them (both in this JVM on the same cores: it shows what the sharing costs, not what a second
 * machine gains).</li>
 * </ul>
 * Then, without HTTP, the cost of one nonce check on PostgreSQL (JdbcNonceRegistry.firstUse, one thread)
 * and of one quota admission (QuotaLedger.admit).
 *
 * <p>Usage: {@code SharedStateBench JDBC_URL [SECONDS] [ROUNDS] [CLIENTS]} (bench/shared-state.sh); the URL
 * names a PostgreSQL database where the benchmark may create a schema (dropped at the end).
 */
public final class SharedStateBench {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        String schema = "dossierlink_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try {
            run(schemaUrl, seconds, rounds, clients);
        } finally {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void run(String url, int seconds, int rounds, int clients) throws Exception {
        PasswordHash hash = PasswordHash.create(("bench password " + UUID.randomUUID()).toCharArray());
        // JP holds a quota far above what the benchmark sends: every request is counted, none refused
        Offices offices = AccessBench.offices(hash, "<quota requests-per-minute=\"100000000\" bytes-per-day=\"1000000000000000\"/>");
        Clock clock = Clock.systemUTC();
        NumberNormalizer normalizer = new NumberNormalizer();
        DialectConverter converter = new DialectConverter(normalizer);
        SigningKey ec = SelfSignedKeys.generate("bench-ec", SignatureAlgorithm.ECDSA_P256_SHA256,
                "CN=dossierlink bench EC", Duration.ofDays(2));
        PayloadSigner signer = new PayloadSigner(new SigningKeys(List.of(ec), SignatureAlgorithm.ECDSA_P256_SHA256, "bench"));
        List<AutoCloseable> open = new ArrayList<>();
        List<DossierServer> servers = new ArrayList<>();
        try {
            JdbcDossierStore first = JdbcDossierStore.open(url, null, null);
            open.add(first);
            new DemoDataset(first, normalizer, converter).load();
            JdbcDossierStore second = JdbcDossierStore.open(url, null, null);
            open.add(second);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Map<String, List<AccessBench.Run>> runs = new LinkedHashMap<>();
            AccessControl local = AccessControl.of(offices, AccessControl.NO_AUDIT, clock);
            runs.put("1 node, state in memory", List.of(run(http, start(first, local, offices, signer, converter,
                    normalizer, servers), hash)));
            AccessControl sharedOne = shared(first, offices, clock, open);
            runs.put("1 node, state shared", List.of(run(http, start(first, sharedOne, offices, signer, converter,
                    normalizer, servers), hash)));
            AccessControl sharedTwo = shared(second, offices, clock, open);
            runs.put("2 nodes, state shared", List.of(
                    run(http, start(first, sharedOne, offices, signer, converter, normalizer, servers), hash),
                    run(http, start(second, sharedTwo, offices, signer, converter, normalizer, servers), hash)));
            for (Map.Entry<String, List<AccessBench.Run>> e : runs.entrySet()) {
                for (AccessBench.Run r : e.getValue()) {
                    r.check(e.getKey());
                }
            }
            System.out.printf(Locale.ROOT, "%nwarm-up: %d s per run%n", Math.max(5, seconds / 2));
            for (List<AccessBench.Run> r : runs.values()) {
                load(r, Math.max(5, seconds / 2), clients);
            }
            Map<String, Double> totals = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(runs.keySet());
            for (int round = 1; round <= rounds; round++) {
                List<String> order = new ArrayList<>(names);
                if (round % 2 == 0) {
                    java.util.Collections.reverse(order);
                }
                for (String name : order) {
                    double[] result = load(runs.get(name), seconds, clients);
                    totals.merge(name, result[0], Double::sum);
                    System.out.printf(Locale.ROOT, "round %d  %-24s %8.1f req/s  p50 %6.1f ms  p99 %6.1f ms  errors %d%n",
                            round, name, result[0], result[1], result[2], (long) result[3]);
                }
            }
            double base = totals.get(names.get(0));
            for (String name : names) {
                System.out.printf(Locale.ROOT, "RESULT %-24s %8.1f req/s over %d rounds, %.2f of state in memory%n", name,
                        totals.get(name) / rounds, rounds, totals.get(name) / base);
            }
            microCosts(first, offices, clock, url);
        } finally {
            servers.forEach(DossierServer::stop);
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }

    private static AccessControl shared(JdbcDossierStore store, Offices offices, Clock clock, List<AutoCloseable> open) {
        AccessControl access = AccessControl.shared(offices, AccessControl.NO_AUDIT, clock,
                new JdbcNonceRegistry(store, clock), new JdbcQuotaCounts(store));
        open.add(access.quotas());
        return access;
    }

    private static String start(JdbcDossierStore store, AccessControl access, Offices offices, PayloadSigner signer,
                                DialectConverter converter, NumberNormalizer normalizer, List<DossierServer> servers)
            throws Exception {
        DossierService service = new DossierService(store, normalizer, new FamilyLookup(store),
                ServiceInfo.forOffices(List.of("EP", "US", "JP", "CN", "KR", "WO")), converter,
                new AccessGate(offices.policy(), Clock.systemUTC()));
        DossierServer server = new DossierServer(ServerOptions.demo().withPort(0), service, signer, new NodeMetrics(),
                access).start();
        servers.add(server);
        return server.soap11Url();
    }

    private static AccessBench.Run run(HttpClient http, String url, PasswordHash hash) {
        return new AccessBench.Run(http, url, () -> AccessBench.token(hash.digestKey()));
    }

    /** The runs at once, the clients split between them: total req/s, the slowest p50 and p99, errors. */
    private static double[] load(List<AccessBench.Run> nodes, int seconds, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (AccessBench.Run r : nodes) {
                futures.add(pool.submit(() -> r.load(seconds, Math.max(1, clients / nodes.size()))));
            }
            double[] total = new double[4];
            for (Future<double[]> f : futures) {
                double[] r = f.get();
                total[0] += r[0];
                total[1] = Math.max(total[1], r[1]);
                total[2] = Math.max(total[2], r[2]);
                total[3] += r[3];
            }
            return total;
        } finally {
            pool.shutdown();
        }
    }

    /** One nonce check on PostgreSQL and one quota admission, without HTTP, on one thread. */
    private static void microCosts(JdbcDossierStore store, Offices offices, Clock clock, String url) throws Exception {
        JdbcNonceRegistry nonces = new JdbcNonceRegistry(store, clock);
        int n = 5_000;
        for (int i = 0; i < n / 4; i++) {
            nonces.firstUse("warm-" + UUID.randomUUID(), Instant.now().plusSeconds(360));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            nonces.firstUse("bench-" + UUID.randomUUID(), Instant.now().plusSeconds(360));
        }
        double nonce = (System.nanoTime() - t0) / 1e3 / n;
        // the same INSERT committed durably (waiting for the WAL flush), as it would be without the
        // registry's synchronous_commit off: into a scratch table of the same shape, dropped after
        double durable;
        try (java.sql.Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench_durable_nonce (nonce_sha256 CHAR(64) PRIMARY KEY,"
                        + " expires_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO bench_durable_nonce (nonce_sha256, expires_at) VALUES (?, ?)")) {
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setObject(2, java.time.OffsetDateTime.now().plusSeconds(360));
                    ps.executeUpdate();
                }
                durable = (System.nanoTime() - t) / 1e3 / n;
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_durable_nonce");
            }
        }
        QuotaLedger ledger = new QuotaLedger(code -> offices.office(code).map(o -> o.quota()).orElse(Quota.UNLIMITED), clock);
        int m = 5_000_000;
        long sink = 0;
        for (int i = 0; i < m; i++) {
            sink += ledger.admit("JP").requests();
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < m; i++) {
            sink += ledger.admit("JP").requests();
        }
        double admit = (System.nanoTime() - t1) / (double) m;
        System.out.printf(Locale.ROOT, "%nnonce check on PostgreSQL (JdbcNonceRegistry.firstUse, one thread): %.0f us per"
                + " call over %,d calls%nquota admission (QuotaLedger.admit, in memory on both kinds of node): %.0f ns per"
                + " call (%d)%nthe same INSERT committed durably (synchronous_commit on, for comparison): %.0f us per call%n",
                nonce, n, admit, sink % 10, durable);
    }
}
