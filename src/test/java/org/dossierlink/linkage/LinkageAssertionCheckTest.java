package org.dossierlink.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The on-behalf-of assertion: signed by the forwarding node, accepted only as its configured peer signed it. */
class LinkageAssertionCheckTest {

    /** Now (the test keys are valid from a little before the run), fixed for the whole class. */
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static PayloadSigner signer(SigningKey key) {
        return new PayloadSigner(new SigningKeys(List.of(key), key.algorithm(), "test"), CLOCK);
    }

    private static LinkageAssertionCheck check(SigningKey peerKey) {
        Peers peers = new Peers("b", List.of(new Peer("a", URI.create("http://127.0.0.1:1/a"), peerKey.certificate(),
                Set.of("JP"), Duration.ofSeconds(1))), 3);
        return new LinkageAssertionCheck(peers, CLOCK, Duration.ofMinutes(5), VerificationLimits.defaults());
    }

    private static Element parsed(byte[] signed) throws Exception {
        return SecureXml.documentBuilder().parse(new ByteArrayInputStream(signed)).getDocumentElement();
    }

    private static LinkageAssertion assertion(String from, Instant issued) {
        return new LinkageAssertion(from, "AU", "req-1", issued, 2, List.of("a", "b", "c"));
    }

    @Test
    void a_signed_assertion_from_a_configured_peer_reads_back_as_sent() throws Exception {
        LinkageAssertion sent = assertion("a", NOW.minusSeconds(10));
        LinkageAssertion read = check(TestKeys.ec()).verify(parsed(sent.sign(signer(TestKeys.ec()))));
        assertThat(read).isEqualTo(sent);
        assertThat(read.onwardBudget()).isNull();
        LinkageAssertion budgeted = sent.withBudget(Duration.ofMillis(2000));
        LinkageAssertion readBudget = check(TestKeys.ec()).verify(parsed(budgeted.sign(signer(TestKeys.ec()))));
        assertThat(readBudget.budgetMillis()).isEqualTo(2000);
        assertThat(readBudget.onwardBudget()).isEqualTo(Duration.ofMillis(1600));
    }

    @Test
    void the_streamed_header_is_byte_for_byte_the_header_signed_through_a_dom() throws Exception {
        // RSA PKCS#1 v1.5 signs deterministically: with the same Id and signing time both ways give the same bytes
        PayloadSigner signer = signer(TestKeys.rsa());
        LinkageAssertion sent = new LinkageAssertion("a", "AU", "req <1> & \"2\"\u00e9", NOW, 2, List.of("a", "b"))
                .withBudget(Duration.ofMillis(1500));
        byte[] streamed = sent.sign(signer);
        String id = parsed(streamed).getAttribute(PayloadSigner.ID_ATTRIBUTE);
        assertThat(id).startsWith("dl-");

        org.w3c.dom.Document doc = SecureXml.newDocument();
        Element root = doc.createElementNS(LinkageAssertion.NS, "msg:Linkage");
        root.setAttributeNS(javax.xml.XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:msg", LinkageAssertion.NS);
        root.setAttributeNS(null, PayloadSigner.ID_ATTRIBUTE, id);
        doc.appendChild(root);
        String[][] fields = {{"fromNode", "a"}, {"office", "AU"}, {"requestId", sent.requestId()},
            {"issued", NOW.toString()}, {"hops", "2"}, {"visited", "a"}, {"visited", "b"}, {"budgetMillis", "1500"}};
        for (String[] f : fields) {
            Element e = doc.createElementNS(LinkageAssertion.NS, "msg:" + f[0]);
            e.setTextContent(f[1]);
            root.appendChild(e);
        }
        assertThat(new String(streamed, StandardCharsets.UTF_8))
                .isEqualTo(new String(signer.sign(root), StandardCharsets.UTF_8));
        Peers peers = new Peers("b", List.of(new Peer("a", URI.create("http://127.0.0.1:1/a"),
                TestKeys.rsa().certificate(), Set.of("JP"), Duration.ofSeconds(1))), 3);
        assertThat(new LinkageAssertionCheck(peers, CLOCK, Duration.ofMinutes(5), VerificationLimits.defaults())
                .verify(parsed(streamed))).isEqualTo(sent);
    }

    @Test
    void a_character_xml_cannot_hold_is_refused_with_a_clear_message() {
        LinkageAssertion bad = new LinkageAssertion("a", "AU", "req\u0001", NOW, 1, List.of("a"));
        assertThatThrownBy(() -> bad.sign(signer(TestKeys.ec()))).isInstanceOf(LinkageRefusedException.class)
                .hasMessageContaining("cannot write the Linkage header");
    }

    @Test
    void another_key_an_unknown_node_a_changed_field_a_stale_or_replayed_assertion_are_refused() throws Exception {
        LinkageAssertionCheck check = check(TestKeys.ec());
        byte[] byOtherKey = assertion("a", NOW).sign(signer(TestKeys.rsa()));
        assertThatThrownBy(() -> check.verify(parsed(byOtherKey))).isInstanceOf(LinkageRefusedException.class)
                .hasMessageContaining("not signed by its configured certificate");
        byte[] fromStranger = assertion("z", NOW).sign(signer(TestKeys.ec()));
        assertThatThrownBy(() -> check.verify(parsed(fromStranger))).hasMessageContaining("not a configured peer");
        String genuine = new String(assertion("a", NOW).sign(signer(TestKeys.ec())), StandardCharsets.UTF_8);
        byte[] otherOffice = genuine.replace(">AU<", ">JP<").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> check.verify(parsed(otherOffice))).hasMessageContaining("not signed by its configured");
        byte[] hopsReset = genuine.replace(":hops>2<", ":hops>0<").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> check.verify(parsed(hopsReset))).isInstanceOf(LinkageRefusedException.class);
        byte[] stale = assertion("a", NOW.minus(Duration.ofMinutes(6))).sign(signer(TestKeys.ec()));
        assertThatThrownBy(() -> check.verify(parsed(stale))).hasMessageContaining("outside");
        byte[] future = assertion("a", NOW.plus(Duration.ofMinutes(2))).sign(signer(TestKeys.ec()));
        assertThatThrownBy(() -> check.verify(parsed(future))).hasMessageContaining("outside");
        Element once = parsed(genuine.getBytes(StandardCharsets.UTF_8));
        check.verify(once);
        assertThatThrownBy(() -> check.verify(parsed(genuine.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("used before");
    }

    @Test
    void on_nodes_sharing_a_store_an_assertion_accepted_by_one_is_a_replay_at_the_other() throws Exception {
        java.util.Map<String, Instant> registry = new java.util.concurrent.ConcurrentHashMap<>();
        org.dossierlink.access.NonceRegistry shared = (nonce, expiry) -> registry.putIfAbsent(nonce, expiry) == null;
        Peers peers = new Peers("b", List.of(new Peer("a", URI.create("http://127.0.0.1:1/a"),
                TestKeys.ec().certificate(), Set.of("JP"), Duration.ofSeconds(1))), 3);
        LinkageAssertionCheck one = new LinkageAssertionCheck(peers, CLOCK, Duration.ofMinutes(5),
                VerificationLimits.defaults(), shared);
        LinkageAssertionCheck other = new LinkageAssertionCheck(peers, CLOCK, Duration.ofMinutes(5),
                VerificationLimits.defaults(), shared);
        byte[] signed = assertion("a", NOW).sign(signer(TestKeys.ec()));
        one.verify(parsed(signed));
        assertThatThrownBy(() -> other.verify(parsed(signed))).hasMessageContaining("used before");
        assertThat(registry.keySet()).singleElement().asString().startsWith("linkage:a/");
    }

    @Test
    void an_unsigned_assertion_is_refused() throws Exception {
        String unsigned = "<msg:Linkage xmlns:msg=\"urn:dossierlink:messages:1\" Id=\"x1\"><msg:fromNode>a</msg:fromNode>"
                + "<msg:office>AU</msg:office><msg:requestId>r</msg:requestId><msg:issued>" + NOW + "</msg:issued>"
                + "<msg:hops>1</msg:hops><msg:visited>a</msg:visited></msg:Linkage>";
        assertThatThrownBy(() -> check(TestKeys.ec()).verify(parsed(unsigned.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("not signed");
        assertThat(SignatureAlgorithm.ECDSA_P256_SHA256).isEqualTo(TestKeys.ec().algorithm());
    }
}
