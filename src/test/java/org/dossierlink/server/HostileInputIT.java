package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossierlink.testsupport.RawSoap.envelope;
import static org.dossierlink.testsupport.RawSoap.xpath;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.dossierlink.testsupport.HostilePayloads;
import org.dossierlink.testsupport.HostilePayloads.Attack;
import org.dossierlink.testsupport.HostilePayloads.Multipart;
import org.dossierlink.testsupport.OutboundTrap;
import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.RunningServer;
import org.dossierlink.testsupport.SoapFaults;
import org.dossierlink.xml.XmlLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * Hostile input against the running server, on both ports. Every case gets its typed fault (HTTP 500,
 * Client/Sender or VersionMismatch, {@code InvalidRequestFault} with code INVALID_REQUEST and a message
 * that says what was refused) or, for a hostile document inside ValidateDossier, a report that says
 * what was refused; the next good call succeeds; and the {@link OutboundTrap} every payload points at
 * sees no connection, no byte, and its secret never comes back in an answer or a log line.
 */
class HostileInputIT {

    private static final String M = "xmlns:m=\"urn:dossierlink:messages:1\"";

    @TempDir
    static Path dir;
    private static DossierServer server;
    private static OutboundTrap trap;

    @BeforeAll
    static void start() throws Exception {
        trap = OutboundTrap.open(dir);
        server = RunningServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (trap != null) {
            trap.close();
        }
    }

    @AfterEach
    void nothingWentOut() {
        trap.assertUntouched();
    }

    private static String url(Version v) {
        return v == Version.SOAP11 ? server.soap11Url() : server.soap12Url();
    }

    private static String sender(Version v) {
        return v == Version.SOAP11 ? "Client" : "Sender";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A refused request: the typed fault, its message naming the reason, no secret, and the port still serves. */
    private static Document assertRefused(HttpResponse<String> r, Version v, String hint) {
        trap.assertNoSecretIn("answer", r.body());
        Document doc = SoapFaults.assertFault(r, v, sender(v), "InvalidRequestFault", "INVALID_REQUEST");
        assertThat(xpath(doc, "//m:InvalidRequestFault/m:message")).as(r.body()).containsIgnoringCase(hint);
        assertThat(xpath(doc, "//m:InvalidRequestFault/m:requestId")).isNotBlank();
        assertNoServerPath(r.body());
        assertStillServes(v);
        return doc;
    }

    /** No path of the server's own files (the attacker's own system ids may be echoed; they are theirs). */
    private static void assertNoServerPath(String body) {
        assertThat(body).doesNotContain(System.getProperty("user.dir")).doesNotContain("target/classes")
                .doesNotContain(".jar!").doesNotContain(System.getProperty("java.io.tmpdir") + "/cxf");
    }

    static void assertStillServes(Version v) {
        HttpResponse<String> r = RawSoap.call(url(v), v, "GetServiceInfo", "<m:GetServiceInfo " + M + "/>");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(xpath(RawSoap.parse(r.body()), "//m:GetServiceInfoResponse/m:product")).isEqualTo("dossierlink");
    }

    // ---- entity expansion and XXE in the envelope: no DOCTYPE is read in a SOAP request ----

    static Stream<Arguments> envelopeEntityAttacks() {
        List<Arguments> list = new ArrayList<>();
        for (Version v : Version.values()) {
            for (Attack a : HostilePayloads.entityAttacks(trap)) {
                list.add(Arguments.of(v, a));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("envelopeEntityAttacks")
    void entity_attacks_in_the_envelope_are_refused_at_the_doctype(Version v, Attack a) {
        String doctype = "<!DOCTYPE env:Envelope [" + a.internalSubset() + "]>";
        String xml = HostilePayloads.envelopeWithDoctype(v, doctype, "<m:GetServiceInfo " + M + ">" + a.content()
                + "</m:GetServiceInfo>");
        assertRefused(RawSoap.post(url(v), v, "GetServiceInfo", utf8(xml)), v, "DOCTYPE");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void doctype_system_and_public_ids_to_the_trap_are_refused(Version v) {
        String body = "<m:GetServiceInfo " + M + "/>";
        for (String doctype : List.of("<!DOCTYPE env:Envelope SYSTEM \"" + trap.http("/soap.dtd") + "\">",
                "<!DOCTYPE env:Envelope PUBLIC \"-//EVIL//DTD X//EN\" \"" + trap.httpLocalhost("/soap.dtd") + "\">",
                "<!DOCTYPE env:Envelope SYSTEM \"" + trap.fileUrl() + "\">")) {
            assertRefused(RawSoap.post(url(v), v, "GetServiceInfo", utf8(HostilePayloads.envelopeWithDoctype(v, doctype, body))),
                    v, "DOCTYPE");
        }
    }

    // ---- SSRF through XInclude, schema location hints and processing instructions ----

    @ParameterizedTest
    @EnumSource(Version.class)
    void xinclude_in_the_body_is_not_followed(Version v) {
        for (String href : List.of(trap.http("/xi.xml"), trap.fileUrl())) {
            String body = "<m:GetServiceInfo " + M + "><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                    + href + "\" parse=\"text\"/></m:GetServiceInfo>";
            assertRefused(RawSoap.call(url(v), v, "GetServiceInfo", body), v, "include");
        }
        // and in the header, which the schema does not check
        String xml = "<?xml version=\"1.0\"?><env:Envelope xmlns:env=\"" + (v == Version.SOAP11 ? RawSoap.SOAP11_NS
                : RawSoap.SOAP12_NS) + "\"><env:Header><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                + trap.http("/header.xml") + "\"/></env:Header><env:Body><m:GetServiceInfo " + M
                + "/></env:Body></env:Envelope>";
        HttpResponse<String> r = RawSoap.post(url(v), v, "GetServiceInfo", utf8(xml));
        // a header nobody understands is ignored (SOAP: only mustUnderstand headers must be understood)
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(xpath(RawSoap.parse(r.body()), "//m:GetServiceInfoResponse/m:product")).isEqualTo("dossierlink");
    }

    /**
     * A schema location hint is legal on any element (XML Schema 1.0, 4.3.2) and the hint is only a hint:
     * the server validates against the contract's own compiled schemas and never reads a hint. The call is
     * answered as without the hint, and the trap sees nothing.
     */
    @ParameterizedTest
    @EnumSource(Version.class)
    void schema_location_hints_are_never_followed(Version v) {
        String xsi = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
        for (String attr : List.of("xsi:schemaLocation=\"urn:dossierlink:messages:1 " + trap.http("/messages.xsd") + "\"",
                "xsi:noNamespaceSchemaLocation=\"" + trap.http("/none.xsd") + "\"",
                "xsi:schemaLocation=\"urn:dossierlink:messages:1 " + trap.fileUrl() + "\"")) {
            HttpResponse<String> r = RawSoap.call(url(v), v, "NormalizeNumber", "<m:NormalizeNumber " + M + " " + xsi
                    + " " + attr + "><m:office>EP</m:office><m:number>EP 05255002.7</m:number></m:NormalizeNumber>");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(xpath(RawSoap.parse(r.body()), "//m:NormalizeNumberResponse/m:normalized/m:docdb"))
                    .isEqualTo("EP.05255002.A");
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void an_xml_stylesheet_processing_instruction_is_refused_and_never_fetched(Version v) {
        String pi = "<?xml-stylesheet type=\"text/xsl\" href=\"" + trap.http("/x.xsl") + "\"?>";
        String before = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + pi
                + envelope(v, "<m:GetServiceInfo " + M + "/>").substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".length());
        assertRefused(RawSoap.post(url(v), v, "GetServiceInfo", utf8(before)), v, "processing instruction");
        String inside = envelope(v, "<m:GetServiceInfo " + M + ">" + pi + "</m:GetServiceInfo>");
        assertRefused(RawSoap.post(url(v), v, "GetServiceInfo", utf8(inside)), v, "processing instruction");
    }

    // ---- size and shape ----

    @ParameterizedTest
    @EnumSource(Version.class)
    void deep_nesting_is_refused(Version v) {
        int depth = XmlLimits.MAX_ELEMENT_DEPTH + 10;
        String deep = "<x>".repeat(depth) + "</x>".repeat(depth);
        // in the header, which no schema stops early
        String xml = "<?xml version=\"1.0\"?><env:Envelope xmlns:env=\"" + (v == Version.SOAP11 ? RawSoap.SOAP11_NS
                : RawSoap.SOAP12_NS) + "\"><env:Header>" + deep + "</env:Header><env:Body><m:GetServiceInfo " + M
                + "/></env:Body></env:Envelope>";
        assertRefused(RawSoap.post(url(v), v, "GetServiceInfo", utf8(xml)), v,
                "depth limit (" + XmlLimits.MAX_ELEMENT_DEPTH + ")");
        // and in the body, where the schema refuses the first unexpected element before the depth is reached
        String body = "<m:GetServiceInfo " + M + ">" + deep + "</m:GetServiceInfo>";
        assertRefused(RawSoap.call(url(v), v, "GetServiceInfo", body), v, "unexpected element");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void a_huge_attribute_count_is_refused(Version v) {
        StringBuilder attrs = new StringBuilder();
        for (int i = 0; i <= XmlLimits.MAX_ATTRIBUTE_COUNT; i++) {
            attrs.append(" a").append(i).append("=\"v\"");
        }
        assertRefused(RawSoap.call(url(v), v, "GetServiceInfo", "<m:GetServiceInfo " + M + attrs + "/>"), v,
                "attribute limit (" + XmlLimits.MAX_ATTRIBUTE_COUNT + ")");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void many_namespace_declarations_are_refused(Version v) {
        StringBuilder decls = new StringBuilder();
        for (int i = 0; i <= XmlLimits.MAX_NAMESPACE_DECLARATIONS; i++) {
            decls.append(" xmlns:p").append(i).append("=\"urn:p:").append(i).append('"');
        }
        // Woodstox counts namespace declarations against its per-element attribute limit
        assertRefused(RawSoap.call(url(v), v, "GetServiceInfo", "<m:GetServiceInfo " + M + decls + "/>"), v,
                "attribute limit (" + XmlLimits.MAX_NAMESPACE_DECLARATIONS + ")");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void an_overlong_attribute_value_is_refused(Version v) {
        String value = "x".repeat(XmlLimits.MAX_ATTRIBUTE_LENGTH + 1);
        assertRefused(RawSoap.call(url(v), v, "GetServiceInfo", "<m:GetServiceInfo " + M + " a=\"" + value + "\"/>"), v,
                "limit");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void an_oversized_message_is_refused_by_its_content_length(Version v) {
        byte[] payload = oversized(v);
        assertRefused(RawSoap.post(url(v), v, "GetServiceInfo", payload), v, String.valueOf(XmlLimits.MAX_REQUEST_BYTES));
    }

    @Test
    void an_oversized_chunked_message_is_refused_as_it_arrives() throws Exception {
        byte[] payload = oversized(Version.SOAP11);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.soap11Url())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"urn:dossierlink:service:1:GetServiceInfo\"")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(payload))).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertRefused(r, Version.SOAP11, String.valueOf(XmlLimits.MAX_REQUEST_BYTES));
    }

    private static byte[] oversized(Version v) {
        String padding = "<!--" + "x".repeat((int) XmlLimits.MAX_REQUEST_BYTES) + "-->";
        return utf8(envelope(v, padding + "<m:GetServiceInfo " + M + "/>"));
    }

    // ---- MTOM ----

    private static String validateWithXop(String href) {
        return "<m:ValidateDossier " + M + "><m:document><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\""
                + " href=\"" + href + "\"/></m:document><m:fileName>x.xml</m:fileName></m:ValidateDossier>";
    }

    private static HttpResponse<String> postMtom(Version v, Multipart m) {
        String action = "\"" + RawSoap.ACTION_PREFIX + "ValidateDossier\"";
        return RawSoap.postRaw(url(v), m.contentType() + (v == Version.SOAP12 ? "; action=" + action : ""),
                v == Version.SOAP11 ? action : null, m.body());
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void an_mtom_attachment_by_content_id_is_validated(Version v) {
        byte[] doc = utf8(HostilePayloads.usptoSample());
        Multipart m = HostilePayloads.mtom(v, envelope(v, validateWithXop("cid:doc1@hostile")), List.of(doc), List.of("doc1@hostile"));
        HttpResponse<String> r = postMtom(v, m);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Document answer = RawSoap.parse(r.body());
        assertThat(xpath(answer, "//m:ValidateDossierResponse/m:dialect")).isEqualTo("uspto");
        assertThat(xpath(answer, "//m:ValidateDossierResponse/m:valid")).as(r.body()).isEqualTo("true");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void xop_include_of_a_file_or_url_is_never_followed(Version v) {
        for (String href : List.of(trap.fileUrl(), trap.http("/xop.bin"), trap.httpLocalhost("/xop.bin"))) {
            Multipart m = HostilePayloads.mtom(v, envelope(v, validateWithXop(href)), List.of(), List.of());
            assertRefused(postMtom(v, m), v, "names no attachment of this request");
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void too_many_attachments_are_refused(Version v) {
        List<byte[]> parts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= XmlLimits.MAX_ATTACHMENT_COUNT; i++) {
            parts.add(utf8("part " + i));
            ids.add("p" + i + "@hostile");
        }
        parts.set(0, utf8(HostilePayloads.usptoSample()));
        Multipart m = HostilePayloads.mtom(v, envelope(v, validateWithXop("cid:p0@hostile")), parts, ids);
        assertRefused(postMtom(v, m), v, "attachments");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void an_oversized_attachment_is_refused(Version v) {
        byte[] big = new byte[(int) XmlLimits.MAX_ATTACHMENT_BYTES + 1];
        java.util.Arrays.fill(big, (byte) 'A');
        Multipart m = HostilePayloads.mtom(v, envelope(v, validateWithXop("cid:big@hostile")), List.of(big), List.of("big@hostile"));
        assertRefused(postMtom(v, m), v, "larger than");
    }

    // ---- SOAP version and Content-Type ----

    @Test
    void soap12_envelope_on_the_soap11_port() {
        HttpResponse<String> r = RawSoap.post(server.soap11Url(), Version.SOAP12, "GetServiceInfo",
                utf8(envelope(Version.SOAP12, "<m:GetServiceInfo " + M + "/>")));
        Document doc = SoapFaults.assertFault(r, Version.SOAP11, "VersionMismatch", "InvalidRequestFault", "INVALID_REQUEST");
        assertThat(xpath(doc, "//m:InvalidRequestFault/m:message")).contains(server.soap12Url());
        assertStillServes(Version.SOAP11);
    }

    @Test
    void soap11_envelope_on_the_soap12_port() {
        HttpResponse<String> r = RawSoap.post(server.soap12Url(), Version.SOAP11, "GetServiceInfo",
                utf8(envelope(Version.SOAP11, "<m:GetServiceInfo " + M + "/>")));
        Document doc = SoapFaults.assertFault(r, Version.SOAP11, "VersionMismatch", "InvalidRequestFault", "INVALID_REQUEST");
        assertThat(xpath(doc, "//m:InvalidRequestFault/m:message")).contains(server.soap11Url());
        assertStillServes(Version.SOAP12);
    }

    @Test
    void a_soap11_envelope_with_the_soap12_content_type_on_the_soap11_port() {
        HttpResponse<String> r = RawSoap.postRaw(server.soap11Url(),
                "application/soap+xml; charset=UTF-8; action=\"urn:dossierlink:service:1:GetServiceInfo\"", null,
                utf8(envelope(Version.SOAP11, "<m:GetServiceInfo " + M + "/>")));
        assertRefused(r, Version.SOAP11, "Content-Type");
    }

    @Test
    void a_soap12_envelope_with_the_soap11_content_type_on_the_soap12_port() {
        HttpResponse<String> r = RawSoap.postRaw(server.soap12Url(), "text/xml; charset=UTF-8",
                "\"urn:dossierlink:service:1:GetServiceInfo\"", utf8(envelope(Version.SOAP12, "<m:GetServiceInfo " + M + "/>")));
        assertRefused(r, Version.SOAP12, "Content-Type");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void a_content_type_that_is_not_soap_is_refused(Version v) {
        for (String type : List.of("application/json", "text/plain; charset=UTF-8", "application/x-www-form-urlencoded")) {
            HttpResponse<String> r = RawSoap.postRaw(url(v), type, "\"urn:dossierlink:service:1:GetServiceInfo\"",
                    utf8(envelope(v, "<m:GetServiceInfo " + M + "/>")));
            assertRefused(r, v, "Content-Type");
        }
    }

    // ---- the same attacks inside a document sent to ValidateDossier ----

    private static HttpResponse<String> validate(Version v, String document) {
        return RawSoap.call(url(v), v, "ValidateDossier", "<m:ValidateDossier " + M + "><m:document>"
                + Base64.getEncoder().encodeToString(utf8(document)) + "</m:document><m:fileName>hostile.xml</m:fileName>"
                + "</m:ValidateDossier>");
    }

    /** The report says the document is not valid and an error names what was refused; nothing leaks. */
    private static Document assertReportRefuses(HttpResponse<String> r, Version v, String hint) {
        trap.assertNoSecretIn("answer", r.body());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Document doc = RawSoap.parse(r.body());
        assertThat(xpath(doc, "//m:ValidateDossierResponse/m:valid")).as(r.body()).isEqualTo("false");
        assertThat(xpath(doc, "count(//m:ValidateDossierResponse/m:issue[m:severity='error'][contains(translate(m:message,"
                + "'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz'), '" + hint.toLowerCase() + "')])"))
                .as(r.body()).isNotEqualTo("0");
        assertNoServerPath(r.body());
        assertStillServes(v);
        return doc;
    }

    static Stream<Arguments> documentEntityAttacks() {
        return envelopeEntityAttacks();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("documentEntityAttacks")
    void entity_attacks_inside_a_uspto_document(Version v, Attack a) {
        assertReportRefuses(validate(v, HostilePayloads.usptoWith(a)), v, a.expectedHint());
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void a_document_doctype_pointing_at_the_trap_is_refused(Version v) {
        // a DTD the catalog does not know, at the trap: refused, the report names it
        String unknown = trap.http("/us-patent-grant-v47-2099-01-01.dtd");
        Document report = assertReportRefuses(validate(v, HostilePayloads.usptoWithDoctypeSystemId(unknown)), v,
                "refused, not in xsd/catalog.xml: " + unknown);
        assertThat(xpath(report, "//m:ValidateDossierResponse/m:schema")).isEqualTo("none");
        String jpo = readCorpus("jpo/jp-gazette-st36/JP2021044377A.xml");
        assertReportRefuses(validate(v, "<!DOCTYPE jp-official-gazette SYSTEM \"" + trap.http("/jp.dtd") + "\">" + jpo), v,
                "refused, not in xsd/catalog.xml");
        // a known DTD file name at the trap's address is served from the catalog (its systemSuffix entry)
        HttpResponse<String> known = validate(v, HostilePayloads.usptoWithDoctypeSystemId(
                trap.http("/us-patent-grant-v45-2014-04-03.dtd")));
        assertThat(known.statusCode()).as(known.body()).isEqualTo(200);
        assertThat(xpath(RawSoap.parse(known.body()), "//m:ValidateDossierResponse/m:schema"))
                .isEqualTo("xsd/uspto/us-patent-grant-v45-2014-04-03.dtd");
        // the secret file as DTD: not a USPTO DTD name, so refused at detection with a typed fault
        assertRefused(validate(v, HostilePayloads.usptoWithDoctypeSystemId(trap.fileUrl())), v, "DOCTYPE system id");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void xinclude_inside_a_document_is_not_followed(Version v) {
        for (String href : List.of(trap.http("/xi.xml"), trap.fileUrl())) {
            assertReportRefuses(validate(v, HostilePayloads.usptoWithTitleMarkup("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\""
                    + " href=\"" + href + "\" parse=\"text\"/>")), v, "include");
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void schema_location_hints_inside_a_document_are_not_followed(Version v) {
        String st96 = readCorpus("st96/examples/PatentPublication_Example.xml");
        String hinted = st96.replace("https://www.wipo.int/standards/XMLSchema/ST96/V6_0/Patent/Document/PatentPublication_V6_0.xsd",
                trap.http("/st96.xsd"));
        assertThat(hinted).isNotEqualTo(st96);
        // the hint is named in a warning and not followed; the document validates against the bundled schema
        HttpResponse<String> r = validate(v, hinted);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Document report = RawSoap.parse(r.body());
        assertThat(xpath(report, "//m:ValidateDossierResponse/m:valid")).isEqualTo("true");
        assertThat(xpath(report, "//m:ValidateDossierResponse/m:schema")).isEqualTo("xsd/st96/PatentPublication_V6_0.xsd");
        assertThat(xpath(report, "//m:issue[m:severity='warning']/m:message"))
                .isEqualTo("schema location not in xsd/catalog.xml, not followed: " + trap.http("/st96.xsd"));
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void an_xml_stylesheet_instruction_inside_a_document_is_never_applied(Version v) {
        HttpResponse<String> r = validate(v, HostilePayloads.usptoWithProlog("<?xml-stylesheet type=\"text/xsl\" href=\""
                + trap.http("/x.xsl") + "\"?>"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        // the instruction is no error in a document: it is ignored, the document validates as without it
        assertThat(xpath(RawSoap.parse(r.body()), "//m:ValidateDossierResponse/m:valid")).as(r.body()).isEqualTo("true");
    }

    private static String readCorpus(String relative) {
        try {
            return java.nio.file.Files.readString(org.dossierlink.Corpus.file(relative), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
