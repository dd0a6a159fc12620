package org.dossierlink.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dossierlink.testsupport.RawSoap.xpath;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.dossierlink.access.AccessDecision;
import org.dossierlink.access.AccessPolicy;
import org.dossierlink.access.Office;
import org.dossierlink.access.Quota;
import org.dossierlink.access.QuotaLedger;
import org.dossierlink.dossier.Dossier;
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
import org.dossierlink.signature.SignatureRejectedException;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.signature.TrustedCertificates;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.StoreConfig;
import org.dossierlink.testsupport.PeerWire;
import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.SoapFaults;
import org.dossierlink.testsupport.TestDialects;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.testsupport.TestOffices;
import org.dossierlink.testsupport.XmlSec1Check;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Three real nodes on loopback, one per network, each with its own port, its own H2 store in a temporary
 * folder and its own signing key, all peers of one another (a mesh): jp-net holds JP 2010-123456, ep-net
 * holds EP 10167109 (with its documents) and US 13/167,395, cn-net holds CN 201110123456. Every link goes
 * through a {@link PeerWire} in front of the node, which can slow it down or tamper with its answers.
 * The test that stops cn-net runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinkageIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** What a partial answer may take beyond the peer timeout on a busy 2-core machine. */
    private static final Duration MARGIN = Duration.ofMillis(1500);
    private static final String FAMILY = "<m:GetFamily xmlns:m=\"urn:dossierlink:messages:1\"><m:office>JP</m:office>"
            + "<m:number>2010-123456</m:number><m:familyType>extended</m:familyType></m:GetFamily>";

    @TempDir
    static Path dir;

    private static final Map<String, LinkedNode> NODES = new LinkedHashMap<>();

    private record LinkedNode(String name, SigningKey key, PeerWire wire, JdbcDossierStore store, DossierServer server) {
        String url() {
            return server.soap11Url();
        }
    }

    @BeforeAll
    static void startThreeNetworks() throws Exception {
        Map<String, List<Dossier>> held = new LinkedHashMap<>();
        held.put("jp-net", List.of(TestDossiers.JP));
        held.put("ep-net", List.of(TestDossiers.EP, TestDossiers.US));
        held.put("cn-net", List.of(TestDossiers.CN));
        Map<String, SigningKey> keys = new LinkedHashMap<>();
        Map<String, PeerWire> wires = new LinkedHashMap<>();
        for (String name : held.keySet()) {
            keys.put(name, SelfSignedKeys.generate(name, SignatureAlgorithm.ECDSA_P256_SHA256, "CN=" + name
                    + ", O=dossierlink linkage tests", Duration.ofDays(30)));
            wires.put(name, PeerWire.open());
        }
        for (var e : held.entrySet()) {
            String name = e.getKey();
            List<Peer> peers = new ArrayList<>();
            for (String other : held.keySet()) {
                if (!other.equals(name)) {
                    Set<String> offices = Set.copyOf(held.get(other).stream().map(d -> d.application().office()).toList());
                    peers.add(new Peer(other, URI.create(wires.get(other).url() + "/services/dossier"),
                            keys.get(other).certificate(), offices, TIMEOUT));
                }
            }
            JdbcDossierStore store = JdbcDossierStore.open(StoreConfig.h2Url(dir.resolve(name)), null, null);
            store.saveAll(e.getValue());
            if (name.equals("ep-net")) {
                store.saveDocument(TestDossiers.EP.application().key(), TestDossiers.SEARCH_REPORT, TestDossiers.SEARCH_REPORT_XML);
                store.saveDocument(TestDossiers.EP.application().key(), TestDossiers.OFFICE_ACTION, TestDossiers.OFFICE_ACTION_PDF);
            }
            Clock clock = Clock.systemUTC();
            DossierService service = new DossierService(store, new NumberNormalizer(), new FamilyLookup(store),
                    ServiceInfo.forOffices(TestDossiers.OFFICES), TestDialects.converter(), TestOffices.gate());
            SigningKeys signing = new SigningKeys(List.of(keys.get(name)), SignatureAlgorithm.ECDSA_P256_SHA256, name);
            DossierServer server = new DossierServer(ServerOptions.demo().withPort(0), service, new PayloadSigner(signing),
                    new NodeMetrics(), new AccessControl(TestOffices.offices(), new QuotaLedger(o -> Quota.UNLIMITED, clock),
                    AccessControl.DEFAULT_TOKEN_TTL, clock, AccessControl.NO_AUDIT))
                    .linkTo(new Peers(name, peers, Peers.DEFAULT_MAX_HOPS)).start();
            wires.get(name).connect(server.rootUrl());
            NODES.put(name, new LinkedNode(name, keys.get(name), wires.get(name), store, server));
        }
        // warm up (class loading, JIT) until a family answer comes back whole, so that timing asserts are fair
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Document d = RawSoap.parse(call("jp-net", "GB", "GetFamily", FAMILY).body());
            if ("false".equals(partial(d)) || System.nanoTime() > deadline) {
                break;
            }
        }
    }

    @AfterAll
    static void stopAll() {
        for (LinkedNode n : NODES.values()) {
            n.wire().close();
            n.server().stop();
            n.store().close();
        }
    }

    private static HttpResponse<String> call(String node, String office, String operation, String body) {
        String header = "<m:CallingOffice xmlns:m=\"urn:dossierlink:messages:1\">" + office + "</m:CallingOffice>";
        return RawSoap.post(NODES.get(node).url(), Version.SOAP11, operation,
                RawSoap.envelope(Version.SOAP11, header, body).getBytes(StandardCharsets.UTF_8));
    }

    private static String partial(Document family) {
        String p = xpath(family, "//m:GetFamilyResponse/@partial");
        return p.isEmpty() ? "false" : p;
    }

    private static TrustedCertificates trustOf(String node) {
        return new TrustedCertificates(List.of(NODES.get(node).key().certificate()), node);
    }

    private static Element payload(Document response) {
        return SignatureVerifier.payloadOf(response);
    }

    private static void verifiedBy(String node, Element signed) {
        Document own = SecureXml.newDocument();
        Element copy = (Element) own.importNode(signed, true);
        own.appendChild(copy);
        new SignatureVerifier(trustOf(node), VerificationLimits.defaults()).verify(copy, Instant.now());
    }

    private static String documentList(String office, String number) {
        return "<m:GetDocumentList xmlns:m=\"urn:dossierlink:messages:1\"><m:office>" + office + "</m:office>"
                + "<m:applicationNumber>" + number + "</m:applicationNumber></m:GetDocumentList>";
    }

    @Test
    @Order(1)
    void a_family_spread_over_three_networks_comes_back_whole_from_any_node_each_member_naming_its_node()
            throws Exception {
        for (String asked : NODES.keySet()) {
            HttpResponse<String> r = call(asked, "GB", "GetFamily", FAMILY);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            Document d = RawSoap.parse(r.body());
            verifiedBy(asked, payload(d));
            assertThat(partial(d)).as(r.body()).isEqualTo("false");
            assertThat(xpath(d, "//m:GetFamilyResponse/@memberCount")).isEqualTo("4");
            assertThat(xpath(d, "//m:member[m:application/d:office='JP']/@node")).isEqualTo("jp-net");
            assertThat(xpath(d, "//m:member[m:application/d:office='EP']/@node")).isEqualTo("ep-net");
            assertThat(xpath(d, "//m:member[m:application/d:office='US']/@node")).isEqualTo("ep-net");
            assertThat(xpath(d, "//m:member[m:application/d:office='CN']/@node")).isEqualTo("cn-net");
            NodeList peers = RawSoap.nodes(d, "//m:GetFamilyResponse/m:peer");
            assertThat(peers.getLength()).as(r.body()).isEqualTo(2);
            for (int i = 0; i < peers.getLength(); i++) {
                assertThat(((Element) peers.item(i)).getAttribute("status")).as(r.body()).isEqualTo("answered");
            }
        }
    }

    @Test
    @Order(2)
    void in_a_mesh_each_node_is_asked_once_and_nobody_forwards_back() {
        Map<String, Integer> before = new LinkedHashMap<>();
        NODES.forEach((n, node) -> before.put(n, node.wire().requests()));
        assertThat(call("ep-net", "GB", "GetFamily", FAMILY).statusCode()).isEqualTo(200);
        // ep-net asked jp-net and cn-net once each, telling them both had been asked: neither asked anyone
        assertThat(NODES.get("jp-net").wire().requests() - before.get("jp-net")).isEqualTo(1);
        assertThat(NODES.get("cn-net").wire().requests() - before.get("cn-net")).isEqualTo(1);
        assertThat(NODES.get("ep-net").wire().requests() - before.get("ep-net")).isZero();
    }

    @Test
    @Order(3)
    void the_access_matrix_holds_across_nodes_for_family_members_and_proxied_retrievals() {
        AccessPolicy policy = TestOffices.offices().policy();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int cells = 0;
        for (Office caller : TestOffices.offices().offices()) {
            Document family = RawSoap.parse(call("jp-net", caller.code(), "GetFamily", FAMILY).body());
            for (Dossier holder : List.of(TestDossiers.JP, TestDossiers.EP, TestDossiers.US, TestDossiers.CN)) {
                String office = holder.application().office();
                AccessDecision expected = policy.dossier(caller.code(), office, today);
                String member = "//m:member[m:application/d:office='" + office + "']";
                assertThat(xpath(family, member + "/@dossierAvailable")).as(caller.code() + " sees " + office)
                        .isEqualTo(Boolean.toString(expected.isAllowed()));
                assertThat(xpath(family, member + "/@unavailableReason")).as(caller.code() + " sees " + office)
                        .isEqualTo(expected.isAllowed() ? "" : expected.reason().wireName());
                if (office.equals("JP")) {
                    continue; // held by jp-net itself
                }
                String number = office.equals("CN") ? holder.application().number() : holder.application().originalNumber();
                HttpResponse<String> r = call("jp-net", caller.code(), "GetBibliographicData",
                        "<m:GetBibliographicData xmlns:m=\"urn:dossierlink:messages:1\"><m:office>" + office
                                + "</m:office><m:applicationNumber>" + number + "</m:applicationNumber></m:GetBibliographicData>");
                String node = office.equals("CN") ? "cn-net" : "ep-net";
                String cell = caller.code() + " reads " + office + " through jp-net: " + expected;
                if (expected.isAllowed()) {
                    assertThat(r.statusCode()).as(cell + "\n" + r.body()).isEqualTo(200);
                    assertThat(xpath(RawSoap.parse(r.body()), "//m:proxied/@node")).as(cell).isEqualTo(node);
                } else {
                    Document fault = SoapFaults.assertFault(r, Version.SOAP11, "Client", "AccessDeniedFault", "ACCESS_DENIED");
                    assertThat(xpath(fault, "//m:AccessDeniedFault/m:reason")).as(cell).isEqualTo(expected.reason().wireName());
                    assertThat(xpath(fault, "//m:AccessDeniedFault/m:node")).as(cell).isEqualTo(node);
                    assertThat(r.body()).as(cell).doesNotContain("Wireless mesh", "Example Corp", "dossier>");
                }
                cells++;
            }
        }
        assertThat(cells).isEqualTo(TestOffices.offices().offices().size() * 3);
    }

    @Test
    @Order(4)
    void a_proxied_answer_is_signed_by_this_node_and_carries_the_peers_signed_answer_as_evidence() throws Exception {
        // JP sees EP's search reports only: ep-net applies that to JP, through jp-net
        HttpResponse<String> r = call("jp-net", "JP", "GetDocumentList", documentList("EP", "10167109"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Document d = RawSoap.parse(r.body());
        Element outer = payload(d);
        verifiedBy("jp-net", outer);
        assertThat(xpath(d, "//m:GetDocumentListResponse/m:proxied/@node")).isEqualTo("ep-net");
        assertThat(xpath(d, "count(/s11:Envelope/s11:Body/m:GetDocumentListResponse/m:document)")).isEqualTo("1");
        assertThat(xpath(d, "/s11:Envelope/s11:Body/m:GetDocumentListResponse/m:document/d:id"))
                .isEqualTo(TestDossiers.XML_DOC_ID);
        Element evidence = (Element) RawSoap.nodes(d, "//m:proxied/m:evidence/m:GetDocumentListResponse").item(0);
        assertThat(evidence).isNotNull();
        // in place: the evidence inherits its namespace declarations from the answer around it
        new SignatureVerifier(trustOf("ep-net"), VerificationLimits.defaults()).verify(evidence, Instant.now());
        assertThat(xpath(d, "count(//m:proxied/m:evidence/m:GetDocumentListResponse/m:document)")).isEqualTo("1");
        // each signature is that node's own: neither verifies with the other's certificate
        assertThatThrownBy(() -> new SignatureVerifier(trustOf("jp-net"), VerificationLimits.defaults())
                .verify(evidence, Instant.now())).isInstanceOf(SignatureRejectedException.class);
        assertThatThrownBy(() -> verifiedBy("ep-net", outer)).isInstanceOf(SignatureRejectedException.class);
        // the outer signature covers the evidence: a changed byte inside it breaks the outer signature
        String evidenceAt = "<msg:evidence>";
        int at = r.body().indexOf(TestDossiers.XML_DOC_ID + "<", r.body().indexOf(evidenceAt));
        assertThat(at).isPositive();
        Document changed = RawSoap.parse(r.body().substring(0, at) + "X" + r.body().substring(at));
        assertThatThrownBy(() -> verifiedBy("jp-net", payload(changed))).isInstanceOf(SignatureRejectedException.class);
        XmlSec1Check.verify(dir, r.body(), "GetDocumentListResponse", NODES.get("jp-net").key(), NODES.get("ep-net").key());
    }

    @Test
    @Order(5)
    void a_peer_refusal_reaches_the_caller_as_the_same_typed_fault_naming_the_node() {
        HttpResponse<String> r = call("jp-net", "WO", "GetDocumentList", documentList("EP", "10167109"));
        Document fault = SoapFaults.assertFault(r, Version.SOAP11, "Client", "AccessDeniedFault", "ACCESS_DENIED");
        assertThat(xpath(fault, "//m:AccessDeniedFault/m:reason")).isEqualTo("no-agreement");
        assertThat(xpath(fault, "//m:AccessDeniedFault/m:node")).isEqualTo("ep-net");
        HttpResponse<String> missing = call("jp-net", "AU", "GetDocumentList", documentList("EP", "99999999"));
        Document notFound = SoapFaults.assertFault(missing, Version.SOAP11, "Client", "NotFoundFault", "NOT_FOUND");
        assertThat(xpath(notFound, "//m:NotFoundFault/m:node")).isEqualTo("ep-net");
    }

    @Test
    @Order(6)
    void a_binary_document_held_behind_a_peer_comes_through_as_an_attachment() throws Exception {
        String header = "<m:CallingOffice xmlns:m=\"urn:dossierlink:messages:1\">AU</m:CallingOffice>";
        String body = "<m:GetDocument xmlns:m=\"urn:dossierlink:messages:1\"><m:office>EP</m:office><m:applicationNumber>"
                + "10167109</m:applicationNumber><m:documentId>" + TestDossiers.PDF_DOC_ID + "</m:documentId></m:GetDocument>";
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(NODES.get("jp-net").url()))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"urn:dossierlink:service:1:GetDocument\"")
                .POST(HttpRequest.BodyPublishers.ofString(RawSoap.envelope(Version.SOAP11, header, body))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String text = new String(r.body(), StandardCharsets.ISO_8859_1);
        assertThat(r.statusCode()).as(text.substring(0, Math.min(2000, text.length()))).isEqualTo(200);
        byte[] slice = Arrays.copyOfRange(TestDossiers.OFFICE_ACTION_PDF, 1000, 1200);
        assertThat(text).contains(new String(slice, StandardCharsets.ISO_8859_1));
        assertThat(text).contains("node=\"ep-net\"");
    }

    @Test
    @Order(7)
    void a_peer_whose_answer_was_tampered_with_is_flagged_and_its_members_dropped() {
        PeerWire wire = NODES.get("ep-net").wire();
        wire.tamper();
        try {
            HttpResponse<String> r = call("jp-net", "GB", "GetFamily", FAMILY);
            Document d = RawSoap.parse(r.body());
            verifiedBy("jp-net", payload(d));
            assertThat(partial(d)).isEqualTo("true");
            assertThat(xpath(d, "//m:peer[@name='ep-net']/@status")).isEqualTo("bad-signature");
            assertThat(xpath(d, "//m:peer[@name='cn-net']/@status")).isEqualTo("answered");
            assertThat(xpath(d, "count(//m:member[@node='ep-net'])")).isEqualTo("0");
            assertThat(xpath(d, "//m:GetFamilyResponse/@memberCount")).isEqualTo("2");
            // a tampered proxied answer is not passed on either
            HttpResponse<String> list = call("jp-net", "AU", "GetDocumentList", documentList("EP", "10167109"));
            Document fault = SoapFaults.assertFault(list, Version.SOAP11, "Client", "PeerUnavailableFault", "PEER_UNAVAILABLE");
            assertThat(xpath(fault, "//m:PeerUnavailableFault/m:reason")).isEqualTo("bad-signature");
            assertThat(xpath(fault, "//m:PeerUnavailableFault/m:node")).isEqualTo("ep-net");
        } finally {
            wire.pass();
        }
    }

    @Test
    @Order(8)
    void a_forged_or_replayed_linkage_header_is_refused() {
        LinkageAssertion assertion = new LinkageAssertion("ep-net", "AU", "test-" + UUID.randomUUID(), Instant.now(), 1,
                List.of("ep-net", "cn-net"));
        // signed by a key that is not ep-net's
        SigningKey stranger = SelfSignedKeys.generate("stranger", SignatureAlgorithm.ECDSA_P256_SHA256, "CN=ep-net",
                Duration.ofDays(1));
        String forged = new String(assertion.sign(new PayloadSigner(new SigningKeys(List.of(stranger),
                SignatureAlgorithm.ECDSA_P256_SHA256, "stranger"))), StandardCharsets.UTF_8);
        HttpResponse<String> r = RawSoap.post(NODES.get("cn-net").url(), Version.SOAP11, "GetDocumentList",
                RawSoap.envelope(Version.SOAP11, forged, documentList("CN", TestDossiers.CN.application().number()))
                        .getBytes(StandardCharsets.UTF_8));
        SoapFaults.assertFault(r, Version.SOAP11, "FailedAuthentication", "AuthenticationFault", "AUTHENTICATION_FAILED");
        // signed by ep-net: accepted once, then a replay
        String genuine = new String(assertion.sign(new PayloadSigner(new SigningKeys(List.of(NODES.get("ep-net").key()),
                SignatureAlgorithm.ECDSA_P256_SHA256, "ep-net"))), StandardCharsets.UTF_8);
        byte[] request = RawSoap.envelope(Version.SOAP11, genuine, documentList("CN", TestDossiers.CN.application().number()))
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> first = RawSoap.post(NODES.get("cn-net").url(), Version.SOAP11, "GetDocumentList", request);
        // AU has no agreement with CN: cn-net applies its own agreements to the office the header names
        Document denied = SoapFaults.assertFault(first, Version.SOAP11, "Client", "AccessDeniedFault", "ACCESS_DENIED");
        assertThat(xpath(denied, "//m:AccessDeniedFault/m:reason"))
                .isEqualTo(TestOffices.offices().policy().dossier("AU", "CN", LocalDate.now(ZoneOffset.UTC)).reason().wireName());
        HttpResponse<String> replay = RawSoap.post(NODES.get("cn-net").url(), Version.SOAP11, "GetDocumentList", request);
        SoapFaults.assertFault(replay, Version.SOAP11, "FailedAuthentication", "AuthenticationFault", "AUTHENTICATION_FAILED");
        assertThat(replay.body()).contains("used before");
    }

    @Test
    @Order(9)
    void with_one_peer_slow_and_one_stopped_the_answer_is_partial_says_so_and_comes_within_the_timeout() {
        NODES.get("ep-net").wire().slow(Duration.ofSeconds(8));
        LinkedNode cn = NODES.get("cn-net");
        cn.server().stop();
        cn.wire().stop();
        long start = System.nanoTime();
        HttpResponse<String> r = call("jp-net", "GB", "GetFamily", FAMILY);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("a partial answer within the peer timeout and a margin").isLessThan(TIMEOUT.plus(MARGIN));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Document d = RawSoap.parse(r.body());
        verifiedBy("jp-net", payload(d));
        assertThat(partial(d)).isEqualTo("true");
        assertThat(xpath(d, "//m:peer[@name='ep-net']/@status")).isEqualTo("timed-out");
        assertThat(xpath(d, "//m:peer[@name='cn-net']/@status")).isEqualTo("unreachable");
        assertThat(xpath(d, "//m:GetFamilyResponse/@memberCount")).isEqualTo("1");
        assertThat(xpath(d, "//m:member/@node")).isEqualTo("jp-net");

        // a retrieval behind the stopped peer: a typed fault naming it, also within the timeout
        start = System.nanoTime();
        HttpResponse<String> list = call("jp-net", "AU", "GetBibliographicData",
                "<m:GetBibliographicData xmlns:m=\"urn:dossierlink:messages:1\"><m:office>CN</m:office><m:applicationNumber>"
                        + TestDossiers.CN.application().number() + "</m:applicationNumber></m:GetBibliographicData>");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(MARGIN));
        Document fault = SoapFaults.assertFault(list, Version.SOAP11, "Client", "PeerUnavailableFault", "PEER_UNAVAILABLE");
        assertThat(xpath(fault, "//m:PeerUnavailableFault/m:reason")).isEqualTo("unreachable");
        assertThat(xpath(fault, "//m:PeerUnavailableFault/m:node")).isEqualTo("cn-net");

        // readiness: degraded, still ready; each peer's state in the JSON
        HttpResponse<String> ready = RawSoap.get(NODES.get("jp-net").server().rootUrl() + "/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"DEGRADED\",\"ready\":true")
                .contains("\"peer:cn-net\":{\"status\":\"DEGRADED\",\"detail\":\"unreachable")
                .contains("\"peer:ep-net\":{\"status\":\"DEGRADED\",\"detail\":\"timed-out")
                .contains("\"store\":{\"status\":\"UP\"");
        // probes are remembered for a few seconds: a second readiness call does not call the peer again
        int probes = NODES.get("ep-net").wire().requests();
        assertThat(RawSoap.get(NODES.get("jp-net").server().rootUrl() + "/health/ready").body()).contains("DEGRADED");
        assertThat(NODES.get("ep-net").wire().requests()).isEqualTo(probes);

        // metrics: latency and status counts by peer and status
        String metrics = RawSoap.get(NODES.get("jp-net").server().rootUrl() + "/metrics").body();
        assertThat(metrics).contains("dossierlink_peer_calls_seconds_count{operation=\"GetFamily\",peer=\"ep-net\",status=\"answered\"}")
                .contains("dossierlink_peer_calls_seconds_count{operation=\"GetFamily\",peer=\"ep-net\",status=\"timed-out\"}")
                .contains("dossierlink_peer_call_status_total{peer=\"cn-net\",status=\"unreachable\"}")
                .contains("dossierlink_peer_call_status_total{peer=\"ep-net\",status=\"bad-signature\"}");
    }
}
