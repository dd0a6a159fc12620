package org.dossierlink.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dossierlink.signature.SignatureFixtures.DS;
import static org.dossierlink.signature.SignatureFixtures.ECDSA_SHA256;
import static org.dossierlink.signature.SignatureFixtures.ENVELOPED;
import static org.dossierlink.signature.SignatureFixtures.EXC_C14N;
import static org.dossierlink.signature.SignatureFixtures.PAT;
import static org.dossierlink.signature.SignatureFixtures.PAYLOAD_ID;
import static org.dossierlink.signature.SignatureFixtures.RSA_SHA256;
import static org.dossierlink.signature.SignatureFixtures.SHA256;
import static org.dossierlink.signature.SignatureFixtures.SIGNED_APPLICANT;
import static org.dossierlink.signature.SignatureFixtures.SIGNED_FEE;
import static org.dossierlink.signature.SignatureFixtures.STATUS;
import static org.dossierlink.signature.SignatureFixtures.all;
import static org.dossierlink.signature.SignatureFixtures.assertRejected;
import static org.dossierlink.signature.SignatureFixtures.ds;
import static org.dossierlink.signature.SignatureFixtures.one;
import static org.dossierlink.signature.SignatureFixtures.parse;
import static org.dossierlink.signature.SignatureFixtures.payloadDocument;
import static org.dossierlink.signature.SignatureFixtures.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.xml.security.c14n.Canonicalizer;
import org.dossierlink.Corpus;
import org.dossierlink.signature.SignatureRejectedException.Problem;
import org.dossierlink.signature.SigningKeys.Status;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class PayloadSignerTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    private static SigningKeys ecKeys() {
        return new SigningKeys(List.of(TestKeys.ec()), SignatureAlgorithm.ECDSA_P256_SHA256, "EC test keys");
    }

    /** Signs the payload test vector and returns the bytes PayloadSigner hands out. */
    private static byte[] signPayload(PayloadSigner signer) {
        Document doc = payloadDocument();
        return signer.sign(doc.getDocumentElement());
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void rsaRoundTrip() {
        byte[] signed = signPayload(new PayloadSigner(TestKeys.keys(), at(NOW)));

        Document received = parse(signed);
        VerifiedSignature v = SignatureFixtures.verifier().verify(received);

        assertThat(v.signedElement()).isSameAs(received.getDocumentElement());
        assertThat(v.signer()).isEqualTo(TestKeys.rsa().certificate());
        assertThat(v.signatureAlgorithm()).isEqualTo(RSA_SHA256);
        assertThat(text(v.signedElement(), "Applicant")).isEqualTo(SIGNED_APPLICANT);
        assertThat(text(v.signedElement(), "Fee")).isEqualTo(SIGNED_FEE);
    }

    @Test
    void ecdsaP256RoundTrip() {
        byte[] signed = signPayload(new PayloadSigner(ecKeys(), at(NOW)));

        Document received = parse(signed);
        VerifiedSignature v = SignatureFixtures.verifier().verify(received);

        assertThat(v.signedElement()).isSameAs(received.getDocumentElement());
        assertThat(v.signer()).isEqualTo(TestKeys.ec().certificate());
        assertThat(v.signatureAlgorithm()).isEqualTo(ECDSA_SHA256);
        assertThat(ds(received, "SignatureMethod").getAttribute("Algorithm")).isEqualTo(ECDSA_SHA256);
        // XML-DSig ECDSA values are r || s (RFC 4050 / xmldsig-more), 2 x 32 bytes for P-256, not DER
        byte[] value = Base64.getMimeDecoder().decode(ds(received, "SignatureValue").getTextContent());
        assertThat(value).hasSize(64);
    }

    @Test
    void ecdsaSignatureDoesNotVerifyUnderTheRsaCertificate() {
        Document received = parse(signPayload(new PayloadSigner(ecKeys(), at(NOW))));
        // trust only the RSA key: the EC certificate in KeyInfo is then unknown
        TrustedCertificates rsaOnly = new TrustedCertificates(List.of(TestKeys.rsa().certificate()), "RSA only");

        assertRejected(() -> SignatureFixtures.verifier(rsaOnly).verify(received), Problem.UNKNOWN_KEY,
                "dossierlink test node EC", "RSA only");
    }

    @Test
    void returnedBytesAreTheCanonicalFormAndVerifyAsTheyAre() throws Exception {
        byte[] signed = signPayload(new PayloadSigner(TestKeys.keys(), at(NOW)));
        String text = new String(signed, StandardCharsets.UTF_8);

        assertThat(text).startsWith("<pat:GetDossierResponse ").doesNotStartWith("<?xml");
        // canonical: canonicalizing the parsed bytes again gives the very same bytes
        Document received = parse(signed);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS)
                .canonicalizeSubtree(received.getDocumentElement(), "st", again);
        assertThat(again.toByteArray()).isEqualTo(signed);

        assertThat(SignatureFixtures.verifier().verify(received).signedElement()).isSameAs(received.getDocumentElement());
    }

    /**
     * The payload is canonicalized once and the signature spliced in before its end tag: the result must
     * be the canonical form of the signed element, for real office documents and for payloads whose own
     * prefixes (ds, dl, ec, or in the PrefixList) make the signer canonicalize the whole element instead.
     */
    @ParameterizedTest
    @ValueSource(strings = {"epo-ops/responses/biblio_EP2400812A1.xml", "uspto/redbook-samples/US08926509.xml",
            "st96/examples/PatentPublication_Example.xml", "jpo/jp-gazette-st36/jp_example4.xml",
            "<r xmlns='urn:r'><ds:x xmlns:ds='urn:not-dsig'>a</ds:x></r>",
            "<ds:r xmlns:ds='urn:not-dsig'><ds:x>a</ds:x></ds:r>",
            "<r xmlns='urn:r' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xmlns:ec='urn:e'><x xsi:type='ec:T'/></r>",
            "<r xmlns:dl='urn:d' dl:a='1'>&#xD;&lt;&amp;</r>"})
    void theBytesAreTheCanonicalFormOfTheSignedElement(String source) throws Exception {
        Document doc = source.startsWith("<") ? parse(source) : SecureXml.documentBuilder().parse(Corpus.file(source).toFile());
        Element payload = doc.getDocumentElement();
        String prefixes = PayloadSigner.qnamePrefixes(payload);
        boolean spliced = PayloadSigner.spliceable(payload, prefixes);
        assertThat(spliced).isEqualTo(source.startsWith("<") ? source.startsWith("<r xmlns='urn:r'><ds") : true);

        byte[] signed = new PayloadSigner(TestKeys.keys(), at(NOW)).sign(payload);

        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS)
                .canonicalizeSubtree(payload, prefixes.isEmpty() ? null : prefixes, whole);
        assertThat(new String(signed, StandardCharsets.UTF_8)).isEqualTo(whole.toString(StandardCharsets.UTF_8));
        Document received = parse(signed);
        assertThat(SignatureFixtures.verifier().verify(received).signedElement()).isSameAs(received.getDocumentElement());
    }

    @Test
    void bytesOfAPayloadSignedInsideAnEnvelopeStandAlone() {
        // the xsi:type prefix st and the payload's own prefix are declared on the soap:Envelope, not on the payload
        Document envelope = SignatureFixtures.envelope();
        Element payload = SignatureVerifier.payloadOf(envelope);
        assertThat(payload.hasAttribute("xmlns:st")).isFalse();

        byte[] signed = TestKeys.signer().sign(payload);

        Document standalone = parse(signed);
        assertThat(standalone.getDocumentElement().getLocalName()).isEqualTo("GetDossierResponse");
        assertThat(standalone.getDocumentElement().getAttribute("xmlns:st")).isEqualTo(STATUS);
        assertThat(SignatureFixtures.verifier().verify(standalone).signedElement())
                .isSameAs(standalone.getDocumentElement());
        // and the envelope the payload was signed in verifies too
        Document receivedEnvelope = SignatureFixtures.reparse(envelope);
        assertThat(SignatureFixtures.verifier().verify(receivedEnvelope).signedElement())
                .isSameAs(SignatureVerifier.payloadOf(receivedEnvelope));
    }

    // ------------------------------------------------------------------ shape of the signature

    @Test
    void keepsTheIdThePayloadAlreadyHas() {
        Document doc = payloadDocument();
        Element payload = doc.getDocumentElement();

        new PayloadSigner(TestKeys.keys(), at(NOW)).sign(payload);

        assertThat(payload.getAttributeNS(null, "Id")).isEqualTo(PAYLOAD_ID);
        assertThat(firstReference(doc).getAttribute("URI")).isEqualTo("#" + PAYLOAD_ID);
    }

    @Test
    void givesAPayloadWithoutIdAFreshIdAndReferencesIt() {
        Document doc = payloadDocument();
        Element payload = doc.getDocumentElement();
        payload.removeAttributeNS(null, "Id");

        byte[] signed = new PayloadSigner(TestKeys.keys(), at(NOW)).sign(payload);

        String id = payload.getAttributeNS(null, "Id");
        assertThat(id).startsWith("dl-").hasSizeGreaterThan(10);
        assertThat(firstReference(doc).getAttribute("URI")).isEqualTo("#" + id);
        Document received = parse(signed);
        assertThat(received.getDocumentElement().getAttributeNS(null, "Id")).isEqualTo(id);
        assertThat(SignatureFixtures.verifier().verify(received).elementName()).contains("Id=\"" + id + "\"");
    }

    @Test
    void signedInfoUsesExclusiveC14nSha256AndReferencesThePayloadById() {
        Document doc = parse(signPayload(new PayloadSigner(TestKeys.keys(), at(NOW))));
        Element payload = doc.getDocumentElement();
        Element signature = ds(doc, "Signature");
        Element signedInfo = ds(doc, "SignedInfo");

        assertThat(signature.getParentNode()).as("enveloped: a child of the payload").isSameAs(payload);
        assertThat(ds(signedInfo, "CanonicalizationMethod").getAttribute("Algorithm")).isEqualTo(EXC_C14N);
        assertThat(ds(signedInfo, "SignatureMethod").getAttribute("Algorithm")).isEqualTo(RSA_SHA256);

        List<Element> references = all(signedInfo, DS, "Reference");
        assertThat(references).hasSize(2);
        for (Element r : references) {
            assertThat(ds(r, "DigestMethod").getAttribute("Algorithm")).as("digest of %s", r.getAttribute("URI"))
                    .isEqualTo(SHA256);
        }
        Element payloadRef = references.get(0);
        assertThat(payloadRef.getAttribute("URI")).isEqualTo("#" + payload.getAttribute("Id"));
        assertThat(all(payloadRef, DS, "Transform")).extracting(t -> t.getAttribute("Algorithm"))
                .containsExactly(ENVELOPED, EXC_C14N);

        Element propertiesRef = references.get(1);
        assertThat(propertiesRef.getAttribute("Type")).isEqualTo(DS + "SignatureProperties");
        Element properties = ds(signature, "SignatureProperties");
        assertThat(propertiesRef.getAttribute("URI")).isEqualTo("#" + properties.getAttribute("Id"));
        assertThat(properties.getParentNode().getLocalName()).isEqualTo("Object");
        assertThat(ds(properties, "SignatureProperty").getAttribute("Target"))
                .isEqualTo("#" + signature.getAttribute("Id"));

        X509Certificate inKeyInfo = Certificates.fromDer(
                Base64.getMimeDecoder().decode(ds(ds(signature, "KeyInfo"), "X509Certificate").getTextContent()));
        assertThat(inKeyInfo).isEqualTo(TestKeys.rsa().certificate());
    }

    // ------------------------------------------------------------------ QName prefixes

    @Test
    void prefixListNamesTheXsiTypePrefix() {
        Document doc = parse(signPayload(new PayloadSigner(TestKeys.keys(), at(NOW))));

        Element inclusive = one(firstReference(doc), EXC_C14N, "InclusiveNamespaces");
        assertThat(inclusive.getAttribute("PrefixList")).isEqualTo("st");
        // the properties reference has no QName content and no PrefixList
        assertThat(all(all(doc, DS, "Reference").get(1), EXC_C14N, "InclusiveNamespaces")).isEmpty();
    }

    @Test
    void theBindingOfTheXsiTypePrefixIsSigned() {
        String signed = new String(signPayload(new PayloadSigner(TestKeys.keys(), at(NOW))), StandardCharsets.UTF_8);
        String rebound = signed.replace("xmlns:st=\"" + STATUS + "\"", "xmlns:st=\"urn:attacker:status\"");
        assertThat(rebound).isNotEqualTo(signed);

        assertRejected(() -> SignatureFixtures.verifier().verify(parse(rebound)), Problem.DIGEST_MISMATCH,
                "'#" + PAYLOAD_ID + "'", "changed after it was signed");
    }

    @Test
    void theBindingOfAnXsiTypePrefixDeclaredOnTheEnvelopeIsSigned() {
        Document envelope = SignatureFixtures.signedEnvelope();
        assertThat(SignatureFixtures.verifier().verify(envelope)).isNotNull();

        envelope.getDocumentElement().setAttribute("xmlns:st", "urn:attacker:status");
        Document received = SignatureFixtures.reparse(envelope);

        assertRejected(() -> SignatureFixtures.verifier().verify(received), Problem.DIGEST_MISMATCH,
                "'#" + PAYLOAD_ID + "'", "changed after it was signed");
    }

    @Test
    void withoutAPrefixListExclusiveC14nWouldNotSignTheBinding() {
        // the reason for the PrefixList: the same payload signed with plain exc-c14n accepts a rebinding of st
        Document envelope = SignatureFixtures.envelope();
        Element payload = SignatureVerifier.payloadOf(envelope);
        SignatureFixtures.santuario().signInto(payload);
        Document received = SignatureFixtures.reparse(envelope);
        received.getDocumentElement().setAttribute("xmlns:st", "urn:attacker:status");
        Document rebound = SignatureFixtures.reparse(received);

        VerifiedSignature v = SignatureFixtures.verifier().verify(rebound);
        assertThat(one(v.signedElement(), PAT, "Status").lookupNamespaceURI("st")).isEqualTo("urn:attacker:status");
    }

    @Test
    void qnamePrefixesCollectsXsiTypePrefixesAndTheDefaultNamespace() {
        Document doc = parse("""
                <r xmlns="urn:d" xmlns:a="urn:a" xmlns:b="urn:b" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <c xsi:type="b:T"/><c xsi:type=" a:U "/><c xsi:type="V"/><c type="z:NotXsi"/>
                </r>""");
        assertThat(PayloadSigner.qnamePrefixes(doc.getDocumentElement())).isEqualTo("#default a b");

        Document plain = parse("<r xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'><c xsi:type='V'/></r>");
        assertThat(PayloadSigner.qnamePrefixes(plain.getDocumentElement())).isEmpty();
    }

    @Test
    void unprefixedXsiTypeSignsTheDefaultNamespaceBinding() {
        Document doc = parse("""
                <r xmlns="urn:dossierlink:test:default" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
                Id="r-1"><c xsi:type="Granted">granted</c></r>""");
        String signed = new String(TestKeys.signer().sign(doc.getDocumentElement()), StandardCharsets.UTF_8);
        assertThat(signed).contains("PrefixList=\"#default\"");
        assertThat(SignatureFixtures.verifier().verify(parse(signed))).isNotNull();

        String rebound = signed.replace("xmlns=\"urn:dossierlink:test:default\"", "xmlns=\"urn:attacker\"");
        assertRejected(() -> SignatureFixtures.verifier().verify(parse(rebound)), Problem.DIGEST_MISMATCH, "'#r-1'");
    }

    // ------------------------------------------------------------------ signing time

    @Test
    void signingTimeIsTheClockInstant() {
        Instant t = NOW.minus(Duration.ofMinutes(7));
        Document received = parse(signPayload(new PayloadSigner(TestKeys.keys(), at(t))));

        VerifiedSignature v = SignatureFixtures.verifier().verify(received);

        assertThat(v.signingTime()).isEqualTo(t);
        assertThat(one(received, "urn:dossierlink:signature:1", "SigningTime").getTextContent()).isEqualTo(t.toString());
        assertThat(v.describe()).contains("signed at " + t);
    }

    @Test
    void signingTimeIsStatedToTheMillisecond() {
        Instant t = NOW.minus(Duration.ofMinutes(3)).plusNanos(123_456);
        Document received = parse(signPayload(new PayloadSigner(TestKeys.keys(), at(t))));

        assertThat(SignatureFixtures.verifier().verify(received).signingTime()).isEqualTo(t.truncatedTo(ChronoUnit.MILLIS));
    }

    // ------------------------------------------------------------------ key rotation

    private static SigningKey ecKey(String alias, Instant notBefore, Instant notAfter) {
        return SelfSignedKeys.generate(alias, SignatureAlgorithm.ECDSA_P256_SHA256, "CN=" + alias + ", O=dossierlink tests",
                notBefore, notAfter);
    }

    @Test
    void rotationSignsWithTheOverlappingKeyThatBecameValidLast() {
        SigningKey older = ecKey("older", NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(30)));
        SigningKey newer = ecKey("newer", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(60)));
        // given in the "wrong" order: the choice must not depend on it
        SigningKeys keys = new SigningKeys(List.of(newer, older), SignatureAlgorithm.ECDSA_P256_SHA256, "rotation keys");

        assertThat(keys.current(NOW)).isSameAs(newer);
        Document received = parse(signPayload(new PayloadSigner(keys, at(NOW))));
        VerifiedSignature v = SignatureFixtures.verifier(TrustedCertificates.of(keys)).verify(received);
        assertThat(v.signer()).isEqualTo(newer.certificate());

        // before the newer key started, the older one signed
        assertThat(keys.current(NOW.minus(Duration.ofDays(2)))).isSameAs(older);
    }

    @Test
    void publishedGivesCurrentPreviousAndNext() {
        SigningKey older = ecKey("older", NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(30)));
        SigningKey newer = ecKey("newer", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(60)));
        SigningKey next = ecKey("next", NOW.plus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(90)));
        SigningKeys keys = new SigningKeys(List.of(next, older, newer), SignatureAlgorithm.ECDSA_P256_SHA256,
                "rotation keys");

        assertThat(statuses(keys, NOW)).containsExactly(
                Map.entry("older", Status.PREVIOUS), Map.entry("newer", Status.CURRENT), Map.entry("next", Status.NEXT));
        // once the next key's time has come it takes over
        assertThat(statuses(keys, NOW.plus(Duration.ofDays(11)))).containsExactly(
                Map.entry("older", Status.PREVIOUS), Map.entry("newer", Status.PREVIOUS), Map.entry("next", Status.CURRENT));
    }

    @Test
    void aKeyValidOnlyInTheFutureIsNextAndNotUsed() {
        SigningKey current = ecKey("current", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        SigningKey future = ecKey("future", NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        SigningKeys keys = new SigningKeys(List.of(current, future), SignatureAlgorithm.ECDSA_P256_SHA256, "rotation keys");

        assertThat(statuses(keys, NOW)).containsExactly(Map.entry("current", Status.CURRENT), Map.entry("future", Status.NEXT));
        Document received = parse(signPayload(new PayloadSigner(keys, at(NOW))));
        assertThat(SignatureFixtures.verifier(TrustedCertificates.of(keys)).verify(received).signer())
                .isEqualTo(current.certificate());
    }

    @Test
    void aValidKeyOfAnotherAlgorithmIsNotUsed() {
        // TestKeys holds a valid RSA and a valid EC key; the configured algorithm decides
        SigningKeys ecConfigured = new SigningKeys(List.of(TestKeys.rsa(), TestKeys.ec()),
                SignatureAlgorithm.ECDSA_P256_SHA256, "test keys");
        Document received = parse(signPayload(new PayloadSigner(ecConfigured, at(NOW))));

        assertThat(SignatureFixtures.verifier().verify(received).signer()).isEqualTo(TestKeys.ec().certificate());
    }

    @Test
    void noKeyValidNowIsASignatureKeyExceptionListingTheKeys() {
        SigningKey expired = ecKey("expired-key", NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(30)));
        SigningKey future = ecKey("future-key", NOW.plus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(40)));
        SigningKeys keys = new SigningKeys(List.of(expired, future), SignatureAlgorithm.ECDSA_P256_SHA256, "keystore.p12");
        Document doc = payloadDocument();
        PayloadSigner signer = new PayloadSigner(keys, at(NOW));

        assertThatThrownBy(() -> signer.sign(doc.getDocumentElement()))
                .isInstanceOf(SignatureKeyException.class)
                .hasMessageContaining("keystore.p12")
                .hasMessageContaining("ecdsa-p256-sha256")
                .hasMessageContaining("valid at " + NOW)
                .hasMessageContaining("'expired-key' ecdsa-p256-sha256 valid " + expired.notBefore() + " to " + expired.notAfter())
                .hasMessageContaining("'future-key' ecdsa-p256-sha256 valid " + future.notBefore() + " to " + future.notAfter());
        assertThat(all(doc, DS, "Signature")).as("nothing was added to the payload").isEmpty();
        // published still lists them, none as current
        assertThat(statuses(keys, NOW)).containsExactly(
                Map.entry("expired-key", Status.PREVIOUS), Map.entry("future-key", Status.NEXT));
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Status> statuses(SigningKeys keys, Instant at) {
        Map<String, Status> out = new LinkedHashMap<>();
        for (SigningKeys.Published p : keys.published(at)) {
            out.put(p.key().alias(), p.status());
        }
        return out;
    }

    private static Element firstReference(Document doc) {
        return all(doc, DS, "Reference").get(0);
    }
}
