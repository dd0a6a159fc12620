package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossierlink.testsupport.RawSoap.envelope;
import static org.dossierlink.testsupport.RawSoap.post;
import static org.dossierlink.testsupport.RawSoap.xpath;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.dossierlink.server.ServerOptions;
import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.RunningServer;
import org.dossierlink.testsupport.SoapFaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * Protocol-level bad input on both ports: each gets a typed fault in the port's SOAP version (or a
 * VersionMismatch for a wrong envelope) with a detail code, and the next good request succeeds.
 */
class BadInputIT {

    private static final String M = "xmlns:m=\"urn:dossierlink:messages:1\"";
    private static final int SMALL_LIMIT = 4096;
    private static DossierServer server;
    private static DossierServer smallLimitServer;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start();
        smallLimitServer = RunningServer.start(ServerOptions.demo().withPort(0).withMaxRequestBytes(SMALL_LIMIT));
    }

    @AfterAll
    static void stop() {
        server.stop();
        smallLimitServer.stop();
    }

    record Bad(String name, String operation, byte[] payload, String detailElement, String detailCode, String hint) {
        Bad(String name, String operation, byte[] payload, String detailElement, String detailCode) {
            this(name, operation, payload, detailElement, detailCode, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Bad requests written in the port's own SOAP version. */
    static List<Bad> badRequests(Version v) {
        String deep = "<x>".repeat(150) + "</x>".repeat(150);
        String ns = v == Version.SOAP11 ? RawSoap.SOAP11_NS : RawSoap.SOAP12_NS;
        List<Bad> list = new ArrayList<>();
        list.add(new Bad("empty HTTP body", "GetServiceInfo", new byte[0], "InvalidRequestFault", "INVALID_REQUEST"));
        list.add(new Bad("empty SOAP body", "GetServiceInfo", utf8(envelope(v, "")), "InvalidRequestFault", "INVALID_REQUEST"));
        list.add(new Bad("empty SOAP body without action", null, utf8(envelope(v, "")), "InvalidRequestFault", "INVALID_REQUEST"));
        list.add(new Bad("unknown operation", "GetPatentPlease", utf8(envelope(v, "<m:GetPatentPlease " + M + "/>")),
                "InvalidRequestFault", "INVALID_REQUEST", "GetPatentPlease"));
        list.add(new Bad("unknown element under a known action", "GetServiceInfo",
                utf8(envelope(v, "<m:GetPatentPlease " + M + "/>")), "InvalidRequestFault", "INVALID_REQUEST"));
        list.add(new Bad("not well-formed XML", "GetServiceInfo",
                utf8("<env:Envelope xmlns:env=\"" + ns + "\"><env:Body><m:GetServiceInfo " + M + "></env:Body></env:Envelope>"),
                "InvalidRequestFault", "INVALID_REQUEST"));
        list.add(new Bad("not XML at all", "GetServiceInfo", utf8("GET /etc/passwd please"), "InvalidRequestFault", "INVALID_REQUEST"));
        list.add(new Bad("DOCTYPE with entity", "GetServiceInfo", utf8("<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x \"y\">]>"
                + envelope(v, "<m:GetServiceInfo " + M + "/>").substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".length())),
                "InvalidRequestFault", "INVALID_REQUEST", "DOCTYPE"));
        list.add(new Bad("nesting deeper than the StAX limit", "GetServiceInfo",
                utf8("<env:Envelope xmlns:env=\"" + ns + "\"><env:Header>" + deep + "</env:Header><env:Body><m:GetServiceInfo "
                        + M + "/></env:Body></env:Envelope>"), "InvalidRequestFault", "INVALID_REQUEST", "Depth limit (100)"));
        list.add(new Bad("schema-invalid: required element missing", "GetFamily",
                utf8(envelope(v, "<m:GetFamily " + M + "><m:number>1</m:number></m:GetFamily>")),
                "InvalidRequestFault", "INVALID_REQUEST", "office"));
        list.add(new Bad("schema-invalid: enumeration", "GetFamily", utf8(envelope(v, "<m:GetFamily " + M
                + "><m:office>EP</m:office><m:number>1</m:number><m:familyType>huge</m:familyType></m:GetFamily>")),
                "InvalidRequestFault", "INVALID_REQUEST"));
        list.add(new Bad("unknown office", "NormalizeNumber", utf8(envelope(v, "<m:NormalizeNumber " + M
                + "><m:office>QQ</m:office><m:number>123</m:number></m:NormalizeNumber>")),
                "UnknownOfficeFault", "UNKNOWN_OFFICE"));
        list.add(new Bad("garbage number", "GetFamily", utf8(envelope(v, "<m:GetFamily " + M
                + "><m:office>EP</m:office><m:number>%%garbage%%</m:number></m:GetFamily>")),
                "MalformedNumberFault", "MALFORMED_NUMBER"));
        return list;
    }

    static Stream<Arguments> soap11Cases() {
        return badRequests(Version.SOAP11).stream().map(Arguments::of);
    }

    static Stream<Arguments> soap12Cases() {
        return badRequests(Version.SOAP12).stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "SOAP 1.1: {0}")
    @MethodSource("soap11Cases")
    void soap11_port(Bad bad) {
        Document doc = SoapFaults.assertFault(post(server.soap11Url(), Version.SOAP11, bad.operation(), bad.payload()),
                Version.SOAP11, "Client", bad.detailElement(), bad.detailCode());
        assertHint(doc, bad);
        assertStillServes(server.soap11Url(), Version.SOAP11);
    }

    @ParameterizedTest(name = "SOAP 1.2: {0}")
    @MethodSource("soap12Cases")
    void soap12_port(Bad bad) {
        Document doc = SoapFaults.assertFault(post(server.soap12Url(), Version.SOAP12, bad.operation(), bad.payload()),
                Version.SOAP12, "Sender", bad.detailElement(), bad.detailCode());
        assertHint(doc, bad);
        assertStillServes(server.soap12Url(), Version.SOAP12);
    }

    @Test
    void soap12_envelope_on_the_soap11_port_gets_a_soap11_version_mismatch() {
        Document doc = SoapFaults.assertFault(post(server.soap11Url(), Version.SOAP12, "GetServiceInfo",
                utf8(envelope(Version.SOAP12, "<m:GetServiceInfo " + M + "/>"))),
                Version.SOAP11, "VersionMismatch", "InvalidRequestFault", "INVALID_REQUEST");
        assertThat(xpath(doc, "//m:InvalidRequestFault/m:message")).contains(server.soap12Url());
        assertStillServes(server.soap11Url(), Version.SOAP11);
    }

    @Test
    void soap11_envelope_on_the_soap12_port_gets_a_soap11_version_mismatch() {
        Document doc = SoapFaults.assertFault(post(server.soap12Url(), Version.SOAP11, "GetServiceInfo",
                utf8(envelope(Version.SOAP11, "<m:GetServiceInfo " + M + "/>"))),
                Version.SOAP11, "VersionMismatch", "InvalidRequestFault", "INVALID_REQUEST");
        assertThat(xpath(doc, "//m:InvalidRequestFault/m:message")).contains(server.soap11Url());
        assertStillServes(server.soap12Url(), Version.SOAP12);
    }

    @Test
    void wrong_soap_action_for_a_good_body() {
        SoapFaults.assertFault(post(server.soap11Url(), Version.SOAP11, "NoSuchAction",
                utf8(envelope(Version.SOAP11, "<m:GetServiceInfo " + M + "/>"))),
                Version.SOAP11, "Client", "InvalidRequestFault", "INVALID_REQUEST");
        assertStillServes(server.soap11Url(), Version.SOAP11);
    }

    @Test
    void request_larger_than_the_limit_with_content_length() {
        String padding = "<!--" + "x".repeat(SMALL_LIMIT) + "-->";
        for (Version v : Version.values()) {
            String url = v == Version.SOAP11 ? smallLimitServer.soap11Url() : smallLimitServer.soap12Url();
            Document doc = SoapFaults.assertFault(post(url, v, "GetServiceInfo",
                    utf8(envelope(v, padding + "<m:GetServiceInfo " + M + "/>"))),
                    v, v == Version.SOAP11 ? "Client" : "Sender", "InvalidRequestFault", "INVALID_REQUEST");
            assertThat(xpath(doc, "//m:InvalidRequestFault/m:message")).contains(String.valueOf(SMALL_LIMIT));
            assertStillServes(url, v);
        }
    }

    @Test
    void chunked_request_larger_than_the_limit() throws Exception {
        String padding = "<!--" + "x".repeat(SMALL_LIMIT * 2) + "-->";
        byte[] payload = utf8(envelope(Version.SOAP11, padding + "<m:GetServiceInfo " + M + "/>"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(smallLimitServer.soap11Url()))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"urn:dossierlink:service:1:GetServiceInfo\"")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(payload))).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        Document doc = SoapFaults.assertFault(response, Version.SOAP11, "Client", "InvalidRequestFault", "INVALID_REQUEST");
        assertThat(xpath(doc, "//m:InvalidRequestFault/m:message")).contains(String.valueOf(SMALL_LIMIT));
        assertStillServes(smallLimitServer.soap11Url(), Version.SOAP11);
    }

    private static void assertHint(Document doc, Bad bad) {
        if (bad.hint() != null) {
            assertThat(xpath(doc, "//m:" + bad.detailElement() + "/m:message")).contains(bad.hint());
        }
    }

    private static void assertStillServes(String url, Version v) {
        HttpResponse<String> r = RawSoap.call(url, v, "GetServiceInfo", "<m:GetServiceInfo " + M + "/>");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(xpath(RawSoap.parse(r.body()), "//m:GetServiceInfoResponse/m:product")).isEqualTo("dossierlink");
    }
}
