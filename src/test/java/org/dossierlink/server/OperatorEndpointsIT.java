package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dossierlink.access.Caller;
import org.dossierlink.operator.NodeMetrics;
import org.dossierlink.operator.TimedDossierStore;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.RunningServer;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.testsupport.TestKeys;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** {@code /health}, {@code /health/ready} and {@code /metrics} of a real server, before and after real calls. */
class OperatorEndpointsIT {

    private static final String M = "xmlns:m=\"urn:dossierlink:messages:1\"";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void liveness_readiness_and_metrics_that_move_with_real_calls() throws Exception {
        NodeMetrics metrics = new NodeMetrics();
        org.dossierlink.testsupport.TestDialects.converter()
                .observe((from, to, nanos) -> metrics.conversion(from.wireName(), to.wireName(), nanos));
        JdbcDossierStore store = TestDossiers.seededStore();
        try (DossierServer server = new DossierServer(ServerOptions.demo().withPort(0),
                TestDossiers.service(new TimedDossierStore(store, metrics)), TestKeys.signer(), metrics).start()) {
            HttpResponse<String> live = get(server.rootUrl() + "/health");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(live.body()).contains("\"status\":\"UP\"");

            HttpResponse<String> ready = get(server.rootUrl() + "/health/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains("\"store\":{\"status\":\"UP\"", "\"stylesheets\":{\"status\":\"UP\"",
                    "\"signing-key\":{\"status\":\"UP\",\"detail\":\"'test-rsa' rsa-sha256, valid until ");

            String before = get(server.rootUrl() + "/metrics").body();
            double familiesBefore = value(before, "dossierlink_requests_seconds_count", "operation=\"GetFamily\"", "outcome=\"ok\"");

            for (int i = 0; i < 3; i++) {
                assertThat(RawSoap.call(server.soap11Url(), Version.SOAP11, "GetFamily", "<m:GetFamily " + M
                        + "><m:office>EP</m:office><m:number>EP 10167109</m:number></m:GetFamily>").statusCode()).isEqualTo(200);
            }
            assertThat(RawSoap.call(server.soap12Url(), Version.SOAP12, "GetFamily", "<m:GetFamily " + M
                    + "><m:office>ZZ</m:office><m:number>1</m:number></m:GetFamily>").statusCode()).isEqualTo(500);

            assertThat(RawSoap.call(server.soap11Url(), Version.SOAP11, "GetBibliographicData", "<m:GetBibliographicData " + M
                    + "><m:office>EP</m:office><m:applicationNumber>10167109</m:applicationNumber><m:dialect>st96</m:dialect>"
                    + "</m:GetBibliographicData>").statusCode()).isEqualTo(200);

            HttpResponse<String> scrape = get(server.rootUrl() + "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            String after = scrape.body();
            assertThat(value(after, "dossierlink_requests_seconds_count", "operation=\"GetFamily\"", "outcome=\"ok\"",
                    "office=\"" + Caller.DEMO_OFFICE + "\"")).isEqualTo(familiesBefore + 3);
            assertThat(value(after, "dossierlink_requests_seconds_bucket", "operation=\"GetFamily\"", "outcome=\"ok\"",
                    "le=\"+Inf\"")).isEqualTo(familiesBefore + 3);
            assertThat(value(after, "dossierlink_request_errors_total", "operation=\"GetFamily\"", "kind=\"client_fault\""))
                    .isEqualTo(1);
            assertThat(value(after, "dossierlink_signing_seconds_count")).isGreaterThanOrEqualTo(3);
            assertThat(value(after, "dossierlink_store_query_seconds_count", "query=\"linksByPriorities\"")).isPositive();
            assertThat(value(after, "dossierlink_conversion_seconds_count", "from=\"canonical\"", "to=\"st96\"")).isPositive();
            assertThat(value(after, "jvm_memory_used_bytes", "area=\"heap\"")).isPositive();
            assertThat(value(after, "jetty_threads_current")).isPositive();
        }
    }

    @Test
    void readiness_is_503_and_says_why_when_the_store_is_gone_or_no_key_signs() throws Exception {
        Instant now = Instant.now();
        SigningKeys futureOnly = new SigningKeys(List.of(SelfSignedKeys.generate("next", SignatureAlgorithm.ECDSA_P256_SHA256,
                "CN=next", now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(30)))),
                SignatureAlgorithm.ECDSA_P256_SHA256, "test keystore");
        JdbcDossierStore store = TestDossiers.seededStore();
        try (DossierServer server = new DossierServer(ServerOptions.demo().withPort(0), TestDossiers.service(store),
                new PayloadSigner(futureOnly)).start()) {
            store.close();
            HttpResponse<String> ready = get(server.rootUrl() + "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).startsWith("{\"status\":\"DOWN\"")
                    .contains("\"store\":{\"status\":\"DOWN\"")
                    .contains("\"signing-key\":{\"status\":\"DOWN\",\"detail\":\"test keystore holds no ecdsa-p256-sha256 key valid at ");
            assertThat(get(server.rootUrl() + "/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void every_request_gets_an_id_in_its_header_its_fault_detail_and_one_json_log_line_without_payload() throws Exception {
        ListAppender<ILoggingEvent> requests = new ListAppender<>();
        ListAppender<ILoggingEvent> everything = new ListAppender<>();
        Logger requestLog = (Logger) LoggerFactory.getLogger("dossierlink.requests");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        requests.start();
        everything.start();
        requestLog.addAppender(requests);
        root.addAppender(everything);
        String secret = "password=Tr0ub4dor-never-logged";
        try (DossierServer server = RunningServer.start()) {
            HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(URI.create(server.soap11Url()))
                    .header("Content-Type", "text/xml; charset=UTF-8")
                    .header("SOAPAction", "\"urn:dossierlink:service:1:GetDocument\"")
                    .header("X-Request-Id", "office-ticket-42")
                    .POST(HttpRequest.BodyPublishers.ofString(RawSoap.envelope(Version.SOAP11, "<m:GetDocument " + M
                            + "><m:office>EP</m:office><m:applicationNumber>10167109</m:applicationNumber><m:documentId>"
                            + TestDossiers.XML_DOC_ID + "</m:documentId></m:GetDocument>"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-Request-Id")).contains("office-ticket-42");

            HttpResponse<String> fault = RawSoap.call(server.soap12Url(), Version.SOAP12, "GetFamily", "<m:GetFamily " + M
                    + "><m:office>ZZ</m:office><m:number>1</m:number></m:GetFamily>");
            String id = fault.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(id).matches("[0-9a-f-]{36}");
            assertThat(RawSoap.xpath(RawSoap.parse(fault.body()), "//m:UnknownOfficeFault/m:requestId")).isEqualTo(id);

            String document = java.util.Base64.getEncoder().encodeToString(("<dos:dossier xmlns:dos=\"urn:dossierlink:dossier:1\">"
                    + "<!-- " + secret + " --></dos:dossier>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(RawSoap.call(server.soap11Url(), Version.SOAP11, "ValidateDossier", "<m:ValidateDossier " + M
                    + "><m:document>" + document + "</m:document><m:fileName>upload.xml</m:fileName></m:ValidateDossier>")
                    .statusCode()).isEqualTo(200);
        } finally {
            requestLog.detachAppender(requests);
            root.detachAppender(everything);
        }
        List<String> lines = requests.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("{\"time\":\"").contains("\"requestId\":\"office-ticket-42\"",
                "\"office\":\"DEMO\"", "\"operation\":\"GetDocument\"",
                "\"target\":\"EP 10167109 " + TestDossiers.XML_DOC_ID + "\"", "\"outcome\":\"ok\"", "\"durationMs\":")
                .endsWith("}");
        assertThat(lines.get(1)).contains("\"operation\":\"GetFamily\"", "\"target\":\"ZZ 1\"",
                "\"outcome\":\"client_fault\"", "\"faultCode\":\"UNKNOWN_OFFICE\"");
        assertThat(lines.get(2)).contains("\"operation\":\"ValidateDossier\"", "\"target\":\"upload.xml\"");
        // no payload and no secret anywhere in the logs: not the document's text, not the password in it
        String searchReportText = new String(TestDossiers.SEARCH_REPORT_XML, java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("(?s)<[^>]*>", " ").trim().split("\\s{2,}")[0];
        assertThat(searchReportText).isNotBlank();
        for (ILoggingEvent event : java.util.stream.Stream.concat(requests.list.stream(), everything.list.stream()).toList()) {
            assertThat(event.getFormattedMessage()).doesNotContain(secret).doesNotContain("Tr0ub4dor")
                    .doesNotContain(searchReportText);
        }
    }

    /** The sum of the samples of {@code metric} whose labels contain every one of {@code labels}. */
    private static double value(String scrape, String metric, String... labels) {
        double sum = 0;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*})?\\s+(\\S+)$").matcher(scrape);
        while (m.find()) {
            String l = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= l.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
