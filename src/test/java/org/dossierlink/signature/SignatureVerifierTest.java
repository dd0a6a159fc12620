package org.dossierlink.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dossierlink.signature.SignatureFixtures.DS;
import static org.dossierlink.signature.SignatureFixtures.ENVELOPED;
import static org.dossierlink.signature.SignatureFixtures.EXC_C14N;
import static org.dossierlink.signature.SignatureFixtures.MD5;
import static org.dossierlink.signature.SignatureFixtures.PAT;
import static org.dossierlink.signature.SignatureFixtures.PAYLOAD_ID;
import static org.dossierlink.signature.SignatureFixtures.RSA_MD5;
import static org.dossierlink.signature.SignatureFixtures.RSA_SHA1;
import static org.dossierlink.signature.SignatureFixtures.SHA1;
import static org.dossierlink.signature.SignatureFixtures.SIGNED_APPLICANT;
import static org.dossierlink.signature.SignatureFixtures.all;
import static org.dossierlink.signature.SignatureFixtures.assertRejected;
import static org.dossierlink.signature.SignatureFixtures.ds;
import static org.dossierlink.signature.SignatureFixtures.envelope;
import static org.dossierlink.signature.SignatureFixtures.one;
import static org.dossierlink.signature.SignatureFixtures.parse;
import static org.dossierlink.signature.SignatureFixtures.reparse;
import static org.dossierlink.signature.SignatureFixtures.santuario;
import static org.dossierlink.signature.SignatureFixtures.signedEnvelope;
import static org.dossierlink.signature.SignatureFixtures.soapBody;
import static org.dossierlink.signature.SignatureFixtures.soapHeader;
import static org.dossierlink.signature.SignatureFixtures.string;
import static org.dossierlink.signature.SignatureFixtures.text;
import static org.dossierlink.signature.SignatureFixtures.verifier;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import org.dossierlink.signature.SignatureRejectedException.Problem;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * One test per reason a signature is refused, each against a signature that is otherwise valid, so the
 * Problem reported is the one check under test. The first test shows the untouched fixture verifies.
 */
class SignatureVerifierTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final String WHERE = "<pat:GetDossierResponse>";

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    /** The signed envelope's payload: what every verification here processes. */
    private static Element payload(Document doc) {
        return SignatureVerifier.payloadOf(doc);
    }

    /** The envelope, its payload signed with a signature built by {@code signature}, as a receiver parses it. */
    private static Document envelopeSignedWith(SignatureFixtures.SantuarioSignature signature) {
        Document doc = envelope();
        signature.signInto(payload(doc));
        return reparse(doc);
    }

    // ------------------------------------------------------------------ accepted

    @Test
    void theUntouchedSignedEnvelopeVerifies() {
        Document doc = signedEnvelope();

        VerifiedSignature v = verifier().verify(doc);

        assertThat(v.signedElement()).isSameAs(payload(doc));
        assertThat(v.signer()).isEqualTo(TestKeys.rsa().certificate());
        assertThat(text(v.signedElement(), "Applicant")).isEqualTo(SIGNED_APPLICANT);
    }

    @Test
    void aSignatureBuiltWithSantuarioDirectlyVerifies() {
        // the control for every test below that builds its signature with SignatureFixtures.santuario()
        Document doc = envelopeSignedWith(santuario());

        VerifiedSignature v = verifier().verify(doc);

        assertThat(v.signedElement()).isSameAs(payload(doc));
        assertThat(v.signingTime()).as("no SignatureProperties, no signing time").isNull();
    }

    // ------------------------------------------------------------------ where the signature is

    @Test
    void anUnsignedDocumentIsUnsigned() {
        Document doc = envelope();

        SignatureRejectedException e = assertRejected(() -> verifier().verify(doc), Problem.UNSIGNED,
                WHERE, "is not signed");
        assertThat(e.getMessage()).doesNotContain("elsewhere");
    }

    @Test
    void anEmptySoapBodyIsUnsigned() {
        Document doc = parse("<soap:Envelope xmlns:soap='" + SignatureFixtures.SOAP11 + "'><soap:Body/></soap:Envelope>");

        assertRejected(() -> verifier().verify(doc), Problem.UNSIGNED, "the SOAP Body is empty");
    }

    @Test
    void aSignatureInTheHeaderIsNotTheSignatureOfThePayload() {
        Document doc = signedEnvelope();
        soapHeader(doc).appendChild(ds(doc, "Signature"));
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.UNSIGNED,
                WHERE, "is not signed", "a ds:Signature elsewhere in the document does not count");
    }

    @Test
    void aSignatureDeeperInsideThePayloadIsNotItsChild() {
        Document doc = signedEnvelope();
        one(doc, PAT, "Fee").appendChild(ds(doc, "Signature"));
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.UNSIGNED,
                WHERE, "elsewhere", "it must be a child of the element it signs");
    }

    @Test
    void twoSignaturesAreMalformed() {
        Document doc = signedEnvelope();
        Element signature = ds(doc, "Signature");
        payload(doc).appendChild(signature.cloneNode(true));
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.MALFORMED, WHERE, "carries 2 signatures");
    }

    // ------------------------------------------------------------------ keys and certificates

    @Test
    void aKeyNotInTheTrustStoreIsUnknown() {
        SigningKey stranger = SelfSignedKeys.generate("stranger", SignatureAlgorithm.ECDSA_P256_SHA256,
                "CN=stranger node, O=elsewhere", Duration.ofDays(3));
        Document doc = signedEnvelope(new PayloadSigner(
                new SigningKeys(List.of(stranger), SignatureAlgorithm.ECDSA_P256_SHA256, "stranger keys")));

        assertRejected(() -> verifier().verify(doc), Problem.UNKNOWN_KEY,
                "CN=stranger node", Certificates.fingerprint(stranger.certificate()), "does not hold",
                TestKeys.trust().source());
        // the same document verifies against a trust store that holds the key: only trust was missing
        assertThat(verifier(new TrustedCertificates(List.of(stranger.certificate()), "stranger trust")).verify(doc))
                .isNotNull();
    }

    @Test
    void aSignatureWithoutCertificateHasAnUnknownKey() {
        Document doc = signedEnvelope();
        Element keyInfo = ds(doc, "KeyInfo");
        keyInfo.getParentNode().removeChild(keyInfo);
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.UNKNOWN_KEY, "carries no X.509 certificate in KeyInfo");
    }

    @Test
    void anRsaKeyShorterThan2048BitsIsWeak() {
        KeyPair small = SignatureFixtures.rsaPair(1024);
        X509Certificate cert = SignatureFixtures.issueSelfSigned("CN=short key", small, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(1)));
        SigningKey key = new SigningKey("short", small.getPrivate(), cert, SignatureAlgorithm.RSA_SHA256);
        Document doc = envelopeSignedWith(santuario().key(key));
        TrustedCertificates trusted = new TrustedCertificates(List.of(cert), "short trust");

        assertRejected(() -> verifier(trusted).verify(doc), Problem.WEAK_ALGORITHM, "RSA key of 1024 bits", "2048");
    }

    @Test
    void anExpiredCertificateIsRefused() {
        Instant notBefore = NOW.minus(Duration.ofDays(60));
        Instant notAfter = NOW.minus(Duration.ofDays(30));
        SigningKey old = SelfSignedKeys.generate("old", SignatureAlgorithm.ECDSA_P256_SHA256, "CN=retired node",
                notBefore, notAfter);
        SigningKeys keys = new SigningKeys(List.of(old), SignatureAlgorithm.ECDSA_P256_SHA256, "retired keys");
        // signed while the certificate was valid
        Document doc = signedEnvelope(new PayloadSigner(keys, at(NOW.minus(Duration.ofDays(45)))));
        SignatureVerifier verifier = verifier(TrustedCertificates.of(keys));

        assertRejected(() -> verifier.verify(doc), Problem.CERTIFICATE_EXPIRED,
                WHERE, "CN=retired node", "expired on " + old.notAfter(), "not valid at ");
        // verified at a time inside the validity, the very same document is fine
        assertThat(verifier.verify(payload(doc), NOW.minus(Duration.ofDays(40))).signer()).isEqualTo(old.certificate());
    }

    @Test
    void aNotYetValidCertificateIsRefused() {
        SigningKey early = SelfSignedKeys.generate("early", SignatureAlgorithm.ECDSA_P256_SHA256, "CN=future node",
                NOW.plus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(40)));
        SigningKeys keys = new SigningKeys(List.of(early), SignatureAlgorithm.ECDSA_P256_SHA256, "future keys");
        Document doc = signedEnvelope(new PayloadSigner(keys, at(NOW.plus(Duration.ofDays(20)))));
        SignatureVerifier verifier = verifier(TrustedCertificates.of(keys));

        assertRejected(() -> verifier.verify(doc), Problem.CERTIFICATE_NOT_YET_VALID,
                WHERE, "CN=future node", "valid only from " + early.notBefore());
        assertThat(verifier.verify(payload(doc), NOW.plus(Duration.ofDays(21))).signer()).isEqualTo(early.certificate());
    }

    @Test
    void aStatedSigningTimeOutsideTheCertificateIsRefused() {
        // one key pair, two certificates: A valid from 2 days ago, B only from 12 hours ago. The payload is
        // signed a day ago under A; KeyInfo is not signed, so B can replace A and the signature stays valid.
        // B is valid now, but not at the signing time the signature states.
        KeyPair pair = SignatureFixtures.ecPair();
        X509Certificate a = SignatureFixtures.issueSelfSigned("CN=node, OU=A", pair, NOW.minus(Duration.ofDays(2)),
                NOW.plus(Duration.ofDays(2)));
        X509Certificate b = SignatureFixtures.issueSelfSigned("CN=node, OU=B", pair, NOW.minus(Duration.ofHours(12)),
                NOW.plus(Duration.ofDays(2)));
        SigningKeys keys = new SigningKeys(List.of(new SigningKey("a", pair.getPrivate(), a,
                SignatureAlgorithm.ECDSA_P256_SHA256)), SignatureAlgorithm.ECDSA_P256_SHA256, "node keys");
        Instant signedAt = NOW.minus(Duration.ofDays(1));
        Document doc = signedEnvelope(new PayloadSigner(keys, at(signedAt)));
        ds(doc, "X509Certificate").setTextContent(Base64.getEncoder().encodeToString(encoded(b)));
        Document received = reparse(doc);
        TrustedCertificates trustBoth = new TrustedCertificates(List.of(a, b), "A and B");

        assertRejected(() -> verifier(trustBoth).verify(received), Problem.CERTIFICATE_NOT_YET_VALID,
                "OU=B", "valid only from " + b.getNotBefore().toInstant(), "at its stated signing time " + signedAt);
        // under A the same signature is fine: the only problem was B's validity at the signing time
        ds(received, "X509Certificate").setTextContent(Base64.getEncoder().encodeToString(encoded(a)));
        assertThat(verifier(trustBoth).verify(received).signingTime()).isEqualTo(signedAt);
    }

    @Test
    void aCertificateIssuedByATrustedCaIsAccepted() {
        KeyPair caKeys = SignatureFixtures.ecPair();
        X509Certificate ca = SignatureFixtures.caCertificate(caKeys, "CN=dossierlink test CA, O=dossierlink tests",
                NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(365)));
        KeyPair leafKeys = SignatureFixtures.ecPair();
        X509Certificate leaf = SignatureFixtures.issue("CN=office node, O=dossierlink tests", leafKeys.getPublic(), ca,
                caKeys.getPrivate(), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        SigningKey key = new SigningKey("office", leafKeys.getPrivate(), leaf, SignatureAlgorithm.ECDSA_P256_SHA256);
        Document doc = signedEnvelope(new PayloadSigner(
                new SigningKeys(List.of(key), SignatureAlgorithm.ECDSA_P256_SHA256, "office keys")));
        TrustedCertificates trustCa = new TrustedCertificates(List.of(ca), "CA trust store");

        VerifiedSignature v = verifier(trustCa).verify(doc);

        assertThat(v.signer()).isEqualTo(leaf);
        assertThat(trustCa.certificates()).doesNotContain(leaf);
        // a CA nobody trusts gives nothing
        KeyPair otherCaKeys = SignatureFixtures.ecPair();
        X509Certificate otherCa = SignatureFixtures.caCertificate(otherCaKeys, "CN=other CA",
                NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(365)));
        assertRejected(() -> verifier(new TrustedCertificates(List.of(otherCa), "other CA trust store")).verify(doc),
                Problem.UNKNOWN_KEY, "CN=office node", "other CA trust store");
    }

    @Test
    void aCertificateIssuedByATrustedCertificateThatIsNoCaIsNotTrusted() throws Exception {
        // TestKeys' RSA certificate is trusted, but it is a leaf (basicConstraints CA:false): what it "issues" is not
        KeyPair leafKeys = SignatureFixtures.ecPair();
        X509Certificate forged = SignatureFixtures.issue("CN=issued by a leaf", leafKeys.getPublic(),
                TestKeys.rsa().certificate(), TestKeys.rsa().privateKey(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)));
        SigningKey key = new SigningKey("forged", leafKeys.getPrivate(), forged, SignatureAlgorithm.ECDSA_P256_SHA256);
        Document doc = signedEnvelope(new PayloadSigner(
                new SigningKeys(List.of(key), SignatureAlgorithm.ECDSA_P256_SHA256, "forged keys")));

        assertThat(forged.getIssuerX500Principal()).isEqualTo(TestKeys.rsa().certificate().getSubjectX500Principal());
        forged.verify(TestKeys.rsa().certificate().getPublicKey());

        assertRejected(() -> verifier().verify(doc), Problem.UNKNOWN_KEY, "CN=issued by a leaf", "does not hold");
    }

    @Test
    void anExpiredCertificateIssuedByATrustedCaIsReportedAsExpired() {
        KeyPair caKeys = SignatureFixtures.ecPair();
        X509Certificate ca = SignatureFixtures.caCertificate(caKeys, "CN=dossierlink test CA",
                NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(365)));
        KeyPair leafKeys = SignatureFixtures.ecPair();
        X509Certificate leaf = SignatureFixtures.issue("CN=retired office node", leafKeys.getPublic(), ca,
                caKeys.getPrivate(), NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(30)));
        SigningKey key = new SigningKey("retired", leafKeys.getPrivate(), leaf, SignatureAlgorithm.ECDSA_P256_SHA256);
        Document doc = signedEnvelope(new PayloadSigner(new SigningKeys(List.of(key),
                SignatureAlgorithm.ECDSA_P256_SHA256, "retired keys"), at(NOW.minus(Duration.ofDays(45)))));
        SignatureVerifier verifier = verifier(new TrustedCertificates(List.of(ca), "CA trust store"));

        assertRejected(() -> verifier.verify(doc), Problem.CERTIFICATE_EXPIRED,
                "CN=retired office node", "expired on " + leaf.getNotAfter().toInstant());
        assertThat(verifier.verify(payload(doc), NOW.minus(Duration.ofDays(40))).signer()).isEqualTo(leaf);
    }

    // ------------------------------------------------------------------ algorithms

    @Test
    void rsaSha1SignatureMethodIsWeak() {
        Document doc = envelopeSignedWith(santuario().method(RSA_SHA1));

        assertRejected(() -> verifier().verify(doc), Problem.WEAK_ALGORITHM,
                WHERE, "uses " + RSA_SHA1, "SHA-1 and MD5 are refused");
    }

    @Test
    void rsaMd5SignatureMethodIsWeak() {
        Document doc = envelopeSignedWith(santuario().method(RSA_MD5));

        assertRejected(() -> verifier().verify(doc), Problem.WEAK_ALGORITHM, "uses " + RSA_MD5, "SHA-1 and MD5 are refused");
    }

    @Test
    void sha1DigestIsWeak() {
        Document doc = envelopeSignedWith(santuario().digest(SHA1));

        assertRejected(() -> verifier().verify(doc), Problem.WEAK_ALGORITHM,
                "'#" + PAYLOAD_ID + "'", "digested with " + SHA1, "SHA-1 and MD5 are refused");
    }

    @Test
    void md5DigestIsWeak() {
        // Santuario refuses to make an MD5 digest at all; the check reads the DOM before any cryptography
        Document doc = signedEnvelope();
        ds(all(doc, DS, "Reference").get(0), "DigestMethod").setAttribute("Algorithm", MD5);

        assertRejected(() -> verifier().verify(doc), Problem.WEAK_ALGORITHM,
                "'#" + PAYLOAD_ID + "'", "digested with " + MD5);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://www.w3.org/2000/09/xmldsig#dsa-sha1",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1",
            "http://www.w3.org/2000/09/xmldsig#hmac-sha1",
            "http://www.w3.org/2001/04/xmldsig-more#hmac-md5",
            "http://www.w3.org/2007/05/xmldsig-more#sha1-rsa-MGF1",
    })
    void otherSha1AndMd5SignatureMethodsAreWeak(String method) {
        // the check reads the DOM before any cryptography, so editing the URI is enough
        Document doc = signedEnvelope();
        ds(doc, "SignatureMethod").setAttribute("Algorithm", method);
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.WEAK_ALGORITHM, "uses " + method, "SHA-1 and MD5");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256",
            "http://www.w3.org/2009/xmldsig11#dsa-sha256",
            "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
    })
    void signatureMethodsOutsideTheAcceptedSetAreDisallowed(String method) {
        Document doc = signedEnvelope();
        ds(doc, "SignatureMethod").setAttribute("Algorithm", method);
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.DISALLOWED_ALGORITHM, "uses " + method,
                "accepted: RSA or ECDSA");
    }

    @Test
    void anXsltCanonicalizationMethodIsDisallowed() {
        Document doc = signedEnvelope();
        ds(doc, "CanonicalizationMethod").setAttribute("Algorithm", XSLT);
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.DISALLOWED_ALGORITHM,
                "canonicalizes SignedInfo with " + XSLT);
    }

    private static final String XPATH = "http://www.w3.org/TR/1999/REC-xpath-19991116";
    private static final String XSLT = "http://www.w3.org/TR/1999/REC-xslt-19991116";

    @ParameterizedTest
    @ValueSource(strings = {XPATH, XSLT, "http://www.w3.org/2002/06/xmldsig-filter2",
            "http://www.w3.org/2000/09/xmldsig#base64"})
    void transformsOtherThanEnvelopedAndCanonicalizationAreDisallowed(String transform) {
        Document doc = signedEnvelope();
        Element exc = all(all(doc, DS, "Reference").get(0), DS, "Transform").get(1);
        Element extra = (Element) exc.getParentNode().insertBefore(
                doc.createElementNS(DS, "ds:Transform"), exc);
        extra.setAttribute("Algorithm", transform);
        if (XPATH.equals(transform)) {
            Element xpath = (Element) extra.appendChild(doc.createElementNS(DS, "ds:XPath"));
            xpath.setTextContent("ancestor-or-self::pat:Applicant");
        }
        Document received = reparse(doc);
        assertThat(all(all(received, DS, "Reference").get(0), DS, "Transform")).hasSize(3);

        assertRejected(() -> verifier().verify(received), Problem.DISALLOWED_ALGORITHM,
                "'#" + PAYLOAD_ID + "'", "uses the transform " + transform, "accepted: enveloped-signature and canonicalization");
    }

    // ------------------------------------------------------------------ limits

    @Test
    void moreReferencesThanTheLimitAreRefused() {
        String ref = "#" + PAYLOAD_ID;
        assertThat(VerificationLimits.defaults().maxReferences()).isEqualTo(4);

        assertRefusedOverTheDefaultLimitOnly(santuario().references(ref, ref, ref, ref, ref),
                santuario().references(ref, ref, ref, ref),
                Problem.TOO_MANY_REFERENCES, WHERE, "has 5 references; at most 4 are accepted");
    }

    @Test
    void theReferenceLimitIsConfigurable() {
        // PayloadSigner's signatures carry two references: the payload and the signing time
        assertSignedEnvelopeRefusedUnder(new VerificationLimits(1, 3),
                Problem.TOO_MANY_REFERENCES, "has 2 references; at most 1 are accepted");
    }

    @Test
    void moreTransformsThanTheLimitAreRefused() {
        assertThat(VerificationLimits.defaults().maxTransforms()).isEqualTo(3);

        assertRefusedOverTheDefaultLimitOnly(santuario().transforms(ENVELOPED, ENVELOPED, ENVELOPED, EXC_C14N),
                santuario().transforms(ENVELOPED, ENVELOPED, EXC_C14N),
                Problem.TOO_MANY_TRANSFORMS, "'#" + PAYLOAD_ID + "'", "has 4 transforms; at most 3 are accepted");
    }

    @Test
    void theTransformLimitIsConfigurable() {
        // PayloadSigner's payload reference carries two transforms: enveloped-signature, then exclusive c14n
        assertSignedEnvelopeRefusedUnder(new VerificationLimits(4, 1),
                Problem.TOO_MANY_TRANSFORMS, "has 2 transforms; at most 1 are accepted");
    }

    /**
     * The default limits refuse the envelope signed with {@code overTheLimit} ({@code problem}, its message
     * saying {@code says}) and accept it signed with {@code atTheLimit}: only the count was wrong.
     */
    private static void assertRefusedOverTheDefaultLimitOnly(SignatureFixtures.SantuarioSignature overTheLimit,
            SignatureFixtures.SantuarioSignature atTheLimit, Problem problem, String... says) {
        Document doc = envelopeSignedWith(overTheLimit);

        assertRejected(() -> verifier().verify(doc), problem, says);
        assertThat(verifier().verify(envelopeSignedWith(atTheLimit))).isNotNull();
    }

    /** Under {@code limits}, PayloadSigner's envelope is refused: {@code problem}, its message saying {@code says}. */
    private static void assertSignedEnvelopeRefusedUnder(VerificationLimits limits, Problem problem, String... says) {
        Document doc = signedEnvelope();
        SignatureVerifier strict = new SignatureVerifier(TestKeys.trust(), limits);

        assertRejected(() -> strict.verify(doc), problem, says);
    }

    // ------------------------------------------------------------------ what the references point at

    @Test
    void aReferenceToAnElementInsideThePayloadIsOutside() {
        Document doc = envelope();
        one(doc, PAT, "Fee").setAttribute("Id", "fee-1");
        santuario().references("#fee-1").signInto(payload(doc));
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.REFERENCE_OUTSIDE,
                "references '#fee-1'", "/soap:Envelope/soap:Body/pat:GetDossierResponse/pat:Fee", "not the signed element");
    }

    @Test
    void anExtraReferenceToAnotherElementIsOutside() {
        Document doc = envelope();
        one(doc, PAT, "Trace").setAttribute("Id", "trace-1");
        santuario().references("#" + PAYLOAD_ID, "#trace-1").signInto(payload(doc));
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.REFERENCE_OUTSIDE,
                "references '#trace-1'", "/soap:Envelope/soap:Header/pat:Trace");
    }

    @Test
    void aReferenceToAnIdNobodyCarriesIsOutside() {
        Document doc = signedEnvelope();
        all(doc, DS, "Reference").get(0).setAttribute("URI", "#nobody");
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.REFERENCE_OUTSIDE,
                "references '#nobody'", "is not in the document");
    }

    @Test
    void aReferenceWithoutUriIsOutside() {
        Document doc = signedEnvelope();
        all(doc, DS, "Reference").get(0).removeAttribute("URI");
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.REFERENCE_OUTSIDE, "has no URI");
    }

    @Test
    void aSignaturePropertiesReferenceWithoutItsTypeIsOutside() {
        Document doc = signedEnvelope();
        Element propertiesRef = all(doc, DS, "Reference").get(1);
        propertiesRef.removeAttribute("Type");
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.REFERENCE_OUTSIDE,
                "'#" + PAYLOAD_ID + "-properties'", "ds:SignatureProperties");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://attacker.example/payload.xml", "https://attacker.example/payload.xml",
            "file:///etc/passwd", "file:payload.xml", "cid:payload@attacker.example", "payload.xml"})
    void aReferenceOutsideTheDocumentIsExternal(String uri) {
        Document doc = signedEnvelope();
        Element signedInfo = ds(doc, "SignedInfo");
        Element extra = (Element) signedInfo.appendChild(all(doc, DS, "Reference").get(1).cloneNode(true));
        extra.removeAttribute("Type");
        extra.setAttribute("URI", uri);
        Document received = reparse(doc);
        assertThat(all(received, DS, "Reference")).hasSize(3);

        assertRejected(() -> verifier().verify(received), Problem.EXTERNAL_REFERENCE,
                "references '" + uri + "' outside the document");
    }

    @Test
    void aRetrievalMethodInKeyInfoIsExternal() {
        Document doc = signedEnvelope();
        Element retrieval = (Element) ds(doc, "KeyInfo").appendChild(doc.createElementNS(DS, "ds:RetrievalMethod"));
        retrieval.setAttribute("URI", "http://attacker.example/key.cer");
        retrieval.setAttribute("Type", DS + "rawX509Certificate");
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.EXTERNAL_REFERENCE,
                WHERE, "ds:RetrievalMethod", "only from the X.509 certificate in KeyInfo");
    }

    @Test
    void aDoctypeIsRefusedByTheParser() {
        // an internal subset could make any attribute an ID: a signed document must not carry one
        String signed = string(signedEnvelope());
        String withDoctype = "<!DOCTYPE soap:Envelope [<!ATTLIST pat:Trace Id ID #IMPLIED>]>\n" + signed;

        javax.xml.parsers.DocumentBuilder parser = SecureXml.documentBuilderRefusingDoctype();
        parser.setErrorHandler(new DefaultHandler()); // rethrows fatal errors, prints nothing

        assertThatThrownBy(() -> parser.parse(new java.io.ByteArrayInputStream(withDoctype.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(SAXParseException.class)
                .hasMessageContaining("DOCTYPE");
    }

    // ------------------------------------------------------------------ changed after signing

    @Test
    void aTamperedByteInsideTheSignedElementBreaksItsDigest() {
        String signed = string(signedEnvelope());
        String tampered = signed.replace(SIGNED_APPLICANT, "ACME Widgets Ltc");
        assertThat(tampered).isNotEqualTo(signed);

        assertRejected(() -> verifier().verify(parse(tampered)), Problem.DIGEST_MISMATCH,
                "'#" + PAYLOAD_ID + "'", WHERE, "changed after it was signed");
    }

    @Test
    void aTamperedAttributeInsideTheSignedElementBreaksItsDigest() {
        String signed = string(signedEnvelope());
        String tampered = signed.replace("currency=\"EUR\"", "currency=\"USD\"");
        assertThat(tampered).isNotEqualTo(signed);

        assertRejected(() -> verifier().verify(parse(tampered)), Problem.DIGEST_MISMATCH, "'#" + PAYLOAD_ID + "'");
    }

    @Test
    void whitespaceChangedInsideTheSignedElementBreaksItsDigest() {
        String signed = string(signedEnvelope());
        String tampered = signed.replace("<pat:Applicant>", "\n   <pat:Applicant>");

        assertRejected(() -> verifier().verify(parse(tampered)), Problem.DIGEST_MISMATCH, "'#" + PAYLOAD_ID + "'");
    }

    @Test
    void aSwappedCertificateForAnotherTrustedOneIsASignatureMismatch() {
        Document doc = signedEnvelope();
        TrustedCertificates both = SignatureFixtures.trustWithOther();
        assertThat(verifier(both).verify(doc)).isNotNull();

        ds(doc, "X509Certificate").setTextContent(Base64.getEncoder().encodeToString(
                encoded(SignatureFixtures.otherRsa().certificate())));
        Document received = reparse(doc);

        assertRejected(() -> verifier(both).verify(received), Problem.SIGNATURE_MISMATCH,
                WHERE, "the certificate was swapped");
    }

    @Test
    void aTamperedSigningTimeBreaksTheDigestOfTheProperties() {
        Instant signedAt = NOW.minus(Duration.ofMinutes(5));
        String signed = string(signedEnvelope(new PayloadSigner(TestKeys.keys(), at(signedAt))));
        String tampered = signed.replace(signedAt.toString(), signedAt.plusSeconds(1).toString());
        assertThat(tampered).isNotEqualTo(signed);

        assertRejected(() -> verifier().verify(parse(tampered)), Problem.DIGEST_MISMATCH,
                "'#" + PAYLOAD_ID + "-properties'", "changed after it was signed");
    }

    @Test
    void aSigningTimeTamperedToOutsideTheCertificateIsStillADigestMismatch() {
        // the stated time is not trusted before its digest is: a forged time is reported as a change, not as
        // a certificate problem
        Instant signedAt = NOW.minus(Duration.ofMinutes(5));
        String signed = string(signedEnvelope(new PayloadSigner(TestKeys.keys(), at(signedAt))));
        String tampered = signed.replace(signedAt.toString(), signedAt.minus(Duration.ofDays(365)).toString());
        assertThat(tampered).isNotEqualTo(signed);

        assertRejected(() -> verifier().verify(parse(tampered)), Problem.DIGEST_MISMATCH,
                "'#" + PAYLOAD_ID + "-properties'", "changed after it was signed");
    }

    @Test
    void whitespaceChangedOutsideTheSignedElementKeepsTheSignatureValid() {
        Document doc = signedEnvelope();
        Element envelope = doc.getDocumentElement();
        Element body = soapBody(doc);
        // re-indent the envelope: new whitespace around Header and Body and around the payload inside Body
        for (Node n = envelope.getFirstChild(); n != null; ) {
            Node next = n.getNextSibling();
            if (n.getNodeType() == Node.TEXT_NODE) {
                envelope.removeChild(n);
            }
            n = next;
        }
        envelope.insertBefore(doc.createTextNode("\n\n\t"), soapHeader(doc));
        envelope.insertBefore(doc.createTextNode("\r\n  \t "), body);
        envelope.appendChild(doc.createTextNode("\n\n"));
        body.insertBefore(doc.createTextNode("\n\t\t\t"), payload(doc));
        body.appendChild(doc.createTextNode("   \n"));
        soapHeader(doc).appendChild(doc.createTextNode("\n\n\n"));
        String changed = string(doc);
        assertThat(changed).isNotEqualTo(string(signedEnvelope()));

        Document received = parse(changed);
        VerifiedSignature v = verifier().verify(received);

        assertThat(v.signedElement()).isSameAs(payload(received));
        assertThat(text(v.signedElement(), "Applicant")).isEqualTo(SIGNED_APPLICANT);
    }

    @Test
    void verifiedSignatureDescribesSignerTimeAndElement() {
        Instant signedAt = NOW.minus(Duration.ofMinutes(2));
        Document doc = signedEnvelope(new PayloadSigner(TestKeys.keys(), at(signedAt)));

        String described = verifier().verify(doc).describe();

        assertThat(described).contains("{" + PAT + "}GetDossierResponse Id=\"" + PAYLOAD_ID + "\"",
                "CN=dossierlink test node", Certificates.fingerprint(TestKeys.rsa().certificate()),
                "signed at " + signedAt);
    }

    // ------------------------------------------------------------------ the trusted certificate read once

    @Test
    void aCertificateInKeyInfoWrappedOverLinesIsStillTheTrustedOne() {
        // the KeyInfo form read without Santuario: base64 with line breaks decodes to the same certificate
        Document doc = signedEnvelope();
        Element cert = ds(doc, "X509Certificate");
        String base64 = cert.getTextContent().trim();
        cert.setTextContent(base64.substring(0, 64) + "\n" + base64.substring(64));
        Document received = reparse(doc);

        VerifiedSignature v = verifier().verify(received);

        assertThat(v.signer()).isSameAs(TestKeys.trust().certificates().stream()
                .filter(c -> c.equals(TestKeys.rsa().certificate())).findFirst().orElseThrow());
    }

    @Test
    void aKeyInfoWithMoreThanOneCertificateIsReadBySantuarioAndStillChecked() {
        // not the form this node signs: Santuario reads it (the first certificate), the trust check is the same
        Document doc = signedEnvelope();
        Element cert = ds(doc, "X509Certificate");
        Element second = (Element) cert.cloneNode(true);
        second.setTextContent(Base64.getEncoder().encodeToString(encoded(SignatureFixtures.otherRsa().certificate())));
        cert.getParentNode().appendChild(second);
        Document received = reparse(doc);

        assertThat(verifier().verify(received).signer()).isEqualTo(TestKeys.rsa().certificate());

        Element x509Data = ds(received, "X509Data");
        x509Data.insertBefore(x509Data.getLastChild(), x509Data.getFirstChild());
        Document swapped = reparse(received);
        assertRejected(() -> verifier().verify(swapped), Problem.UNKNOWN_KEY, "does not hold");
    }

    @Test
    void theVerificationKeyOfACertificateIsTranslatedOnce() {
        X509Certificate cert = TestKeys.ec().certificate();

        assertThat(SignatureVerifier.verificationKey(cert)).isSameAs(SignatureVerifier.verificationKey(cert));
        assertThat(SignatureVerifier.verificationKey(cert).getEncoded()).isEqualTo(cert.getPublicKey().getEncoded());
    }

    @Test
    void signingTimesAreReadAsInstantParseReadsThem() {
        for (String t : List.of("2026-11-26T12:00:00Z", "2026-11-26T12:00:00.1Z", "2026-11-26T12:00:00.123Z",
                "2026-11-26T12:00:00.123456789Z", "0001-01-01T00:00:00Z", "2024-02-29T23:59:59.999Z",
                "2026-11-26T13:00:00+01:00", "+12026-11-26T12:00:00Z", "2016-12-31T23:59:60Z",
                "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-26T24:00:00Z", "2026-11-26T12:60:00Z",
                "2026-11-26T12:00:00", "2026-11-26T12:00:00.1234567890Z", "2026-11-26 12:00:00Z", "")) {
            Throwable expected = org.assertj.core.api.Assertions.catchThrowable(() -> Instant.parse(t));
            if (expected == null) {
                assertThat(SignatureVerifier.parseInstant(t)).as(t).isEqualTo(Instant.parse(t));
            } else {
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SignatureVerifier.parseInstant(t)))
                        .as(t).hasSameClassAs(expected).hasMessage(expected.getMessage());
            }
        }
        assertThat(SignatureVerifier.parseInstant("2026-11-26T12:00:00.5Z"))
                .isEqualTo(Instant.parse("2026-11-26T12:00:00Z").plusMillis(500));
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
