package org.dossierlink.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.xml.SecureXml;
import org.dossierlink.xml.XmlLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * The peer client against a real HTTP server on a free loopback port: a signed answer is verified, and every
 * way a call can fail ends as the right {@link PeerStatus}; and a fan-out sends every call, signing the
 * headers on two threads.
 */
class PeerClientTest {

    private static final Instant NOW = Instant.now();
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final SigningKey PEER_KEY = TestKeys.ec();

    private HttpServer server;
    private volatile byte[] answer;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> headers = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/ok", this::answer);
        server.createContext("/slow", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange);
        });
        server.start();
        answer = signedAnswer();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        headers.add(request);
        byte[] body = answer;
        exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] signedAnswer() {
        Document doc = SecureXml.newDocument();
        var payload = doc.createElementNS("urn:dossierlink:messages:1", "msg:GetServiceInfoResponse");
        payload.setAttributeNS(javax.xml.XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:msg", "urn:dossierlink:messages:1");
        doc.appendChild(payload);
        byte[] signed = new PayloadSigner(new SigningKeys(List.of(PEER_KEY), PEER_KEY.algorithm(), "peer"), CLOCK)
                .sign(payload);
        return envelope(signed);
    }

    private static byte[] envelope(byte[] payload) {
        return ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + new String(payload, StandardCharsets.UTF_8) + "</soap:Body></soap:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Peer peer(String path, Duration timeout) {
        return new Peer("p", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
                PEER_KEY.certificate(), Set.of("EP"), timeout);
    }

    private static PeerClient client() {
        return new PeerClient(VerificationLimits.defaults(), CLOCK);
    }

    private static PeerAnswer call(PeerClient client, Peer peer) {
        return client.call(peer, "GetServiceInfo", null, "<x/>".getBytes(StandardCharsets.UTF_8), peer.timeout(), "r-1")
                .join();
    }

    @Test
    void aSignedAnswerIsVerifiedAgainstThePeersCertificate() {
        PeerClient client = client();
        for (int i = 0; i < 3; i++) { // the answers are read one after another on the client's threads
            PeerAnswer a = call(client, peer("/ok", Duration.ofSeconds(10)));
            assertThat(a.status()).as(a.detail()).isEqualTo(PeerStatus.ANSWERED);
            assertThat(a.payload().getLocalName()).isEqualTo("GetServiceInfoResponse");
        }
    }

    @Test
    void anAnswerSignedByAnotherKeyIsABadSignature() {
        Peer other = new Peer("p", peer("/ok", Duration.ofSeconds(10)).endpoint(), TestKeys.rsa().certificate(),
                Set.of("EP"), Duration.ofSeconds(10));
        PeerAnswer a = call(client(), other);
        assertThat(a.status()).isEqualTo(PeerStatus.BAD_SIGNATURE);
        assertThat(a.payload()).isNull();
    }

    @Test
    void anAnswerWithADoctypeIsAnErrorAndTheNextAnswerStillReads() {
        PeerClient client = client();
        answer = ("<!DOCTYPE x [<!ENTITY e 'boom'>]>" + new String(signedAnswer(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        PeerAnswer refused = call(client, peer("/ok", Duration.ofSeconds(10)));
        assertThat(refused.status()).isEqualTo(PeerStatus.ERROR);
        assertThat(refused.detail()).contains("not a SOAP 1.1 message");

        answer = signedAnswer();
        assertThat(call(client, peer("/ok", Duration.ofSeconds(10))).status()).isEqualTo(PeerStatus.ANSWERED);
    }

    @Test
    void theParserOfAThreadRefusesADoctypeAndThenParsesTheNextDocument() throws Exception {
        assertThatThrownBy(() -> PeerClient.parse("<!DOCTYPE x [<!ENTITY e 'boom'>]><x>&e;</x>"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(SAXException.class);
        assertThatThrownBy(() -> PeerClient.parse("<x><y></x>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SAXException.class);
        Document doc = PeerClient.parse("<a:x xmlns:a=\"urn:a\">t</a:x>".getBytes(StandardCharsets.UTF_8));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("urn:a");
        assertThat(PeerClient.parse("<z/>".getBytes(StandardCharsets.UTF_8))).isNotSameAs(doc);
        assertThat(doc.getDocumentElement().getTextContent()).isEqualTo("t");
    }

    @Test
    void anAnswerLargerThanTheLimitIsAnErrorSayingSo() {
        byte[] big = new byte[(int) XmlLimits.MAX_PEER_ANSWER_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        answer = big;
        PeerAnswer a = call(client(), peer("/ok", Duration.ofSeconds(30)));
        assertThat(a.status()).isEqualTo(PeerStatus.ERROR);
        assertThat(a.detail()).contains("larger than " + XmlLimits.MAX_PEER_ANSWER_BYTES + " bytes");
    }

    @Test
    void aPeerSlowerThanItsTimeoutTimesOutWithinTheTimeout() {
        long start = System.nanoTime();
        PeerAnswer a = call(client(), peer("/slow", Duration.ofMillis(300)));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(a.status()).isEqualTo(PeerStatus.TIMED_OUT);
        assertThat(a.detail()).contains("no answer within 300 ms");
        assertThat(tookMillis).isLessThan(300 + 2_000);
    }

    @Test
    void aPeerNobodyListensForIsUnreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Peer gone = new Peer("p", URI.create("http://127.0.0.1:" + port + "/x"), PEER_KEY.certificate(), Set.of("EP"),
                Duration.ofSeconds(5));
        PeerAnswer a = call(client(), gone);
        assertThat(a.status()).as(a.detail()).isEqualTo(PeerStatus.UNREACHABLE);
    }

    // ---- the fan-out

    private Linkage linkage(List<Peer> peers) {
        PayloadSigner signer = new PayloadSigner(new SigningKeys(List.of(TestKeys.rsa()), TestKeys.rsa().algorithm(),
                "self"), CLOCK);
        return new Linkage(new Peers("self", peers, 3), client(), signer, CLOCK, (p, o, s, t) -> { });
    }

    private List<Peer> threePeers() {
        List<Peer> peers = new ArrayList<>();
        for (String n : List.of("p1", "p2", "p3")) {
            peers.add(new Peer(n, peer("/ok", Duration.ofSeconds(10)).endpoint(), PEER_KEY.certificate(), Set.of("EP"),
                    Duration.ofSeconds(10)));
        }
        return peers;
    }

    private void assertEveryPeerAskedOnceWithItsOwnHeader(List<CompletableFuture<PeerAnswer>> calls) {
        assertThat(calls).hasSize(3);
        for (CompletableFuture<PeerAnswer> c : calls) {
            assertThat(c.join().status()).isEqualTo(PeerStatus.ANSWERED);
        }
        assertThat(calls.stream().map(c -> c.join().peer().name()).toList()).containsExactly("p1", "p2", "p3");
        assertThat(headers).hasSize(3);
        assertThat(headers.stream().map(h -> h.substring(h.indexOf(" Id=\""), h.indexOf(" Id=\"") + 45)).distinct())
                .as("each peer gets its own signed header").hasSize(3);
    }

    @Test
    void aFanOutAsksEveryPeerEachWithItsOwnSignedHeader() {
        List<CompletableFuture<PeerAnswer>> calls = linkage(threePeers())
                .askAll(threePeers(), Route.ORIGIN, "GetServiceInfo", "<x/>".getBytes(StandardCharsets.UTF_8), "JP",
                        "r-1", null);
        assertEveryPeerAskedOnceWithItsOwnHeader(calls);
    }

    @Test
    void aHeaderThatCannotBeSignedFailsTheFanOutAsBefore() {
        // a signing key not yet valid: the signer refuses, on whichever thread signs
        SigningKey future = org.dossierlink.signature.SelfSignedKeys.generate("future",
                org.dossierlink.signature.SignatureAlgorithm.ECDSA_P256_SHA256, "CN=future", Duration.ofDays(1));
        PayloadSigner signer = new PayloadSigner(new SigningKeys(List.of(future), future.algorithm(), "future"),
                Clock.fixed(NOW.minus(Duration.ofDays(400)), ZoneOffset.UTC));
        Linkage linkage = new Linkage(new Peers("self", threePeers(), 3), client(), signer, CLOCK, (p, o, s, t) -> { });
        assertThatThrownBy(() -> linkage.askAll(threePeers(), Route.ORIGIN, "GetServiceInfo",
                "<x/>".getBytes(StandardCharsets.UTF_8), "JP", "r-1", null))
                .isInstanceOf(org.dossierlink.signature.SignatureKeyException.class);
        assertThat(headers).as("nothing was sent").isEmpty();
    }
}
