package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossierlink.testsupport.RawSoap.xpath;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.dossierlink.access.AuditRecord;
import org.dossierlink.access.ChainCheck;
import org.dossierlink.cli.DossierlinkCommand;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.dossier.Direction;
import org.dossierlink.dossier.DocumentGroup;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.dossier.Publication;
import org.dossierlink.family.FamilyLookup;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.operator.NodeMetrics;
import org.dossierlink.service.DossierService;
import org.dossierlink.service.ServiceInfo;
import org.dossierlink.store.JdbcAuditLog;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.JdbcNonceRegistry;
import org.dossierlink.store.JdbcQuotaCounts;
import org.dossierlink.testsupport.PostgresSchema;
import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.SoapFaults;
import org.dossierlink.testsupport.TestDialects;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.testsupport.TestOffices;
import org.dossierlink.testsupport.WsSecurityHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/**
 * Three stateless nodes on one PostgreSQL store, as an office network runs them behind a load balancer:
 * three real servers on free ports in this JVM, each with its own pool, audit writer, nonce registry and
 * quota ledger on one schema ({@code DOSSIERLINK_TEST_PG_URL}; skipped without it, CI sets it). The data
 * is loaded through the first node's store.
 * <ul>
 * <li>every operation, and every fault, answers the same from every node (the signature left out: it
 * carries its signing time);</li>
 * <li>a write through one node's store is seen by every node at once: nothing is cached per node;</li>
 * <li>a UsernameToken accepted by one node is a replay at the others;</li>
 * <li>two nodes together hold an office to one per-minute quota;</li>
 * <li>requests spread over the nodes extend one intact audit chain, as {@code dossierlink audit} checks.</li>
 * </ul>
 */
class SharedStoreIT {

    private static final String M = "xmlns:m=\"urn:dossierlink:messages:1\"";
    /** The quota's minute: fixed, so the per-minute window does not roll over during the test. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:20Z"), ZoneOffset.UTC);

    private record NodeUnderTest(JdbcDossierStore store, JdbcAuditLog audit, AccessControl access, DossierServer server) {
    }

    private static PostgresSchema schema;
    private static final List<NodeUnderTest> NODES = new ArrayList<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void startNodes() throws Exception {
        schema = PostgresSchema.create("dossierlink_nodes");
        for (int i = 0; i < 3; i++) {
            JdbcDossierStore store = schema.openStore();
            if (i == 0) {
                TestDossiers.seed(store);
            }
            JdbcAuditLog audit = new JdbcAuditLog(store);
            AccessControl access = AccessControl.shared(TestOffices.offices(), audit, CLOCK,
                    new JdbcNonceRegistry(store, CLOCK), new JdbcQuotaCounts(store));
            DossierService service = new DossierService(store, new NumberNormalizer(), new FamilyLookup(store),
                    ServiceInfo.forOffices(TestDossiers.OFFICES), TestDialects.converter(), TestOffices.gate());
            // the signing keystore is shared by the nodes (the other way: each publishes its own certificate)
            DossierServer server = new DossierServer(ServerOptions.demo().withPort(0), service, TestKeys.signer(),
                    new NodeMetrics(), access).start();
            NODES.add(new NodeUnderTest(store, audit, access, server));
        }
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (NodeUnderTest n : NODES) {
            n.server().stop();
            n.access().quotas().close();
            n.audit().close();
            n.store().close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    private static HttpResponse<String> call(NodeUnderTest node, String header, String operation, String body) {
        return RawSoap.post(node.server().soap11Url(), Version.SOAP11, operation,
                RawSoap.envelope(Version.SOAP11, header, body).getBytes(StandardCharsets.UTF_8));
    }

    private static String as(String office) {
        return office == null ? "" : "<m:CallingOffice " + M + ">" + office + "</m:CallingOffice>";
    }

    /**
     * Status, and the envelope without what differs by nature between two answers: the signature (its
     * time), the signed payload's Id, the request id, the MTOM part's cid and boundary.
     */
    private static void assertSameEverywhere(String what, String office, String operation, String body) {
        HttpResponse<String> first = call(NODES.get(0), as(office), operation, body);
        for (NodeUnderTest other : NODES.subList(1, NODES.size())) {
            HttpResponse<String> r = call(other, as(office), operation, body);
            assertThat(r.statusCode()).as(what + " status\n" + r.body()).isEqualTo(first.statusCode());
            Diff diff = compare(xmlPart(first), xmlPart(r));
            assertThat(diff.hasDifferences()).as(what + " differs between nodes: " + diff + "\n" + first.body() + "\n"
                    + r.body()).isFalse();
            assertThat(attachment(r)).as(what + " attachment").isEqualTo(attachment(first));
        }
    }

    private static Diff compare(String a, String b) {
        return DiffBuilder.compare(a).withTest(b).ignoreWhitespace().checkForSimilar()
                .withNodeFilter(SharedStoreIT::sameOnEveryNode)
                // the signed payload's Id and the xop:Include cid are made afresh for each answer
                .withAttributeFilter(attr -> !attr.getLocalName().equals("Id") && !attr.getLocalName().equals("href"))
                .build();
    }

    private static boolean sameOnEveryNode(Node n) {
        if (n.getNodeType() != Node.ELEMENT_NODE) {
            return true;
        }
        String ns = n.getNamespaceURI();
        return !("http://www.w3.org/2000/09/xmldsig#".equals(ns) && "Signature".equals(n.getLocalName()))
                && !"requestId".equals(n.getLocalName());
    }

    private static String xmlPart(HttpResponse<String> r) {
        String body = r.body();
        int start = body.indexOf("<soap:Envelope");
        int end = body.indexOf("</soap:Envelope>");
        assertThat(start).as(body).isNotNegative();
        return body.substring(start, end + "</soap:Envelope>".length());
    }

    /** The MTOM attachment's bytes (everything after the envelope), empty for a plain answer. */
    private static String attachment(HttpResponse<String> r) {
        String body = r.body();
        int end = body.indexOf("</soap:Envelope>");
        String rest = body.substring(end);
        int headers = rest.indexOf("\r\n\r\n");
        return headers < 0 ? "" : rest.substring(headers).replaceAll("--uuid:[0-9a-f-]+", "--boundary");
    }

    @Test
    void every_operation_and_every_fault_answers_the_same_from_every_node() {
        String ep = "<m:office>EP</m:office><m:applicationNumber>10167109</m:applicationNumber>";
        assertSameEverywhere("GetFamily simple", "JP", "GetFamily", "<m:GetFamily " + M + "><m:office>EP</m:office>"
                + "<m:number>10167109</m:number><m:familyType>simple</m:familyType></m:GetFamily>");
        assertSameEverywhere("GetFamily extended with a dialect", null, "GetFamily", "<m:GetFamily " + M
                + "><m:office>CN</m:office><m:number>201110123456</m:number><m:familyType>extended</m:familyType>"
                + "<m:dialect>st96</m:dialect></m:GetFamily>");
        assertSameEverywhere("GetFamily by publication", "US", "GetFamily", "<m:GetFamily " + M + "><m:office>EP</m:office>"
                + "<m:number>EP.2400812.A1</m:number><m:numberType>publication</m:numberType></m:GetFamily>");
        assertSameEverywhere("GetDocumentList (JP: search reports only)", "JP", "GetDocumentList",
                "<m:GetDocumentList " + M + ">" + ep + "</m:GetDocumentList>");
        assertSameEverywhere("GetDocument XML", "JP", "GetDocument", "<m:GetDocument " + M + ">" + ep
                + "<m:documentId>" + TestDossiers.XML_DOC_ID + "</m:documentId></m:GetDocument>");
        assertSameEverywhere("GetDocument PDF over MTOM", null, "GetDocument", "<m:GetDocument " + M + ">" + ep
                + "<m:documentId>" + TestDossiers.PDF_DOC_ID + "</m:documentId></m:GetDocument>");
        assertSameEverywhere("GetBibliographicData", null, "GetBibliographicData", "<m:GetBibliographicData " + M + ">"
                + ep + "</m:GetBibliographicData>");
        assertSameEverywhere("GetBibliographicData in st96", null, "GetBibliographicData", "<m:GetBibliographicData "
                + M + ">" + ep + "<m:dialect>st96</m:dialect></m:GetBibliographicData>");
        assertSameEverywhere("NormalizeNumber", null, "NormalizeNumber", "<m:NormalizeNumber " + M + "><m:office>US</m:office>"
                + "<m:number>13/167,395</m:number><m:numberType>application</m:numberType></m:NormalizeNumber>");
        assertSameEverywhere("GetServiceInfo", null, "GetServiceInfo", "<m:GetServiceInfo " + M + "/>");
        assertSameEverywhere("GetSigningCertificates", null, "GetSigningCertificates", "<m:GetSigningCertificates " + M + "/>");
        // faults
        assertSameEverywhere("not found", null, "GetDocumentList", "<m:GetDocumentList " + M + "><m:office>JP</m:office>"
                + "<m:applicationNumber>2099-999999</m:applicationNumber></m:GetDocumentList>");
        assertSameEverywhere("access denied (not yet started)", "US", "GetBibliographicData", "<m:GetBibliographicData "
                + M + ">" + ep + "</m:GetBibliographicData>");
        assertSameEverywhere("document of a category not shared", "JP", "GetDocument", "<m:GetDocument " + M + ">" + ep
                + "<m:documentId>" + TestDossiers.PDF_DOC_ID + "</m:documentId></m:GetDocument>");
        assertSameEverywhere("unknown office", null, "NormalizeNumber", "<m:NormalizeNumber " + M + "><m:office>ZZ</m:office>"
                + "<m:number>1</m:number><m:numberType>application</m:numberType></m:NormalizeNumber>");
        assertSameEverywhere("malformed number", null, "GetFamily", "<m:GetFamily " + M + "><m:office>US</m:office>"
                + "<m:number>13/16x,395</m:number></m:GetFamily>");

        // the denial really is one (the comparison above would pass for three equal successes too)
        HttpResponse<String> denied = call(NODES.get(2), as("US"), "GetBibliographicData", "<m:GetBibliographicData " + M
                + ">" + ep + "</m:GetBibliographicData>");
        Document fault = SoapFaults.assertFault(denied, Version.SOAP11, "Client", "AccessDeniedFault", "ACCESS_DENIED");
        assertThat(xpath(fault, "//m:AccessDeniedFault/m:reason")).isEqualTo("not-yet-started");
    }

    private static final Dossier FIRST = new Dossier(new ApplicationRef("JP", "2011200001", "A", "2011-200001",
            LocalDate.of(2011, 3, 1)), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            null, "canonical");

    private static String family(NodeUnderTest node) {
        HttpResponse<String> r = call(node, "", "GetFamily", "<m:GetFamily " + M + "><m:office>JP</m:office>"
                + "<m:number>2011-200001</m:number><m:familyType>extended</m:familyType></m:GetFamily>");
        return r.statusCode() == 200 ? xpath(RawSoap.parse(r.body()), "//m:GetFamilyResponse/@memberCount") + " members, "
                + xpath(RawSoap.parse(r.body()), "count(//m:member/m:publication)") + " publications"
                : xpath(RawSoap.parse(r.body()), "//m:code");
    }

    @Test
    void a_write_through_one_store_is_seen_by_every_node_at_once() {
        for (NodeUnderTest n : NODES) {
            assertThat(family(n)).isEqualTo("NOT_FOUND");
        }
        // a new dossier, through node 1's store
        NODES.get(0).store().save(FIRST);
        for (NodeUnderTest n : NODES) {
            assertThat(family(n)).isEqualTo("1 members, 0 publications");
        }
        // a changed dossier and a new one claiming it, through node 2's store
        PriorityClaim claim = new PriorityClaim(1, "JP", "2011200001", "2011-200001", LocalDate.of(2011, 3, 1),
                PriorityKind.NATIONAL, true);
        NODES.get(1).store().save(new Dossier(FIRST.application(), List.of(new Publication("JP", "2012150001", "A",
                LocalDate.of(2012, 9, 1))), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null,
                "canonical"));
        NODES.get(1).store().save(new Dossier(new ApplicationRef("US", "13200001", "A", "13/200,001",
                LocalDate.of(2012, 2, 28)), List.of(), List.of(claim), List.of(), List.of(), List.of(), List.of(),
                List.of(), null, "canonical"));
        for (NodeUnderTest n : NODES) {
            assertThat(family(n)).isEqualTo("2 members, 1 publications");
        }
        // a new document, through node 3's store
        byte[] xml = "<note>first action</note>".getBytes(StandardCharsets.UTF_8);
        NODES.get(2).store().saveDocument(FIRST.application().key(), new DocumentInfo("JP2011200001-OA-1", "OA",
                "Notice of reasons for refusal", DocumentGroup.OFFICE_ACTION, LocalDate.of(2013, 1, 10),
                Direction.OUTGOING, "ja", "application/xml", 1, xml.length, ContentDigest.sha256(xml)), xml);
        for (NodeUnderTest n : NODES) {
            HttpResponse<String> list = call(n, "", "GetDocumentList", "<m:GetDocumentList " + M + "><m:office>JP</m:office>"
                    + "<m:applicationNumber>2011-200001</m:applicationNumber></m:GetDocumentList>");
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            assertThat(xpath(RawSoap.parse(list.body()), "//m:document/d:id")).isEqualTo("JP2011200001-OA-1");
        }
    }

    @Test
    void a_token_accepted_by_one_node_is_a_replay_at_every_other() {
        String family = "<m:GetFamily " + M + "><m:office>EP</m:office><m:number>10167109</m:number></m:GetFamily>";
        for (int first = 0; first < NODES.size(); first++) {
            String token = WsSecurityHeader.digest(TestOffices.JP_USER, TestOffices.jpDigestKey(), Instant.now());
            HttpResponse<String> accepted = call(NODES.get(first), token, "GetFamily", family);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            for (int other = 0; other < NODES.size(); other++) {
                HttpResponse<String> replay = call(NODES.get(other), token, "GetFamily", family);
                Document fault = RawSoap.parse(replay.body());
                String code = xpath(fault, "/s11:Envelope/s11:Body/s11:Fault/faultcode");
                SoapFaults.assertFault(replay, Version.SOAP11, code.substring(code.indexOf(':') + 1),
                        "AuthenticationFault", "AUTHENTICATION_FAILED");
                assertThat(replay.body()).doesNotContain("GetFamilyResponse");
            }
        }
    }

    @Test
    void two_nodes_together_hold_an_office_to_one_per_minute_quota() {
        String normalize = "<m:NormalizeNumber " + M + "><m:office>EP</m:office><m:number>10167109</m:number>"
                + "<m:numberType>application</m:numberType></m:NormalizeNumber>";
        NodeUnderTest one = NODES.get(0);
        NodeUnderTest two = NODES.get(1);
        NodeUnderTest three = NODES.get(2);
        int limit = TestOffices.AU_REQUESTS_PER_MINUTE;
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> r = call(one, as("AU"), "NormalizeNumber", normalize);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue(Throttling.HEADER).orElseThrow()).contains("requests=" + i + "/" + limit);
        }
        one.access().quotas().sync();
        two.access().quotas().sync();
        for (int i = 4; i <= limit; i++) {
            HttpResponse<String> r = call(two, as("AU"), "NormalizeNumber", normalize);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue(Throttling.HEADER).orElseThrow()).contains("requests=" + i + "/" + limit);
        }
        SoapFaults.assertFault(call(two, as("AU"), "NormalizeNumber", normalize), Version.SOAP11, "Client",
                "QuotaExceededFault", "QUOTA_EXCEEDED");
        two.access().quotas().sync();
        one.access().quotas().sync();
        HttpResponse<String> refused = call(one, as("AU"), "NormalizeNumber", normalize);
        Document fault = SoapFaults.assertFault(refused, Version.SOAP11, "Client", "QuotaExceededFault", "QUOTA_EXCEEDED");
        assertThat(xpath(fault, "//m:QuotaExceededFault/m:reason")).isEqualTo("requests-per-minute");
        assertThat(refused.headers().firstValue(Throttling.HEADER).orElseThrow()).startsWith("black")
                .contains("requests=" + limit + "/" + limit);
        // the third node learns it by itself, from the exchange every second, without a request counted
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (three.access().quotas().standing("AU").requests() < limit && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        assertThat(three.access().quotas().standing("AU").requests()).isEqualTo(limit);
        SoapFaults.assertFault(call(three, as("AU"), "NormalizeNumber", normalize), Version.SOAP11, "Client",
                "QuotaExceededFault", "QUOTA_EXCEEDED");
        // other offices are not affected
        assertThat(call(three, as("JP"), "NormalizeNumber", normalize).statusCode()).isEqualTo(200);
    }

    @Test
    void requests_spread_over_the_nodes_extend_one_intact_audit_chain() throws Exception {
        String list = "<m:GetDocumentList " + M + "><m:office>EP</m:office><m:applicationNumber>10167109"
                + "</m:applicationNumber></m:GetDocumentList>";
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = call(NODES.get(i % NODES.size()), as("JP"), "GetDocumentList", list);
            assertThat(r.statusCode()).isEqualTo(200);
            ids.add(r.headers().firstValue("X-Request-Id").orElseThrow());
        }
        NODES.forEach(n -> n.audit().flush());
        ChainCheck check = NODES.get(1).audit().verify();
        assertThat(check.intact()).as(check.problem()).isTrue();
        try (Stream<AuditRecord> records = NODES.get(2).audit().entries("JP", null)) {
            assertThat(records.map(r -> r.entry().requestId()).filter(ids::contains).count()).isEqualTo(30);
        }
        // and as an operator checks it: dossierlink audit against the shared store
        Path config = Files.writeString(dir.resolve("node.properties"), "store.url=" + schema.url() + "\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DossierlinkCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("audit", "--config", config.toString(), "--office", "JP");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines().reduce((a, b) -> b).orElseThrow()).matches("audit chain intact: \\d+ entries");
        assertThat(check.checked()).isGreaterThanOrEqualTo(30);
    }
}
