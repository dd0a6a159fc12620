package org.dossierlink.bench;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.dossierlink.access.AccessGate;
import org.dossierlink.access.Caller;
import org.dossierlink.access.Offices;
import org.dossierlink.access.PasswordHash;
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

/**
 * What authentication costs GetFamily (issue: access control). In one JVM, over one in-memory H2 store
 * with the demo dataset, two servers on free ports of 127.0.0.1, both signing with one ECDSA key:
 * <ul>
 * <li>{@code demo flag}: plain HTTP, no token (the demo office);</li>
 * <li>{@code TLS + UsernameToken}: HTTPS (TLS 1.3, P-256 key) and a fresh WS-Security UsernameToken
 * (PasswordDigest, nonce, Created, Timestamp) in every request, verified by the node, agreements
 * applied for office JP.</li>
 * </ul>
 * The same Java client (java.net.http, HTTP/1.1 keep-alive, CLIENTS threads) drives both, ROUNDS times,
 * order alternated. Prints requests/s, p50 and p99 per run and the ratio secured/demo. Then, on one thread
 * and without HTTP, it times the authorisation check (AccessGate.dossier for a configured office) against
 * an empty loop.
 *
 * <p>Usage: {@code AccessBench [SECONDS] [ROUNDS] [CLIENTS]} (bench/access.sh).
 */
public final class AccessBench {

    private static final String USER = "jpo-bench";
    private static final String PASSWORD = "bench password " + UUID.randomUUID();
    private static final String FAMILY = "<m:GetFamily xmlns:m=\"urn:dossierlink:messages:1\"><m:office>JP</m:office>"
            + "<m:number>2017-187096</m:number><m:familyType>simple</m:familyType></m:GetFamily>";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;

        PasswordHash hash = PasswordHash.create(PASSWORD.toCharArray());
        Offices offices = offices(hash, "");
        Clock clock = Clock.systemUTC();
        NumberNormalizer normalizer = new NumberNormalizer();
        DialectConverter converter = new DialectConverter(normalizer);
        try (JdbcDossierStore store = JdbcDossierStore.open("jdbc:h2:mem:access-bench;DB_CLOSE_DELAY=-1", null, null)) {
            new DemoDataset(store, normalizer, converter).load();
            AccessGate gate = new AccessGate(offices.policy(), clock);
            DossierService service = new DossierService(store, normalizer, new FamilyLookup(store),
                    ServiceInfo.forOffices(List.of("EP", "US", "JP", "CN", "KR", "WO")), converter, gate);
            SigningKey ec = SelfSignedKeys.generate("bench-ec", SignatureAlgorithm.ECDSA_P256_SHA256,
                    "CN=dossierlink bench EC", Duration.ofDays(2));
            PayloadSigner signer = new PayloadSigner(new SigningKeys(List.of(ec), SignatureAlgorithm.ECDSA_P256_SHA256, "bench"));
            SigningKey tlsKey = SelfSignedKeys.generateTls("tls", "CN=127.0.0.1", List.of("127.0.0.1"), Duration.ofDays(2));
            KeyStore ks = SelfSignedKeys.keyStore(tlsKey, "bench".toCharArray());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("tls", tlsKey.certificate());
            AccessControl access = AccessControl.of(offices, AccessControl.NO_AUDIT, clock);

            Map<String, DossierServer> servers = new LinkedHashMap<>();
            try {
                servers.put("demo flag", new DossierServer(ServerOptions.demo().withPort(0), service, signer,
                        new NodeMetrics(), access).start());
                servers.put("TLS + UsernameToken", new DossierServer(ServerOptions.secured(
                        new ServerOptions.Tls(ks, "bench".toCharArray())).withPort(0), service, signer,
                        new NodeMetrics(), access).start());
                HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                SSLContext ssl = SSLContext.getInstance("TLS");
                ssl.init(null, tmf.getTrustManagers(), null);
                HttpClient https = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl).build();
                Map<String, Run> runs = new LinkedHashMap<>();
                runs.put("demo flag", new Run(plain, servers.get("demo flag").soap11Url(), () -> ""));
                runs.put("TLS + UsernameToken", new Run(https, servers.get("TLS + UsernameToken").soap11Url(),
                        () -> token(hash.digestKey())));
                for (Map.Entry<String, Run> e : runs.entrySet()) {
                    e.getValue().check(e.getKey());
                }
                System.out.printf(Locale.ROOT, "%nwarm-up: %d s per server%n", Math.max(5, seconds / 2));
                for (Run r : runs.values()) {
                    r.load(Math.max(5, seconds / 2), clients);
                }
                List<String> names = new ArrayList<>(runs.keySet());
                double demoTotal = 0;
                double securedTotal = 0;
                for (int round = 1; round <= rounds; round++) {
                    List<String> order = new ArrayList<>(names);
                    if (round % 2 == 0) {
                        java.util.Collections.reverse(order);
                    }
                    Map<String, double[]> results = new LinkedHashMap<>();
                    for (String name : order) {
                        double[] result = runs.get(name).load(seconds, clients);
                        results.put(name, result);
                        System.out.printf(Locale.ROOT, "round %d  %-20s %8.1f req/s  p50 %6.1f ms  p99 %6.1f ms  errors %d%n",
                                round, name, result[0], result[1], result[2], (long) result[3]);
                    }
                    double demo = results.get("demo flag")[0];
                    double secured = results.get("TLS + UsernameToken")[0];
                    demoTotal += demo;
                    securedTotal += secured;
                    System.out.printf(Locale.ROOT, "round %d  ratio secured/demo %.2f%n", round, secured / demo);
                }
                System.out.printf(Locale.ROOT, "RESULT ratio secured/demo over %d rounds: %.2f (target >= 0.60)%n", rounds,
                        securedTotal / demoTotal);
            } finally {
                servers.values().forEach(DossierServer::stop);
            }
            checkCost(gate);
        }
    }

    /**
     * The benchmark's offices: JP (user {@value #USER} with {@code hash}, and {@code jpQuota}: a quota element
     * or nothing), US and EP; JP sees US.
     */
    static Offices offices(PasswordHash hash, String jpQuota) {
        return Offices.parse(new ByteArrayInputStream(("""
                <offices xmlns="urn:dossierlink:offices:1">
                  <office code="JP" name="Japan Patent Office" role="providing-and-accessing">
                    <username-token username="%s" password-hash="%s"/>
                    %s
                  </office>
                  <office code="US" name="USPTO" role="providing-and-accessing"/>
                  <office code="EP" name="EPO" role="providing-and-accessing"/>
                  <agreement accessing="JP" providing="US" start="2014-04-01"/>
                </offices>
                """).formatted(USER, hash.encoded(), jpQuota).getBytes(StandardCharsets.UTF_8)), "bench offices");
    }

    /** The authorisation check alone: AccessGate.dossier for an office with agreements, against an empty loop. */
    private static void checkCost(AccessGate gate) {
        Caller jp = new Caller("JP", Caller.Proof.USERNAME_TOKEN);
        String[] holders = {"US", "EP", "JP", "CN"};
        long sink = 0;
        int n = 20_000_000;
        for (int warm = 0; warm < 3; warm++) {
            for (int i = 0; i < n; i++) {
                sink += gate.dossier(jp, holders[i & 3]).isAllowed() ? 1 : 0;
            }
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += gate.dossier(jp, holders[i & 3]).isAllowed() ? 1 : 0;
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += holders[i & 3].length() > 1 ? 1 : 0;
        }
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%nauthorisation check: %.1f ns per AccessGate.dossier call (empty loop %.1f ns),"
                + " %d calls (%d)%n", (t1 - t0) / (double) n, (t2 - t1) / (double) n, n, sink);
    }

    /** A fresh UsernameToken (PasswordDigest) and Timestamp. */
    static String token(String secret) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String created = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        String digest;
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(secret.getBytes(StandardCharsets.UTF_8));
            digest = Base64.getEncoder().encodeToString(sha1.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
        String wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
        String profile = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
        String base64 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
        return "<wsse:Security xmlns:wsse=\"" + wsse + "\" xmlns:wsu=\"" + wsu + "\"><wsu:Timestamp wsu:Id=\"TS-1\">"
                + "<wsu:Created>" + created + "</wsu:Created><wsu:Expires>"
                + Instant.parse(created).plusSeconds(300) + "</wsu:Expires></wsu:Timestamp><wsse:UsernameToken wsu:Id=\"UT-1\">"
                + "<wsse:Username>" + USER + "</wsse:Username><wsse:Password Type=\"" + profile + "#PasswordDigest\">"
                + digest + "</wsse:Password><wsse:Nonce EncodingType=\"" + base64 + "\">"
                + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce><wsu:Created>" + created
                + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }

    /** One server and how to call it (GetFamily of JP 2017-187096 with {@code header} in the SOAP Header). */
    record Run(HttpClient client, String url, Supplier<String> header) {

        HttpRequest request() {
            String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header>"
                    + header.get() + "</soap:Header><soap:Body>" + FAMILY + "</soap:Body></soap:Envelope>";
            return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/xml; charset=utf-8")
                    .header("SOAPAction", "\"urn:dossierlink:service:1:GetFamily\"")
                    .POST(HttpRequest.BodyPublishers.ofString(envelope)).build();
        }

        void check(String name) throws Exception {
            HttpResponse<String> r = client.send(request(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().contains("GetFamilyResponse")) {
                throw new IllegalStateException(name + ": HTTP " + r.statusCode() + "\n" + r.body());
            }
            System.out.printf(Locale.ROOT, "%-20s %s: HTTP 200, %,d bytes, %d members%n", name, url, r.body().length(),
                    r.body().split("<msg:member", -1).length - 1);
        }

        /** requests/s, p50 ms, p99 ms, errors. */
        double[] load(int seconds, int clients) throws Exception {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            AtomicLong errors = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<long[]>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        HttpResponse<String> r = client.send(request(), HttpResponse.BodyHandlers.ofString());
                        long d = System.nanoTime() - t;
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                        if (n == lat.length) {
                            lat = java.util.Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = d;
                    }
                    return java.util.Arrays.copyOf(lat, n);
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<long[]> f : futures) {
                for (long l : f.get()) {
                    all.add(l);
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            all.sort(null);
            double p50 = all.isEmpty() ? 0 : all.get(all.size() / 2) / 1e6;
            double p99 = all.isEmpty() ? 0 : all.get((int) (all.size() * 0.99)) / 1e6;
            return new double[] {all.size() / elapsed, p50, p99, errors.get()};
        }
    }
}
