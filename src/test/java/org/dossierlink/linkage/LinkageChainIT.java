package org.dossierlink.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossierlink.testsupport.RawSoap.xpath;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.dossierlink.access.Quota;
import org.dossierlink.access.QuotaLedger;
import org.dossierlink.dossier.Dossier;
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
import org.dossierlink.store.StoreConfig;
import org.dossierlink.testsupport.PeerWire;
import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.testsupport.TestOffices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * A chain jp-net - ep-net - cn-net (jp-net does not know cn-net): the family reaches cn-net through ep-net.
 * When cn-net is slow, ep-net gives it only part of the time jp-net waits for ep-net (the budget in the
 * signed Linkage header), and answers in time with its own members: jp-net's answer is partial, keeps
 * ep-net's members and says that cn-net timed out.
 */
class LinkageChainIT {

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    private DossierServer node(String name, SigningKey key, List<Dossier> held, List<Peer> peers) throws Exception {
        JdbcDossierStore store = JdbcDossierStore.open(StoreConfig.h2Url(dir.resolve(name)), null, null);
        open.add(store);
        store.saveAll(held);
        Clock clock = Clock.systemUTC();
        DossierServer server = new DossierServer(ServerOptions.demo().withPort(0), TestDossiers.service(store),
                new PayloadSigner(new SigningKeys(List.of(key), key.algorithm(), name)), new NodeMetrics(),
                new AccessControl(TestOffices.offices(), new QuotaLedger(o -> Quota.UNLIMITED, clock),
                        AccessControl.DEFAULT_TOKEN_TTL, clock, AccessControl.NO_AUDIT))
                .linkTo(new Peers(name, peers, Peers.DEFAULT_MAX_HOPS)).start();
        open.add(0, server);
        return server;
    }

    private static Peer peer(String name, PeerWire wire, SigningKey key, Duration timeout, String... offices) {
        return new Peer(name, URI.create(wire.url() + "/services/dossier"), key.certificate(), Set.of(offices), timeout);
    }

    @Test
    void a_slow_node_two_hops_away_costs_the_middle_node_its_budget_not_the_callers_whole_timeout() throws Exception {
        SigningKey jp = SelfSignedKeys.generate("jp", SignatureAlgorithm.ECDSA_P256_SHA256, "CN=jp-net", Duration.ofDays(3));
        SigningKey ep = SelfSignedKeys.generate("ep", SignatureAlgorithm.ECDSA_P256_SHA256, "CN=ep-net", Duration.ofDays(3));
        SigningKey cn = SelfSignedKeys.generate("cn", SignatureAlgorithm.ECDSA_P256_SHA256, "CN=cn-net", Duration.ofDays(3));
        try (PeerWire toJp = PeerWire.open(); PeerWire toEp = PeerWire.open(); PeerWire toCn = PeerWire.open()) {
            Duration jpWaits = Duration.ofSeconds(3);
            DossierServer jpNet = node("jp-net", jp, List.of(TestDossiers.JP),
                    List.of(peer("ep-net", toEp, ep, jpWaits, "EP", "US")));
            // ep-net would wait longer for cn-net than jp-net waits for ep-net
            DossierServer epNet = node("ep-net", ep, List.of(TestDossiers.EP, TestDossiers.US),
                    List.of(peer("jp-net", toJp, jp, jpWaits, "JP"), peer("cn-net", toCn, cn, Duration.ofSeconds(10), "CN")));
            DossierServer cnNet = node("cn-net", cn, List.of(TestDossiers.CN),
                    List.of(peer("ep-net", toEp, ep, jpWaits, "EP", "US")));
            toJp.connect(jpNet.rootUrl());
            toEp.connect(epNet.rootUrl());
            toCn.connect(cnNet.rootUrl());
            String family = "<m:GetFamily xmlns:m=\"urn:dossierlink:messages:1\"><m:office>JP</m:office>"
                    + "<m:number>2010-123456</m:number><m:familyType>extended</m:familyType></m:GetFamily>";
            String envelope = RawSoap.envelope(Version.SOAP11, "<m:CallingOffice xmlns:m=\"urn:dossierlink:messages:1\">GB"
                    + "</m:CallingOffice>", family);

            // healthy: the family comes whole, cn-net's member through ep-net
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Document whole;
            do {
                whole = RawSoap.parse(RawSoap.post(jpNet.soap11Url(), Version.SOAP11, "GetFamily",
                        envelope.getBytes(StandardCharsets.UTF_8)).body());
            } while (!xpath(whole, "//m:GetFamilyResponse/@memberCount").equals("4") && System.nanoTime() < deadline);
            assertThat(xpath(whole, "//m:member[m:application/d:office='CN']/@node")).isEqualTo("cn-net");
            assertThat(xpath(whole, "//m:GetFamilyResponse/@partial")).isIn("", "false");

            toCn.slow(Duration.ofSeconds(12));
            long start = System.nanoTime();
            HttpResponse<String> r = RawSoap.post(jpNet.soap11Url(), Version.SOAP11, "GetFamily",
                    envelope.getBytes(StandardCharsets.UTF_8));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Document d = RawSoap.parse(r.body());
            assertThat(took).as(r.body()).isLessThan(jpWaits.plusMillis(1500));
            assertThat(xpath(d, "//m:GetFamilyResponse/@partial")).isEqualTo("true");
            assertThat(xpath(d, "//m:peer[@name='ep-net']/@status")).as(r.body()).isEqualTo("answered");
            assertThat(xpath(d, "//m:peer[@name='cn-net']/@status")).as(r.body()).isEqualTo("timed-out");
            assertThat(xpath(d, "count(//m:member[@node='ep-net'])")).isEqualTo("2");
            assertThat(xpath(d, "count(//m:member[@node='cn-net'])")).isEqualTo("0");
        } finally {
            for (AutoCloseable c : open) {
                c.close();
            }
        }
    }
}
