package org.dossierlink.bench;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.xml.bind.JAXBContext;

import org.dossierlink.access.Offices;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.linkage.Linkage;
import org.dossierlink.linkage.LinkageAssertion;
import org.dossierlink.linkage.LinkageAssertionCheck;
import org.dossierlink.linkage.Peer;
import org.dossierlink.linkage.PeerAnswer;
import org.dossierlink.linkage.PeerClient;
import org.dossierlink.linkage.Peers;
import org.dossierlink.linkage.Route;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.server.DossierServer;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.StoreConfig;
import org.dossierlink.wire.messages.GetFamilyResponse;
import org.dossierlink.wire.messages.ObjectFactory;
import org.dossierlink.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Where the fixed cost of a federated GetFamily goes, step by step, in one JVM: each step of jp-net's fan-out
 * and of a peer's handling of a forwarded call timed alone over many warm iterations (median and mean, in µs),
 * then one peer call and a fan-out to two peers end to end through {@link Linkage} (signed headers, HTTP, the
 * peer's work, the answers parsed and verified) beside the same GetFamily sent to that peer straight by an office.
 * The two parse and unmarshal lines show the cost of what PeerClient and PeerForwarding used to do beside
 * what they do now; the other lines call the node's own code, so they compare one jar with another.
 * Usage: LinkageBreakdown ITERATIONS (default 3000)
 */
public final class LinkageBreakdown {

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        Path out = Path.of("bench", "out", "linkage-breakdown");
        LinkageBench.Node node = LinkageBench.Node.setUp(out);
        Offices offices = node.offices();
        NumberNormalizer normalizer = node.normalizer();
        DialectConverter converter = node.converter();
        Clock clock = node.clock();
        SigningKey jpKey = SelfSignedKeys.generate("jp-net", SignatureAlgorithm.ECDSA_P256_SHA256, "CN=jp-net", Duration.ofDays(3));
        SigningKey epKey = SelfSignedKeys.generate("ep-net", SignatureAlgorithm.ECDSA_P256_SHA256, "CN=ep-net", Duration.ofDays(3));
        PayloadSigner jpSigner = new PayloadSigner(new SigningKeys(List.of(jpKey), jpKey.algorithm(), jpKey.alias()));

        // ep-net: one store with the EP and US members of 200 families, accepting jp-net's forwarded requests
        JdbcDossierStore store = JdbcDossierStore.open(StoreConfig.h2Url(out.resolve("ep-net-" + System.nanoTime())), null, null);
        List<Dossier> ep = new ArrayList<>();
        int families = 200;
        for (int i = 0; i < families; i++) {
            String jpNumber = String.format("2010%06d", 100000 + i);
            java.time.LocalDate filed = java.time.LocalDate.of(2010, 6, 1);
            PriorityClaim priority = new PriorityClaim(1, "JP", jpNumber, jpNumber.substring(0, 4) + "-" + jpNumber.substring(4),
                    filed, PriorityKind.NATIONAL, true);
            ep.add(LinkageBench.dossier(new ApplicationRef("EP", String.format("1%07d", 1000000 + i), "A", null,
                    filed.plusYears(1)), List.of(priority)));
            ep.add(LinkageBench.dossier(new ApplicationRef("US", String.format("13%06d", 100000 + i), "A", null,
                    filed.plusYears(1)), List.of(priority)));
        }
        store.saveAll(ep);
        Peer jpAsPeer = new Peer("jp-net", URI.create("http://127.0.0.1:9/services/dossier"), jpKey.certificate(),
                Set.of("JP"), Duration.ofSeconds(2));
        Peers epPeers = new Peers("ep-net", List.of(jpAsPeer), 1);
        DossierServer epServer = LinkageBench.server(store, epKey, offices, converter, normalizer, clock).linkTo(epPeers).start();
        Peer epPeer = new Peer("ep-net", URI.create(epServer.soap11Url()), epKey.certificate(), Set.of("EP", "US"),
                Duration.ofSeconds(10));
        // the same node under a second name: a fan-out to two peers (each with its own signed header); timeouts
        // of 10 s, as a cold JVM on a busy machine may take more than 2 s for its first calls
        Peer epTwice = new Peer("ep-net-2", epPeer.endpoint(), epKey.certificate(), Set.of("EP"), Duration.ofSeconds(10));
        Peers jpPeers = new Peers("jp-net", List.of(epPeer, epTwice), 3);
        Linkage linkage = new Linkage(jpPeers, new PeerClient(VerificationLimits.defaults(), clock), jpSigner, clock,
                (p, o, s, t) -> { });
        LinkageAssertionCheck check = new LinkageAssertionCheck(epPeers, clock, Duration.ofMinutes(5),
                VerificationLimits.defaults());

        try {
            run(iterations, clock, jpSigner, linkage, check, epServer, epPeer, epTwice, families);
        } finally {
            epServer.stop();
            store.close();
        }
    }

    private static void run(int iterations, Clock clock, PayloadSigner jpSigner, Linkage linkage,
                            LinkageAssertionCheck check, DossierServer epServer, Peer epPeer, Peer epTwice, int families)
            throws Exception {
        JAXBContext jaxb = CONTEXT;
        // one real signed answer of ep-net, as it answers a forwarded GetFamily
        PeerAnswer sample = ask(linkage, List.of(epPeer), 0).get(0);
        byte[] answerBytes = envelopeOf(sample.payload());
        System.out.printf("# linkage breakdown, %s, %d iterations, signature provider: %s, answer %d bytes%n",
                Instant.now(), iterations, org.dossierlink.signature.CryptoProvider.describe(), answerBytes.length);

        Map<String, Step> steps = new LinkedHashMap<>();
        for (String s : List.of("jp: marshal the request (JAXB)", "jp: build + sign one Linkage header",
                "peer: parse the header bytes (DOM)", "peer: LinkageAssertionCheck.verify",
                "jp: parse one answer, a new hardened parser", "jp: parse one answer, the thread's parser",
                "jp: SignatureVerifier.verify one answer", "jp: unmarshal one answer (JAXB), as signed",
                "jp: unmarshal one answer (JAXB), without ds:Signature",
                "jp: one peer call end to end (Linkage.askAll + join)",
                "jp: two peers end to end (Linkage.askAll + join both)",
                "office: the same GetFamily to the peer straight (HTTP)")) {
            steps.put(s, new Step(s));
        }
        String[] names = steps.keySet().toArray(String[]::new);
        for (int round = 0; round < 2; round++) {
            boolean measure = round == 1;
            for (int i = 0; i < iterations; i++) {
                int family = i % families;
                org.dossierlink.wire.messages.GetFamily request = familyRequest(family);
                byte[] body = steps.get(names[0]).time(measure, () -> marshal(jaxb, request));
                LinkageAssertion assertion = new LinkageAssertion("jp-net", "JP", UUID.randomUUID().toString(), clock.instant(),
                        1, List.of("jp-net", "ep-net"), 2000);
                byte[] header = steps.get(names[1]).time(measure, () -> assertion.sign(jpSigner));
                Element received = steps.get(names[2]).time(measure, () -> parse(header).getDocumentElement());
                steps.get(names[3]).time(measure, () -> check.verify(received));
                steps.get(names[4]).time(measure, () -> parse(answerBytes));
                Document answer = steps.get(names[5]).time(measure, () -> reusedParse(answerBytes));
                Element payload = SignatureVerifier.payloadOf(answer);
                steps.get(names[6]).time(measure, () -> new SignatureVerifier(epPeer.trust(), VerificationLimits.defaults())
                        .verify(payload, clock.instant()));
                steps.get(names[7]).time(measure, () -> unmarshal(jaxb, payload));
                Element unsigned = (Element) payload.cloneNode(true);
                unsigned.removeChild(unsigned.getLastChild());
                steps.get(names[8]).time(measure, () -> unmarshal(jaxb, unsigned));
                if (i % 3 == 0) {
                    steps.get(names[9]).time(measure, () -> ask(linkage, List.of(epPeer), family).get(0));
                    steps.get(names[10]).time(measure, () -> ask(linkage, List.of(epPeer, epTwice), family));
                    steps.get(names[11]).time(measure, () -> straight(epServer.soap11Url(), family));
                }
            }
        }
        for (Step s : steps.values()) {
            System.out.println(s);
        }
    }

    private static String straight(String url, int family) {
        try {
            return LinkageBench.call(url, "priority", String.format("2010-%06d", 100000 + family));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static org.dossierlink.wire.messages.GetFamily familyRequest(int family) {
        org.dossierlink.wire.messages.GetFamily r = new org.dossierlink.wire.messages.GetFamily();
        r.setOffice("JP");
        r.setNumber(String.format("2010-%06d", 100000 + family));
        r.setNumberType(org.dossierlink.wire.messages.NumberTypeType.APPLICATION);
        r.setFamilyType(org.dossierlink.wire.messages.FamilyTypeType.SIMPLE);
        return r;
    }

    private static List<PeerAnswer> ask(Linkage linkage, List<Peer> peers, int family) {
        List<CompletableFuture<PeerAnswer>> calls = linkage.askAll(peers, Route.ORIGIN, "GetFamily",
                marshal(CONTEXT, familyRequest(family)), "JP", UUID.randomUUID().toString(), null);
        List<PeerAnswer> answers = calls.stream().map(CompletableFuture::join).toList();
        for (PeerAnswer a : answers) {
            if (!a.answered()) {
                throw new IllegalStateException(a.peer().name() + " did not answer: " + a.status() + " " + a.detail());
            }
        }
        return answers;
    }

    private static final ThreadLocal<javax.xml.parsers.DocumentBuilder> PARSER =
            ThreadLocal.withInitial(SecureXml::documentBuilderRefusingDoctype);

    private static Document reusedParse(byte[] bytes) {
        try {
            return PARSER.get().parse(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] marshal(JAXBContext jaxb, Object request) {
        try {
            var m = jaxb.createMarshaller();
            m.setProperty(jakarta.xml.bind.Marshaller.JAXB_FRAGMENT, Boolean.TRUE);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            m.marshal(request, out);
            return out.toByteArray();
        } catch (jakarta.xml.bind.JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final JAXBContext CONTEXT;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(ObjectFactory.class);
        } catch (jakarta.xml.bind.JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static GetFamilyResponse unmarshal(JAXBContext jaxb, Element e) {
        try {
            return jaxb.createUnmarshaller().unmarshal(e, GetFamilyResponse.class).getValue();
        } catch (jakarta.xml.bind.JAXBException x) {
            throw new IllegalStateException(x);
        }
    }

    /** As PeerClient reads an answer: a new hardened builder, refusing a DOCTYPE. */
    private static Document parse(byte[] bytes) {
        try {
            return SecureXml.documentBuilderRefusingDoctype().parse(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] envelopeOf(Element payload) throws Exception {
        var t = javax.xml.transform.TransformerFactory.newDefaultInstance().newTransformer();
        t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
        java.io.StringWriter w = new java.io.StringWriter();
        t.transform(new javax.xml.transform.dom.DOMSource(payload), new javax.xml.transform.stream.StreamResult(w));
        return ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + w
                + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    /** The durations of one step, in nanoseconds. */
    private static final class Step {
        private final String name;
        private long[] times = new long[1024];
        private int n;

        Step(String name) {
            this.name = name;
        }

        <T> T time(boolean measure, Supplier<T> work) {
            long t = System.nanoTime();
            T result = work.get();
            long d = System.nanoTime() - t;
            if (measure) {
                if (n == times.length) {
                    times = Arrays.copyOf(times, n * 2);
                }
                times[n++] = d;
            }
            return result;
        }

        @Override
        public String toString() {
            long[] sorted = Arrays.copyOf(times, n);
            Arrays.sort(sorted);
            double mean = Arrays.stream(sorted).average().orElse(Double.NaN) / 1e3;
            return String.format("%-58s n=%6d  median %8.1f us  mean %8.1f us  p90 %8.1f us", name, n,
                    sorted.length == 0 ? Double.NaN : sorted[n / 2] / 1e3, mean,
                    sorted.length == 0 ? Double.NaN : sorted[(int) (n * 0.9)] / 1e3);
        }
    }
}
