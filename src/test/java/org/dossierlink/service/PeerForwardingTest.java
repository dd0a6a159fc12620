package org.dossierlink.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.dossierlink.linkage.Peer;
import org.dossierlink.linkage.PeerAnswer;
import org.dossierlink.linkage.PeerStatus;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Reading a peer's verified family answer, on the thread that verified it. */
class PeerForwardingTest {

    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    private static final Peer PEER = new Peer("ep-net", URI.create("http://127.0.0.1:1/x"), TestKeys.ec().certificate(),
            Set.of("EP"), Duration.ofSeconds(1));

    private static Element parse(String xml) throws Exception {
        return SecureXml.documentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    private static final String ANSWER = "<msg:GetFamilyResponse xmlns:msg=\"urn:dossierlink:messages:1\""
            + " xmlns:dos=\"urn:dossierlink:dossier:1\" xmlns:ds=\"" + DS + "\" Id=\"dl-1\" memberCount=\"1\""
            + " partial=\"true\"><msg:query><msg:country>JP</msg:country><msg:number>2010100000</msg:number>"
            + "<msg:numberType>application</msg:numberType><msg:docdb>JP.2010100000</msg:docdb></msg:query>"
            + "<msg:familyType>simple</msg:familyType>"
            + "<msg:member node=\"ep-net\" queried=\"false\" dossierAvailable=\"false\">"
            + "<msg:application><dos:office>EP</dos:office><dos:number>11000000</dos:number></msg:application>"
            + "</msg:member>"
            + "<ds:Signature><ds:SignedInfo><ds:Reference URI=\"#dl-1\"/></ds:SignedInfo></ds:Signature>"
            + "</msg:GetFamilyResponse>";

    @Test
    void theSignatureIsTakenOutBeforeTheAnswerIsReadAndNothingElse() throws Exception {
        Element payload = parse(ANSWER);

        Element read = PeerForwarding.withoutSignature(payload);

        assertThat(read).isSameAs(payload);
        assertThat(payload.getElementsByTagNameNS(DS, "Signature").getLength()).isZero();
        assertThat(payload.getElementsByTagNameNS("urn:dossierlink:messages:1", "member").getLength()).isEqualTo(1);
        assertThat(payload.getAttribute("memberCount")).isEqualTo("1");
    }

    @Test
    void anAnsweredFamilyIsReadIntoWireObjects() throws Exception {
        PeerAnswer answered = new PeerAnswer(PEER, PeerStatus.ANSWERED, Duration.ofMillis(3), parse(ANSWER), Map.of(),
                null, "answered in 3 ms");

        PeerForwarding.FamilyReply reply = PeerForwarding.FamilyReply.of(answered);

        assertThat(reply.answer()).isSameAs(answered);
        assertThat(reply.read().getMember()).hasSize(1);
        assertThat(reply.read().getMember().get(0).getApplication().getOffice()).isEqualTo("EP");
        assertThat(reply.read().isPartial()).isTrue();
        assertThat(reply.read().getSignature()).as("the peer's signature is not carried on").isNull();
    }

    @Test
    void aPeerThatDidNotAnswerHasNoFamilyToRead() {
        PeerAnswer timedOut = new PeerAnswer(PEER, PeerStatus.TIMED_OUT, Duration.ofSeconds(1), null, null, null,
                "no answer within 1000 ms");

        PeerForwarding.FamilyReply reply = PeerForwarding.FamilyReply.of(timedOut);

        assertThat(reply.read()).isNull();
        assertThat(reply.failure()).isNull();
    }
}
