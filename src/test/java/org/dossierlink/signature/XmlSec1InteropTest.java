package org.dossierlink.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.dossierlink.signature.SignatureFixtures.DS;
import static org.dossierlink.signature.SignatureFixtures.PAT;
import static org.dossierlink.signature.SignatureFixtures.PAYLOAD_ID;
import static org.dossierlink.signature.SignatureFixtures.RSA_SHA256;
import static org.dossierlink.signature.SignatureFixtures.SIGNED_APPLICANT;
import static org.dossierlink.signature.SignatureFixtures.assertRejected;
import static org.dossierlink.signature.SignatureFixtures.ds;
import static org.dossierlink.signature.SignatureFixtures.parse;
import static org.dossierlink.signature.SignatureFixtures.soapBody;
import static org.dossierlink.signature.SignatureFixtures.soapHeader;
import static org.dossierlink.signature.SignatureFixtures.text;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dossierlink.signature.SignatureRejectedException.Problem;
import org.dossierlink.testsupport.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Interoperability with an independent XML-DSig implementation: Aleksey Sanin's xmlsec1 (libxmlsec1 over
 * OpenSSL, the Debian package). Signatures made here verify there, signatures made there verify here,
 * and both agree on what breaks a signature and what does not. xmlsec1 is a required test tool: when it
 * is missing these tests fail (they never skip); {@code .ci/run} installs it.
 */
class XmlSec1InteropTest {

    private static final Path XMLSEC1 = Path.of("/usr/bin/xmlsec1");
    private static final long TIMEOUT_SECONDS = 30;
    /** xmlsec1's {@code --id-attr} node name: namespace URI, colon, local name. */
    private static final String PAYLOAD_NODE = PAT + ":GetDossierResponse";
    private static final Pattern REFERENCES = Pattern.compile("SignedInfo References \\(ok/all\\): (\\d+)/(\\d+)");

    @TempDir
    Path dir;

    @BeforeAll
    static void xmlsec1IsInstalled() {
        if (!Files.isExecutable(XMLSEC1)) {
            fail("xmlsec1 is not installed (" + XMLSEC1 + " is missing): run .ci/run, which installs the test tools "
                    + "(Debian package xmlsec1); these interoperability tests do not skip");
        }
    }

    // ------------------------------------------------------------------ (a) ours verify in xmlsec1

    @ParameterizedTest
    @ValueSource(strings = {"RSA_SHA256", "ECDSA_P256_SHA256"})
    void payloadSignerBytesVerifyInXmlsec1(String algorithm) throws IOException {
        SignatureAlgorithm alg = SignatureAlgorithm.valueOf(algorithm);
        SigningKey key = alg == SignatureAlgorithm.RSA_SHA256 ? TestKeys.rsa() : TestKeys.ec();
        PayloadSigner signer = new PayloadSigner(new SigningKeys(List.of(key), alg, "interop keys"));
        byte[] signed = signer.sign(SignatureFixtures.payloadDocument().getDocumentElement());

        Result result = xmlsec1Verify(write("signed.xml", signed), key.certificate());

        result.assertValid();
        assertThat(result.output()).contains("SignedInfo References (ok/all): 2/2");
        // and ours agrees on the very same bytes
        assertThat(SignatureFixtures.verifier().verify(parse(signed)).signer()).isEqualTo(key.certificate());
    }

    @Test
    void aPayloadSignedInsideAnEnvelopeVerifiesInXmlsec1() throws IOException {
        Document envelope = SignatureFixtures.signedEnvelope();

        xmlsec1Verify(write("envelope.xml", SignatureFixtures.bytes(envelope)), TestKeys.rsa().certificate())
                .assertValid();
    }

    @Test
    void xmlsec1NeedsToBeToldTheIdAttribute() throws IOException {
        // the control for the tests above: without --id-attr, xmlsec1 cannot resolve "#payload-1"
        byte[] signed = TestKeys.signer().sign(SignatureFixtures.payloadDocument().getDocumentElement());
        Path file = write("signed.xml", signed);
        Path cert = writeCertificate("cert.pem", TestKeys.rsa().certificate());

        Result result = run("--verify", "--trusted-pem", cert.toString(), file.toString());

        result.assertInvalid();
    }

    // ------------------------------------------------------------------ (b) xmlsec1's verify in ours

    @Test
    void anXmlsec1SignatureOverTheWholeDocumentVerifies() throws IOException {
        byte[] signed = xmlsec1Sign("xmlsec1/template-uri-empty.xml", false);
        Document doc = parse(signed);
        assertThat(all(doc, "Reference").get(0).getAttribute("URI")).isEmpty();
        assertThat(ds(doc, "X509Certificate").getTextContent()).as("xmlsec1 filled in the certificate").isNotBlank();

        VerifiedSignature v = SignatureFixtures.verifier().verify(doc);

        assertThat(v.signedElement()).isSameAs(doc.getDocumentElement());
        assertThat(v.signer()).isEqualTo(TestKeys.rsa().certificate());
        assertThat(v.signatureAlgorithm()).isEqualTo(RSA_SHA256);
        assertThat(v.signingTime()).as("xmlsec1's template states no signing time").isNull();
        assertThat(text(v.signedElement(), "Applicant")).isEqualTo(SIGNED_APPLICANT);
    }

    @Test
    void anXmlsec1SignatureByIdInAnEnvelopeVerifies() throws IOException {
        byte[] signed = xmlsec1Sign("xmlsec1/template-uri-id-envelope.xml", true);
        Document doc = parse(signed);
        assertThat(all(doc, "Reference").get(0).getAttribute("URI")).isEqualTo("#" + PAYLOAD_ID);

        VerifiedSignature v = SignatureFixtures.verifier().verify(doc);

        assertThat(v.signedElement()).isSameAs(SignatureVerifier.payloadOf(doc));
        assertThat(v.signer()).isEqualTo(TestKeys.rsa().certificate());
        assertThat(text(v.signedElement(), "Applicant")).isEqualTo(SIGNED_APPLICANT);
    }

    // ------------------------------------------------------------------ (c) both agree on what breaks

    /** Signed envelopes from both implementations: the same three changes, the same verdicts. */
    @ParameterizedTest
    @ValueSource(strings = {"dossierlink", "xmlsec1"})
    void aTamperedByteInsideTheSignedElementIsInvalidInBoth(String signedBy) throws IOException {
        String signed = new String(signedEnvelope(signedBy), StandardCharsets.UTF_8);
        String tampered = signed.replace(SIGNED_APPLICANT, "ACME Widgets Ltc");
        assertThat(tampered).isNotEqualTo(signed);

        xmlsec1Verify(write("tampered.xml", tampered.getBytes(StandardCharsets.UTF_8)), TestKeys.rsa().certificate())
                .assertFailed(false);
        assertRejected(() -> SignatureFixtures.verifier().verify(parse(tampered)), Problem.DIGEST_MISMATCH,
                "'#" + PAYLOAD_ID + "'", "changed after it was signed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dossierlink", "xmlsec1"})
    void aSwappedCertificateIsInvalidInBoth(String signedBy) throws IOException {
        byte[] swapped = changeDom(signedEnvelope(signedBy), doc -> {
            ds(doc, "X509Certificate").setTextContent(base64(SignatureFixtures.otherRsa().certificate()));
            return doc;
        });
        // both implementations trust both certificates: the only fault is that the key does not fit
        Path file = write("swapped.xml", swapped);
        xmlsec1Verify(file, TestKeys.rsa().certificate(), SignatureFixtures.otherRsa().certificate()).assertFailed(true);
        assertRejected(() -> SignatureFixtures.verifier(SignatureFixtures.trustWithOther()).verify(parse(swapped)),
                Problem.SIGNATURE_MISMATCH, "the certificate was swapped");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dossierlink", "xmlsec1"})
    void whitespaceChangedOutsideTheSignedElementIsValidInBoth(String signedBy) throws IOException {
        byte[] original = signedEnvelope(signedBy);
        byte[] reindented = changeDom(original, doc -> {
            Element envelope = doc.getDocumentElement();
            Element body = soapBody(doc);
            Element header = soapHeader(doc);
            removeWhitespace(envelope);
            removeWhitespace(body);
            removeWhitespace(header);
            envelope.insertBefore(doc.createTextNode("\n\n\t \t"), header);
            envelope.insertBefore(doc.createTextNode("\r\n        "), body);
            body.insertBefore(doc.createTextNode("\n\n\n\t\t"), SignatureVerifier.payloadOf(doc));
            body.appendChild(doc.createTextNode("  \n "));
            header.appendChild(doc.createTextNode("\t\t\n"));
            return doc;
        });
        assertThat(reindented).isNotEqualTo(original);

        xmlsec1Verify(write("reindented.xml", reindented), TestKeys.rsa().certificate()).assertValid();
        Document received = parse(reindented);
        assertThat(SignatureFixtures.verifier().verify(received).signedElement())
                .isSameAs(SignatureVerifier.payloadOf(received));
    }

    // ------------------------------------------------------------------ running xmlsec1

    private record Result(List<String> command, int exitCode, String output) {

        void assertValid() {
            assertThat(exitCode).as("xmlsec1 exit code for %s; output:%n%s", command, output).isZero();
            assertThat(output).contains("OK");
        }

        /** Refused, for any reason (xmlsec1 prints ERROR when it cannot even process the signature). */
        void assertInvalid() {
            assertThat(exitCode).as("xmlsec1 exit code for %s; output:%n%s", command, output).isNotZero();
            assertThat(output).containsAnyOf("FAIL", "ERROR");
        }

        /** Processed and found wrong (xmlsec1 prints FAIL); whether every reference's digest still matched. */
        void assertFailed(boolean digestsMatch) {
            assertThat(exitCode).as("xmlsec1 exit code for %s; output:%n%s", command, output).isNotZero();
            assertThat(output.lines()).as("xmlsec1 output").contains("FAIL");
            Matcher m = REFERENCES.matcher(output);
            assertThat(m.find()).as("reference count in xmlsec1 output:%n%s", output).isTrue();
            assertThat(m.group(1).equals(m.group(2))).as("all references ok in: %s", m.group()).isEqualTo(digestsMatch);
        }
    }

    /** Runs xmlsec1 in the temp dir with a timeout; stdout and stderr together. */
    private Result run(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(XMLSEC1.toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "xmlsec1-", ".log");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("xmlsec1 did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for " + command);
        }
        return new Result(command, process.exitValue(), Files.readString(log));
    }

    private Result xmlsec1Verify(Path file, X509Certificate... trusted) throws IOException {
        List<String> args = new ArrayList<>(List.of("--verify"));
        for (int i = 0; i < trusted.length; i++) {
            args.add("--trusted-pem");
            args.add(writeCertificate("trusted-" + i + ".pem", trusted[i]).toString());
        }
        args.addAll(List.of("--id-attr:Id", PAYLOAD_NODE, file.toString()));
        return run(args.toArray(String[]::new));
    }

    /** Signs a template from the test vectors with xmlsec1 and the test node's RSA key; returns the signed file. */
    private byte[] xmlsec1Sign(String template, boolean byId) throws IOException {
        Path key = write("key.pem", SignatureFixtures.pkcs8Pem(TestKeys.rsa().privateKey()).getBytes(StandardCharsets.US_ASCII));
        Path cert = writeCertificate("cert.pem", TestKeys.rsa().certificate());
        Path in = write("template.xml", SignatureFixtures.resource(template).getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("xmlsec1-signed.xml");
        List<String> args = new ArrayList<>(List.of("--sign", "--privkey-pem", key + "," + cert));
        if (byId) {
            args.addAll(List.of("--id-attr:Id", PAYLOAD_NODE));
        }
        args.addAll(List.of("--output", out.toString(), in.toString()));
        Result result = run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as("xmlsec1 --sign; output:%n%s", result.output()).isZero();
        // xmlsec1 accepts its own signature: the template and the key are fine
        xmlsec1Verify(out, TestKeys.rsa().certificate()).assertValid();
        return Files.readAllBytes(out);
    }

    /** The envelope with its payload signed by dossierlink's PayloadSigner or by xmlsec1, both with the RSA test key. */
    private byte[] signedEnvelope(String signedBy) throws IOException {
        return switch (signedBy) {
            case "dossierlink" -> SignatureFixtures.bytes(SignatureFixtures.signedEnvelope());
            case "xmlsec1" -> xmlsec1Sign("xmlsec1/template-uri-id-envelope.xml", true);
            default -> throw new IllegalArgumentException(signedBy);
        };
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path writeCertificate(String name, X509Certificate cert) throws IOException {
        return write(name, Certificates.pem(cert).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] changeDom(byte[] xml, UnaryOperator<Document> change) {
        return SignatureFixtures.bytes(change.apply(parse(xml)));
    }

    private static void removeWhitespace(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; ) {
            Node next = n.getNextSibling();
            if (n.getNodeType() == Node.TEXT_NODE && n.getTextContent().isBlank()) {
                parent.removeChild(n);
            }
            n = next;
        }
    }

    private static List<Element> all(Document doc, String local) {
        return SignatureFixtures.all(doc, DS, local);
    }

    private static String base64(X509Certificate cert) {
        try {
            return Base64.getEncoder().encodeToString(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
