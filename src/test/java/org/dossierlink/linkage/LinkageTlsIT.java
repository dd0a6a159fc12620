package org.dossierlink.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossierlink.testsupport.RawSoap.xpath;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.dossierlink.operator.NodeMetrics;
import org.dossierlink.server.AccessControl;
import org.dossierlink.server.DossierServer;
import org.dossierlink.server.ServerOptions;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.testsupport.TestOffices;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * A peer served over HTTPS (a production node: TLS, every call authenticated): the forwarding node reaches
 * it with the peer's TLS certificate pinned, and the peer takes the signed Linkage header as the forwarding
 * node's authentication. Without the pin, the self-signed certificate is not trusted and the peer is
 * unreachable.
 */
class LinkageTlsIT {

    private static SigningKey key(String name) {
        return SelfSignedKeys.generate(name, SignatureAlgorithm.ECDSA_P256_SHA256, "CN=" + name, Duration.ofDays(30));
    }

    private static DossierServer node(JdbcDossierStore store, SigningKey key, ServerOptions options) {
        Clock clock = Clock.systemUTC();
        return new DossierServer(options, TestDossiers.service(store), new PayloadSigner(new SigningKeys(List.of(key),
                key.algorithm(), key.alias())), new NodeMetrics(), TestOffices.access(clock));
    }

    private static HttpResponse<String> call(DossierServer server, String office, String operation, String body) {
        String header = "<m:CallingOffice xmlns:m=\"urn:dossierlink:messages:1\">" + office + "</m:CallingOffice>";
        return RawSoap.post(server.soap11Url(), Version.SOAP11, operation,
                RawSoap.envelope(Version.SOAP11, header, body).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void an_https_peer_is_reached_with_its_pinned_certificate_and_authenticates_the_forwarding_node() throws Exception {
        SigningKey jp = key("jp-net");
        SigningKey ep = key("ep-net");
        try (JdbcDossierStore epStore = TestDossiers.seededStore(); JdbcDossierStore jpStore = TestDossiers.seededStore()) {
            DossierServer secured = node(epStore, ep, TestOffices.securedOptions()).linkTo(new Peers("ep-net", List.of(
                    new Peer("jp-net", URI.create("http://127.0.0.1:9/services/dossier"), jp.certificate(), Set.of("JP"),
                            Duration.ofSeconds(2))), 3)).start();
            Peer pinned = new Peer("ep-net", URI.create(secured.soap11Url()), ep.certificate(), Set.of("EP"),
                    Duration.ofSeconds(5), TestOffices.serverTls().certificate());
            Peer unpinned = new Peer("ep-net", URI.create(secured.soap11Url()), ep.certificate(), Set.of("EP"),
                    Duration.ofSeconds(5));
            try (secured;
                 DossierServer linked = node(jpStore, jp, ServerOptions.demo().withPort(0))
                         .linkTo(new Peers("jp-net", List.of(pinned), 3)).start();
                 DossierServer trustsNoSelfSigned = node(jpStore, jp, ServerOptions.demo().withPort(0))
                         .linkTo(new Peers("jp-net", List.of(unpinned), 3)).start()) {
                String list = "<m:GetDocumentList xmlns:m=\"urn:dossierlink:messages:1\"><m:office>EP</m:office>"
                        + "<m:applicationNumber>10167109</m:applicationNumber></m:GetDocumentList>";
                HttpResponse<String> r = call(linked, "JP", "GetDocumentList", list);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                Document d = RawSoap.parse(r.body());
                assertThat(xpath(d, "//m:GetDocumentListResponse/m:proxied/@node")).isEqualTo("ep-net");
                assertThat(secured.soap11Url()).startsWith("https://");

                HttpResponse<String> family = call(trustsNoSelfSigned, "JP", "GetFamily",
                        "<m:GetFamily xmlns:m=\"urn:dossierlink:messages:1\"><m:office>JP</m:office>"
                                + "<m:number>2010-123456</m:number></m:GetFamily>");
                Document f = RawSoap.parse(family.body());
                assertThat(xpath(f, "//m:GetFamilyResponse/@partial")).as(family.body()).isEqualTo("true");
                assertThat(xpath(f, "//m:peer[@name='ep-net']/@status")).isEqualTo("unreachable");
                assertThat(xpath(f, "//m:peer[@name='ep-net']/@detail")).contains("no TLS connection");
            }
        }
    }
}
