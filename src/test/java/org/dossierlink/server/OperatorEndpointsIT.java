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

import org.dossierlink.operator.NodeMetrics;
import org.dossierlink.operator.TimedDossierStore;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.testsupport.TestKeys;
import org.junit.jupiter.api.Test;

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
        JdbcDossierStore store = TestDossiers.seededStore();
        try (DossierServer server = new DossierServer(ServerOptions.defaults().withPort(0),
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

            HttpResponse<String> scrape = get(server.rootUrl() + "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            String after = scrape.body();
            assertThat(value(after, "dossierlink_requests_seconds_count", "operation=\"GetFamily\"", "outcome=\"ok\"",
                    "office=\"" + NodeMetrics.UNIDENTIFIED + "\"")).isEqualTo(familiesBefore + 3);
            assertThat(value(after, "dossierlink_requests_seconds_bucket", "operation=\"GetFamily\"", "outcome=\"ok\"",
                    "le=\"+Inf\"")).isEqualTo(familiesBefore + 3);
            assertThat(value(after, "dossierlink_request_errors_total", "operation=\"GetFamily\"", "kind=\"client_fault\""))
                    .isEqualTo(1);
            assertThat(value(after, "dossierlink_signing_seconds_count")).isGreaterThanOrEqualTo(3);
            assertThat(value(after, "dossierlink_store_query_seconds_count", "query=\"linksByPriorities\"")).isPositive();
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
        try (DossierServer server = new DossierServer(ServerOptions.defaults().withPort(0), TestDossiers.service(store),
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
