package org.dossierlink.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamWriter;

import jakarta.xml.bind.JAXBContext;

import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.utils.UnsyncByteArrayOutputStream;
import org.codehaus.stax2.XMLStreamWriter2;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.dossier.Direction;
import org.dossierlink.dossier.DocumentGroup;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.Publication;
import org.dossierlink.family.FamilyLookup;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.server.DossierServer;
import org.dossierlink.server.ServerOptions;
import org.dossierlink.service.DossierEndpoint;
import org.dossierlink.service.DossierService;
import org.dossierlink.service.ServiceInfo;
import org.dossierlink.signature.CryptoProvider;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.signature.TrustedCertificates;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.signature.VerifiedSignature;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.StoreConfig;
import org.dossierlink.wire.messages.GetDocument;
import org.dossierlink.wire.messages.GetDocumentResponse;
import org.dossierlink.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What signing costs a GetDocument answer (issue: XML-DSig, target 1). In one JVM, over one H2 store
 * holding a real ~50 KB ST.36 publication as an XML document of EP 05255002, it starts three servers
 * on free ports of 127.0.0.1:
 * <ul>
 * <li>{@code unsigned}: {@code ServerOptions.withSigning(false)};</li>
 * <li>{@code signed RSA}: responses signed with RSA-SHA256 (2048-bit key from {@link SelfSignedKeys});</li>
 * <li>{@code signed ECDSA}: responses signed with ECDSA-P256-SHA256.</li>
 * </ul>
 * It checks that each signed answer verifies and the unsigned one carries no signature, warms each
 * server up, then runs wrk (bench/wrk/get-document.lua, keep-alive, CONNECTIONS connections) against
 * each in turn, ROUNDS times, the order rotated every round. It prints requests/s, p50 and p99 per
 * round and the throughput ratio signed/unsigned per round and over all rounds. It also prints this
 * JVM's CPU time per answer and its GC pause time per answer during each run: the JVM runs nothing but
 * the servers then (wrk is another process), so the CPU per answer holds even when other work on the
 * machine takes cores away and moves requests/s.
 *
 * <p>Afterwards, on one thread and without HTTP, it times the steps of the response path that differ:
 * what CXF does for an unsigned answer (JAXB to StAX) and what {@code SignedResponseWriter} does
 * (JAXB to DOM, {@link PayloadSigner#sign}, the String conversion for writeRaw), with the parts of
 * sign() that can be timed from outside (the output canonicalization, the bare RSA/ECDSA operation).
 *
 * <p>Usage: {@code SignedResponseBench XML_FILE OUT_DIR [SECONDS] [ROUNDS] [CONNECTIONS] [THREADS] [WARMUP_SECONDS]};
 * run from the repository root (bench/signature.sh does).
 */
public final class SignedResponseBench {

    static final String OFFICE = "EP";
    static final String NUMBER = "05255002";
    static final String DOC_ID = "EP05255002-A1-XML";

    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final Pattern RESULT = Pattern.compile("^RESULT \\S+ (.*)$");

    public static void main(String[] args) throws Exception {
        Path xmlFile = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int connections = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 10;
        byte[] xml = Files.readAllBytes(xmlFile);

        Path storeDir = out.resolve("signature-store");
        deleteTree(storeDir);
        Files.createDirectories(storeDir);
        NumberNormalizer normalizer = new NumberNormalizer();
        try (JdbcDossierStore store = JdbcDossierStore.open(StoreConfig.h2Url(storeDir), null, null)) {
            Dossier ep = new Dossier(new ApplicationRef(OFFICE, NUMBER, "A", "05255002.7", LocalDate.of(2005, 8, 12)),
                    List.of(new Publication(OFFICE, "1667425", "A1", LocalDate.of(2006, 6, 7))), List.of(), List.of(),
                    List.of(), List.of(), List.of(), List.of(), null, "canonical");
            store.saveAll(List.of(ep));
            store.saveDocument(ep.application().key(), new DocumentInfo(DOC_ID, "A1", "EP 1667425 A1 (ST.36 XML)",
                    DocumentGroup.GRANT, LocalDate.of(2006, 6, 7), Direction.OUTGOING, "en", "application/xml", null,
                    xml.length, ContentDigest.sha256(xml)), xml);
            DossierService service = new DossierService(store, normalizer, new FamilyLookup(store),
                    ServiceInfo.forOffices(List.of("EP", "US", "JP", "CN", "KR", "WO")), new DialectConverter(normalizer),
                    new org.dossierlink.access.AccessGate(org.dossierlink.access.Offices.none().policy(),
                            java.time.Clock.systemUTC()));

            SigningKey rsa = SelfSignedKeys.generate("bench-rsa", SignatureAlgorithm.RSA_SHA256,
                    "CN=dossierlink bench RSA", Duration.ofDays(2));
            SigningKey ec = SelfSignedKeys.generate("bench-ec", SignatureAlgorithm.ECDSA_P256_SHA256,
                    "CN=dossierlink bench EC", Duration.ofDays(2));
            PayloadSigner rsaSigner = new PayloadSigner(new SigningKeys(List.of(rsa), SignatureAlgorithm.RSA_SHA256, "bench"));
            PayloadSigner ecSigner = new PayloadSigner(new SigningKeys(List.of(ec), SignatureAlgorithm.ECDSA_P256_SHA256, "bench"));
            TrustedCertificates trust = new TrustedCertificates(List.of(rsa.certificate(), ec.certificate()), "bench keys");

            ServerOptions options = ServerOptions.demo().withPort(0);
            Map<String, DossierServer> servers = new LinkedHashMap<>();
            try {
                servers.put("unsigned", new DossierServer(options.withSigning(false), service, rsaSigner).start());
                servers.put("signed RSA-SHA256", new DossierServer(options, service, rsaSigner).start());
                servers.put("signed ECDSA-P256", new DossierServer(options, service, ecSigner).start());

                System.out.printf(Locale.ROOT, "document: %s, %,d bytes, stored as %s of %s.%s%n", xmlFile.getFileName(),
                        xml.length, DOC_ID, OFFICE, NUMBER);
                check(servers, trust);
                load(servers, seconds, rounds, connections, threads, warmup);
            } finally {
                servers.values().forEach(DossierServer::stop);
            }

            System.out.println();
            breakdown(service, rsaSigner, "RSA-SHA256", rsa);
            breakdown(service, ecSigner, "ECDSA-P256", ec);
        } finally {
            deleteTree(storeDir);
        }
    }

    /** One request to each server: the signed answers verify, the unsigned one has no signature. */
    private static void check(Map<String, DossierServer> servers, TrustedCertificates trust) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        SignatureVerifier verifier = new SignatureVerifier(trust, VerificationLimits.defaults());
        for (Map.Entry<String, DossierServer> e : servers.entrySet()) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(e.getValue().soap11Url()))
                    .header("Content-Type", "text/xml; charset=utf-8")
                    .header("SOAPAction", "\"urn:dossierlink:service:1:GetDocument\"")
                    .POST(HttpRequest.BodyPublishers.ofString(requestBody())).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(e.getKey() + ": HTTP " + r.statusCode() + "\n"
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            Document doc = SecureXml.documentBuilderRefusingDoctype().parse(new ByteArrayInputStream(r.body()));
            boolean hasSignature = doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").getLength() > 0;
            String what;
            if (e.getKey().startsWith("signed")) {
                VerifiedSignature v = verifier.verify(doc);
                what = "signature verifies (" + v.signatureAlgorithm().replaceAll(".*#", "") + ", "
                        + v.signer().getSubjectX500Principal().getName() + ")";
            } else if (hasSignature) {
                throw new IllegalStateException("the unsigned server answered with a signature");
            } else {
                what = "no signature";
            }
            System.out.printf(Locale.ROOT, "%-18s %s: HTTP 200, %,d bytes, %s%n", e.getKey(), e.getValue().soap11Url(),
                    r.body().length, what);
        }
    }

    private static String requestBody() {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<GetDocument xmlns=\"urn:dossierlink:messages:1\"><office>" + OFFICE + "</office><applicationNumber>"
                + NUMBER + "</applicationNumber><documentId>" + DOC_ID + "</documentId></GetDocument></soap:Body></soap:Envelope>";
    }

    private static void load(Map<String, DossierServer> servers, int seconds, int rounds, int connections, int threads,
                             int warmup) throws Exception {
        System.out.printf(Locale.ROOT, "%nwarm-up: %d s of wrk per server%n", warmup);
        for (DossierServer s : servers.values()) {
            wrk(s, warmup, connections, threads);
        }
        List<String> names = new ArrayList<>(servers.keySet());
        Map<String, List<Map<String, Double>>> results = new LinkedHashMap<>();
        names.forEach(n -> results.put(n, new ArrayList<>()));
        System.out.printf(Locale.ROOT, "measuring: %d rounds, %d s per server per round, %d connections, %d wrk threads,"
                + " order rotated each round%n%n", rounds, seconds, connections, threads);
        System.out.println("| round | server | requests/s | server CPU per answer | GC pauses per answer | p50 | p99 | errors |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + r) % names.size());
                Map<String, Double> m = wrk(servers.get(name), seconds, connections, threads);
                results.get(name).add(m);
                System.out.printf(Locale.ROOT, "| %d | %s | %,.0f | %.2f ms | %.3f ms | %.2f ms | %.2f ms | %.0f |%n", r + 1, name,
                        m.get("rps"), m.get("cpu_ms"), m.get("gc_ms"), m.get("p50_ms"), m.get("p99_ms"),
                        m.get("errors") + m.get("non2xx"));
            }
        }
        System.out.println();
        System.out.println("| server | requests/s, mean of rounds | per round | p50 (mean) | p99 (mean) | throughput ratio to unsigned,"
                + " all rounds | per round | server CPU per answer (mean) | CPU ratio unsigned/this |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        List<Map<String, Double>> base = results.get("unsigned");
        double baseMean = mean(base, "rps");
        for (String name : names) {
            List<Map<String, Double>> rs = results.get(name);
            double m = mean(rs, "rps");
            StringBuilder perRound = new StringBuilder();
            StringBuilder ratios = new StringBuilder();
            for (int r = 0; r < rs.size(); r++) {
                perRound.append(r == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", rs.get(r).get("rps")));
                ratios.append(r == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f",
                        rs.get(r).get("rps") / base.get(r).get("rps")));
            }
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %s | %.2f ms | %.2f ms | **%.2f** | %s | %.2f ms | %.2f |%n", name, m,
                    perRound, mean(rs, "p50_ms"), mean(rs, "p99_ms"), m / baseMean, ratios, mean(rs, "cpu_ms"),
                    mean(base, "cpu_ms") / mean(rs, "cpu_ms"));
        }
    }

    private static double mean(List<Map<String, Double>> rs, String key) {
        return rs.stream().mapToDouble(m -> m.get(key)).average().orElse(Double.NaN);
    }

    private static Map<String, Double> wrk(DossierServer server, int seconds, int connections, int threads)
            throws IOException, InterruptedException {
        long cpu0 = CPU.getProcessCpuTime();
        long gc0 = gcMillis();
        Process p = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", Path.of("bench/wrk/get-document.lua").toAbsolutePath().toString(), server.soap11Url(), "--",
                OFFICE, NUMBER, DOC_ID).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        long cpu1 = CPU.getProcessCpuTime();
        long gc1 = gcMillis();
        for (String line : output.split("\n")) {
            Matcher m = RESULT.matcher(line);
            if (m.matches()) {
                Map<String, Double> values = new LinkedHashMap<>();
                for (String kv : m.group(1).trim().split(" ")) {
                    String[] parts = kv.split("=");
                    values.put(parts[0], Double.parseDouble(parts[1]));
                }
                // this JVM runs only the servers while wrk runs (a separate process): its CPU time per
                // answer is what an answer costs, whatever else the machine was doing
                values.put("cpu_ms", (cpu1 - cpu0) / 1e6 / values.get("requests"));
                values.put("gc_ms", (double) (gc1 - gc0) / values.get("requests"));
                return values;
            }
        }
        throw new IllegalStateException("no RESULT line from wrk:\n" + output);
    }

    /** Time the collectors report for this JVM so far (G1: pauses), in milliseconds. */
    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    // ---- in-process breakdown ----

    /**
     * One thread, no HTTP: the steps of the answer path that differ between a signed and an unsigned
     * server, each timed on its own (median over a second or so of repetitions, after warm-up).
     */
    private static void breakdown(DossierService service, PayloadSigner signer, String label, SigningKey key)
            throws Exception {
        DossierEndpoint endpoint = new DossierEndpoint(service, signer.keys(), () -> org.dossierlink.access.Caller.DEMO);
        GetDocument request = new GetDocument();
        request.setOffice(OFFICE);
        request.setApplicationNumber(NUMBER);
        request.setDocumentId(DOC_ID);
        JAXBContext jaxb = JAXBContext.newInstance(GetDocumentResponse.class);
        GetDocumentResponse response = endpoint.getDocument(request);

        Map<String, Step> steps = new LinkedHashMap<>();
        steps.put("GetDocument in the endpoint (store read + parse of the stored XML), both servers",
                () -> endpoint.getDocument(request));
        steps.put("unsigned: JAXB to StAX (Woodstox), as CXF writes the answer", () -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
            XMLStreamWriter w = SecureXml.outputFactory().createXMLStreamWriter(bytes, "UTF-8");
            jaxb.createMarshaller().marshal(response, w);
            w.flush();
        });
        steps.put("signed: JAXB to DOM", () -> toDom(jaxb, response));
        Element[] fresh = new Element[1];
        byte[][] signed = new byte[1][];
        steps.put("signed: PayloadSigner.sign (Santuario: references, digest, " + label + ", output c14n)",
                new Step() {
                    @Override
                    public void before() throws Exception {
                        fresh[0] = toDom(jaxb, response);
                    }

                    @Override
                    public void run() {
                        signed[0] = signer.sign(fresh[0]);
                    }
                });
        steps.put("  of which: one exclusive canonicalization of the payload (sign() does one, then splices the signature in)", new Step() {
            @Override
            public void before() throws Exception {
                if (fresh[0] == null || fresh[0].getLastChild() == null
                        || !"Signature".equals(fresh[0].getLastChild().getLocalName())) {
                    fresh[0] = toDom(jaxb, response);
                    signer.sign(fresh[0]);
                }
            }

            @Override
            public void run() throws Exception {
                Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS)
                        .canonicalizeSubtree(fresh[0], new UnsyncByteArrayOutputStream());
            }
        });
        java.security.Provider provider = CryptoProvider.forSignatures();
        java.security.PrivateKey opKey = provider == null ? key.privateKey()
                : (java.security.PrivateKey) java.security.KeyFactory.getInstance(key.algorithm().keyAlgorithm(), provider)
                        .translateKey(key.privateKey());
        steps.put("  of which: the bare " + label + " signature operation (" + CryptoProvider.describe() + ")", () -> {
            java.security.Signature s = provider == null ? java.security.Signature.getInstance(key.algorithm().jcaName())
                    : java.security.Signature.getInstance(key.algorithm().jcaName(), provider);
            s.initSign(opKey);
            s.update(new byte[800]);
            s.sign();
        });
        steps.put("signed: flush the writer and write the signed bytes to the stream (SignedResponseWriter)", () -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
            XMLStreamWriter2 w = (XMLStreamWriter2) SecureXml.outputFactory().createXMLStreamWriter(bytes, "UTF-8");
            w.writeStartElement("Body");
            w.writeCharacters("");
            w.flush();
            bytes.write(signed[0]);
        });
        signer.sign(toDom(jaxb, response));
        signed[0] = signer.sign(toDom(jaxb, response));

        System.out.printf(Locale.ROOT, "in-process breakdown, %s, one thread, answer %,d bytes signed (median of repetitions):%n%n",
                label, signed[0].length);
        System.out.println("| step | median | p90 |");
        System.out.println("|---|---|---|");
        for (Map.Entry<String, Step> e : steps.entrySet()) {
            time(e.getValue(), 300);  // warm-up
            long[] t = time(e.getValue(), 1000);
            System.out.printf(Locale.ROOT, "| %s | %.3f ms | %.3f ms |%n", e.getKey(), t[t.length / 2] / 1e6,
                    t[t.length * 9 / 10] / 1e6);
        }
        System.out.println();
    }

    private static Element toDom(JAXBContext jaxb, GetDocumentResponse response) throws Exception {
        Document doc = SecureXml.documentBuilder().newDocument();
        jaxb.createMarshaller().marshal(response, doc);
        return doc.getDocumentElement();
    }

    /** Runs a step until {@code millis} have passed (at least 20 times); sorted nanoseconds per run. */
    private static long[] time(Step step, long millis) throws Exception {
        List<Long> times = new ArrayList<>();
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end || times.size() < 20) {
            step.before();
            long t0 = System.nanoTime();
            step.run();
            times.add(System.nanoTime() - t0);
        }
        long[] t = times.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(t);
        return t;
    }

    interface Step {
        default void before() throws Exception {
        }

        void run() throws Exception;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private SignedResponseBench() {
    }
}
