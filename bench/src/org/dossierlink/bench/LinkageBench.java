package org.dossierlink.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.dossierlink.access.Offices;
import org.dossierlink.access.Quota;
import org.dossierlink.access.QuotaLedger;
import org.dossierlink.access.AccessGate;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.family.FamilyLookup;
import org.dossierlink.linkage.Peer;
import org.dossierlink.linkage.Peers;
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
import org.dossierlink.store.StoreConfig;

/**
 * Federated GetFamily against local-only GetFamily, in one run. Three nodes on loopback (one JVM, each with
 * its own port, H2 store in bench/out and signing key): jp-net holds the JP first filings of FAMILIES
 * families, ep-net their EP and US members, cn-net their CN members. jp-net is served twice over its one
 * store: linked to the two peers (federated) and unlinked (local only). Rounds alternate: local, federated,
 * ep-net's own GetFamily, cn-net's own GetFamily (what the fan-out waits for), each CLIENTS concurrent
 * clients for SECONDS. Target: federated p99 - local p99 <= 2 x the slowest peer's own p99.
 * Usage: LinkageBench SECONDS ROUNDS CLIENTS FAMILIES [ARMS] (ARMS: comma-separated subset of local, federated,
 * ep-net, cn-net; all by default; one arm alone is for profiling it, e.g. under JFR)
 */
public final class LinkageBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        int families = Integer.parseInt(args[3]);
        // optional: only these arms (comma-separated), e.g. "federated" for a profile of the federated call alone
        Set<String> arms = args.length > 4 && !args[4].isBlank() ? Set.of(args[4].split(",")) : null;
        Path out = Path.of("bench", "out", "linkage");
        Node node = Node.setUp(out);
        Offices offices = node.offices();
        NumberNormalizer normalizer = node.normalizer();
        DialectConverter converter = node.converter();
        Clock clock = node.clock();

        Map<String, SigningKey> keys = new LinkedHashMap<>();
        Map<String, JdbcDossierStore> stores = new LinkedHashMap<>();
        for (String n : List.of("jp-net", "ep-net", "cn-net")) {
            keys.put(n, SelfSignedKeys.generate(n, SignatureAlgorithm.ECDSA_P256_SHA256, "CN=" + n, Duration.ofDays(3)));
            Path dir = out.resolve(n + "-" + System.nanoTime());
            stores.put(n, JdbcDossierStore.open(StoreConfig.h2Url(dir), null, null));
        }
        List<Dossier> jp = new ArrayList<>();
        List<Dossier> ep = new ArrayList<>();
        List<Dossier> cn = new ArrayList<>();
        for (int i = 0; i < families; i++) {
            String jpNumber = String.format("2010%06d", 100000 + i);
            LocalDate filed = LocalDate.of(2010, 6, 1);
            PriorityClaim priority = new PriorityClaim(1, "JP", jpNumber, jpNumber.substring(0, 4) + "-" + jpNumber.substring(4),
                    filed, PriorityKind.NATIONAL, true);
            jp.add(dossier(new ApplicationRef("JP", jpNumber, "A", priority.originalNumber(), filed), List.of()));
            ep.add(dossier(new ApplicationRef("EP", String.format("1%07d", 1000000 + i), "A", null, filed.plusYears(1)),
                    List.of(priority)));
            ep.add(dossier(new ApplicationRef("US", String.format("13%06d", 100000 + i), "A", null, filed.plusYears(1)),
                    List.of(priority)));
            cn.add(dossier(new ApplicationRef("CN", String.format("2011%08d", 10000000 + i), "A", null, filed.plusYears(1)),
                    List.of(priority)));
        }
        stores.get("jp-net").saveAll(jp);
        stores.get("ep-net").saveAll(ep);
        stores.get("cn-net").saveAll(cn);

        // ep-net and cn-net accept jp-net's forwarded requests: jp-net is their peer (they never call it)
        Map<String, DossierServer> servers = new LinkedHashMap<>();
        for (String n : List.of("ep-net", "cn-net")) {
            Peer jpPeer = new Peer("jp-net", URI.create("http://127.0.0.1:9/services/dossier"),
                    keys.get("jp-net").certificate(), Set.of("JP"), Duration.ofSeconds(2));
            servers.put(n, server(stores.get(n), keys.get(n), offices, converter, normalizer, clock)
                    .linkTo(new Peers(n, List.of(jpPeer), 1)).start());
        }
        List<Peer> peers = List.of(
                new Peer("ep-net", URI.create(servers.get("ep-net").soap11Url()), keys.get("ep-net").certificate(),
                        Set.of("EP", "US"), Duration.ofSeconds(2)),
                new Peer("cn-net", URI.create(servers.get("cn-net").soap11Url()), keys.get("cn-net").certificate(),
                        Set.of("CN"), Duration.ofSeconds(2)));
        DossierServer federated = server(stores.get("jp-net"), keys.get("jp-net"), offices, converter, normalizer, clock)
                .linkTo(new Peers("jp-net", peers, 3)).start();
        DossierServer local = server(stores.get("jp-net"), keys.get("jp-net"), offices, converter, normalizer, clock).start();

        // what each asks: the family of a JP first filing, as office JP; the peers are asked as jp-net asks
        // them (by the JP number, which they hold as a priority), straight by an office
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("local", local.soap11Url());
        urls.put("federated", federated.soap11Url());
        urls.put("ep-net", servers.get("ep-net").soap11Url());
        urls.put("cn-net", servers.get("cn-net").soap11Url());
        if (arms != null) {
            urls.keySet().retainAll(arms);
        }
        Map<String, String> numberType = Map.of("local", "application", "federated", "application",
                "ep-net", "priority", "cn-net", "priority");
        // check that the federated answer is whole (a cold JVM on a busy machine may miss the 2 s timeout of a
        // peer on its first calls: a few tries, then it must be whole)
        String check = "";
        for (int attempt = 0; attempt < 5 && (!check.contains("memberCount=\"4\"") || check.contains("partial=\"true\""));
                attempt++) {
            check = call(urls.get("federated"), "application", "2010-100000");
        }
        if (!check.contains("memberCount=\"4\"") || check.contains("partial=\"true\"")) {
            stopAll(local, federated, servers, stores);
            throw new IllegalStateException("the federated answer is not whole:\n" + check);
        }
        System.out.println("warm-up");
        for (String k : urls.keySet()) {
            measure(urls.get(k), numberType.get(k), Math.min(5, seconds), clients, families);
        }
        Map<String, List<long[]>> results = new LinkedHashMap<>();
        for (int r = 1; r <= rounds; r++) {
            for (String k : urls.keySet()) {
                long[] lat = measure(urls.get(k), numberType.get(k), seconds, clients, families);
                results.computeIfAbsent(k, x -> new ArrayList<>()).add(lat);
                System.out.printf("round %d %-10s n=%7d  p50 %6.2f ms  p99 %6.2f ms%n", r, k, lat.length,
                        pct(lat, 50), pct(lat, 99));
            }
        }
        Map<String, double[]> summary = new LinkedHashMap<>();
        for (var e : results.entrySet()) {
            long[] all = e.getValue().stream().flatMapToLong(Arrays::stream).toArray();
            Arrays.sort(all);
            summary.put(e.getKey(), new double[] {pct(all, 50), pct(all, 99), all.length});
            System.out.printf("ALL %-10s n=%7d  p50 %6.2f ms  p99 %6.2f ms%n", e.getKey(), all.length, pct(all, 50), pct(all, 99));
        }
        if (summary.size() < 4) {
            stopAll(local, federated, servers, stores);
            return;
        }
        double overhead = summary.get("federated")[1] - summary.get("local")[1];
        double slowest = Math.max(summary.get("ep-net")[1], summary.get("cn-net")[1]);
        System.out.printf("p99 overhead of federation: %.2f ms; slowest peer's own p99: %.2f ms; ratio %.2f (target <= 2.00): %s%n",
                overhead, slowest, overhead / slowest, overhead <= 2 * slowest ? "met" : "NOT met");
        stopAll(local, federated, servers, stores);
    }

    private static void stopAll(DossierServer local, DossierServer federated, Map<String, DossierServer> servers,
                                Map<String, JdbcDossierStore> stores) {
        local.stop();
        federated.stop();
        servers.values().forEach(DossierServer::stop);
        stores.values().forEach(JdbcDossierStore::close);
    }

    /** What every node of the benchmark shares: the offices file, the number normaliser and converter, the clock. */
    record Node(Offices offices, NumberNormalizer normalizer, DialectConverter converter, Clock clock) {
        static Node setUp(Path out) throws java.io.IOException {
            Files.createDirectories(out);
            NumberNormalizer normalizer = new NumberNormalizer();
            return new Node(Offices.load(Path.of("conf", "offices.xml")), normalizer, new DialectConverter(normalizer),
                    Clock.systemUTC());
        }
    }

    static DossierServer server(JdbcDossierStore store, SigningKey key, Offices offices, DialectConverter converter,
                                        NumberNormalizer normalizer, Clock clock) {
        DossierService service = new DossierService(store, normalizer, new FamilyLookup(store),
                ServiceInfo.forOffices(List.of("JP", "EP", "US", "CN")), converter, new AccessGate(offices.policy(), clock));
        return new DossierServer(ServerOptions.demo().withPort(0), service,
                new PayloadSigner(new SigningKeys(List.of(key), key.algorithm(), key.alias())), new NodeMetrics(),
                new AccessControl(offices, new QuotaLedger(o -> Quota.UNLIMITED, clock), AccessControl.DEFAULT_TOKEN_TTL,
                        clock, AccessControl.NO_AUDIT));
    }

    static Dossier dossier(ApplicationRef app, List<PriorityClaim> claims) {
        return new Dossier(app, List.of(), claims, List.of(), List.of(), List.of(), List.of(), List.of(), null, "canonical");
    }

    static String call(String url, String type, String number) throws Exception {
        String body = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header>"
                + "<m:CallingOffice xmlns:m=\"urn:dossierlink:messages:1\">JP</m:CallingOffice></soap:Header><soap:Body>"
                + "<m:GetFamily xmlns:m=\"urn:dossierlink:messages:1\"><m:office>JP</m:office><m:number>" + number
                + "</m:number><m:numberType>" + type + "</m:numberType><m:familyType>simple</m:familyType></m:GetFamily>"
                + "</soap:Body></soap:Envelope>";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"urn:dossierlink:service:1:GetFamily\"")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GetFamily " + number + " at " + url + ": HTTP " + r.statusCode() + "\n" + r.body());
        }
        return r.body();
    }

    /** Latencies in nanoseconds, sorted: CLIENTS threads calling back to back for SECONDS. */
    private static long[] measure(String url, String type, int seconds, int clients, int families) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger next = new AtomicInteger();
        List<Future<long[]>> parts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            parts.add(pool.submit(() -> {
                long[] lat = new long[1024];
                int n = 0;
                while (System.nanoTime() < end) {
                    int i = Math.floorMod(next.getAndIncrement() * 7919, families);
                    String number = String.format("2010-%06d", 100000 + i);
                    long t = System.nanoTime();
                    call(url, type, number);
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = System.nanoTime() - t;
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : parts) {
            all.add(f.get());
        }
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(merged);
        return merged;
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
