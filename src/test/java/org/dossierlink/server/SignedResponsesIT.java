package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.dossierlink.testsupport.RawSoap.callForBytes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.xml.security.c14n.Canonicalizer;
import org.dossierlink.service.DossierService;
import org.dossierlink.signature.Certificates;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.signature.TrustedCertificates;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.signature.VerifiedSignature;
import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.RunningServer;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Every successful answer of the real server is signed, in SOAP 1.1 and 1.2 and with MTOM: the bytes
 * of the payload in the SOAP Body are its canonical form (nothing re-serialised them after signing),
 * they verify in dossierlink's verifier and in Debian's xmlsec1 as they are, and an MTOM attachment is
 * covered by the signed SHA-256 beside it. Faults are not signed.
 */
class SignedResponsesIT {

    private static final String M = "xmlns:m=\"urn:dossierlink:messages:1\"";
    private static final String KEY = "<m:office>EP</m:office><m:applicationNumber>10167109</m:applicationNumber>";

    private static DossierServer server;
    private static SignatureVerifier verifier;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start();
        verifier = new SignatureVerifier(TestKeys.trust(), VerificationLimits.defaults());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static Stream<Arguments> answers() {
        List<Arguments> out = new ArrayList<>();
        for (Version v : Version.values()) {
            out.add(Arguments.of(v, "GetFamily", "<m:GetFamily " + M + "><m:office>EP</m:office><m:number>EP 10167109</m:number>"
                    + "<m:familyType>extended</m:familyType><m:dialect>st96</m:dialect></m:GetFamily>", "GetFamilyResponse"));
            out.add(Arguments.of(v, "GetDocumentList", "<m:GetDocumentList " + M + ">" + KEY + "</m:GetDocumentList>",
                    "GetDocumentListResponse"));
            out.add(Arguments.of(v, "GetDocument", "<m:GetDocument " + M + ">" + KEY + "<m:documentId>"
                    + TestDossiers.XML_DOC_ID + "</m:documentId></m:GetDocument>", "GetDocumentResponse"));
            out.add(Arguments.of(v, "GetBibliographicData", "<m:GetBibliographicData " + M + ">" + KEY
                    + "</m:GetBibliographicData>", "GetBibliographicDataResponse"));
            out.add(Arguments.of(v, "GetBibliographicData", "<m:GetBibliographicData " + M + ">" + KEY
                    + "<m:dialect>ep-publication</m:dialect></m:GetBibliographicData>", "GetBibliographicDataResponse"));
            out.add(Arguments.of(v, "NormalizeNumber", "<m:NormalizeNumber " + M + "><m:office>US</m:office>"
                    + "<m:number>13/167,395</m:number></m:NormalizeNumber>", "NormalizeNumberResponse"));
            out.add(Arguments.of(v, "GetServiceInfo", "<m:GetServiceInfo " + M + "/>", "GetServiceInfoResponse"));
            out.add(Arguments.of(v, "GetSigningCertificates", "<m:GetSigningCertificates " + M + "/>",
                    "GetSigningCertificatesResponse"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("answers")
    void every_answer_is_signed_and_its_body_bytes_verify_as_sent(Version v, String operation, String body, String response)
            throws Exception {
        HttpResponse<byte[]> r = callForBytes(url(v), v, operation, body);
        assertThat(r.statusCode()).as(text(r.body())).isEqualTo(200);
        byte[] payload = bodyContent(r.body());

        // nothing re-serialised the payload: its bytes are its exclusive canonical form
        Document alone = parse(payload);
        assertThat(text(canonical(alone.getDocumentElement()))).isEqualTo(text(payload));

        VerifiedSignature verified = verifier.verify(alone);
        assertThat(verified.signedElement().getLocalName()).isEqualTo(response);
        assertThat(verified.signer()).isEqualTo(TestKeys.rsa().certificate());
        assertThat(verified.signingTime()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));

        // the whole envelope verifies too: the verifier finds the payload in the Body
        assertThat(verifier.verify(parse(envelopeOf(r.body()))).signedElement().getLocalName()).isEqualTo(response);

        xmlsec1Verifies(payload, response);
    }

    @Test
    void an_mtom_attachment_is_covered_by_the_signed_digest_beside_it() throws Exception {
        HttpResponse<byte[]> r = callForBytes(url(Version.SOAP12), Version.SOAP12, "GetDocument", "<m:GetDocument " + M + ">"
                + KEY + "<m:documentId>" + TestDossiers.PDF_DOC_ID + "</m:documentId></m:GetDocument>");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("multipart/related");
        Document doc = parse(bodyContent(r.body()));
        VerifiedSignature verified = verifier.verify(doc);
        Element signed = verified.signedElement();
        assertThat(signed.getElementsByTagNameNS("http://www.w3.org/2004/08/xop/include", "Include").getLength()).isEqualTo(1);
        String signedDigest = signed.getElementsByTagNameNS(RawSoap.DOS_NS, "sha256").item(0).getTextContent();
        byte[] attachment = attachment(r.body(), r.headers().firstValue("Content-Type").orElseThrow());
        assertThat(attachment).isEqualTo(TestDossiers.OFFICE_ACTION_PDF);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(attachment))).isEqualTo(signedDigest);
        xmlsec1Verifies(bodyContent(r.body()), "GetDocumentResponse");
    }

    @Test
    void faults_are_not_signed() {
        HttpResponse<byte[]> r = callForBytes(url(Version.SOAP11), Version.SOAP11, "GetFamily",
                "<m:GetFamily " + M + "><m:office>ZZ</m:office><m:number>1</m:number></m:GetFamily>");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(text(r.body())).contains("UNKNOWN_OFFICE").doesNotContain("Signature");
    }

    @Test
    void signing_certificates_list_the_rotation_and_are_signed_by_the_current_key() throws Exception {
        Instant now = Instant.now();
        SigningKey previous = SelfSignedKeys.generate("2025", SignatureAlgorithm.RSA_SHA256, "CN=node 2025",
                now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(30)));
        SigningKey current = SelfSignedKeys.generate("2026", SignatureAlgorithm.RSA_SHA256, "CN=node 2026",
                now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(400)));
        SigningKey next = SelfSignedKeys.generate("2027", SignatureAlgorithm.RSA_SHA256, "CN=node 2027",
                now.plus(Duration.ofDays(20)), now.plus(Duration.ofDays(800)));
        SigningKeys keys = new SigningKeys(List.of(next, previous, current), SignatureAlgorithm.RSA_SHA256, "rotation test");
        DossierService service = TestDossiers.service();
        try (DossierServer rotating = new DossierServer(ServerOptions.demo().withPort(0), service,
                new PayloadSigner(keys)).start()) {
            HttpResponse<byte[]> r = callForBytes(rotating.soap11Url(), Version.SOAP11, "GetSigningCertificates",
                    "<m:GetSigningCertificates " + M + "/>");
            Document doc = parse(bodyContent(r.body()));
            List<String> statuses = new ArrayList<>();
            List<java.security.cert.X509Certificate> published = new ArrayList<>();
            var certs = doc.getDocumentElement().getElementsByTagNameNS(RawSoap.MSG_NS, "certificate");
            for (int i = 0; i < certs.getLength(); i++) {
                Element c = (Element) certs.item(i);
                statuses.add(child(c, "keyName") + ":" + child(c, "status"));
                published.add(Certificates.fromDer(java.util.Base64.getDecoder().decode(child(c, "x509Certificate"))));
            }
            assertThat(statuses).containsExactly("2025:previous", "2026:current", "2027:next");
            // a partner that trusts what the node publishes can check the answer itself
            VerifiedSignature v = new SignatureVerifier(new TrustedCertificates(published, "published"),
                    VerificationLimits.defaults()).verify(doc);
            assertThat(v.signer()).isEqualTo(current.certificate());
            // and every other answer is signed with the current key too
            HttpResponse<byte[]> info = callForBytes(rotating.soap12Url(), Version.SOAP12, "GetServiceInfo",
                    "<m:GetServiceInfo " + M + "/>");
            assertThat(new SignatureVerifier(TrustedCertificates.of(keys), VerificationLimits.defaults())
                    .verify(parse(bodyContent(info.body()))).signer()).isEqualTo(current.certificate());
        }
    }

    private static String child(Element parent, String name) {
        return parent.getElementsByTagNameNS(RawSoap.MSG_NS, name).item(0).getTextContent();
    }

    private static String url(Version v) {
        return v == Version.SOAP11 ? server.soap11Url() : server.soap12Url();
    }

    /** The Body's content, cut out of the raw answer byte for byte. */
    static byte[] bodyContent(byte[] answer) {
        String s = new String(answer, StandardCharsets.ISO_8859_1); // one char per byte: indexes are byte offsets
        int open = s.indexOf("<soap:Body>");
        int close = s.indexOf("</soap:Body>");
        if (open < 0 || close < open) {
            fail("no soap:Body in " + s.substring(0, Math.min(s.length(), 500)));
        }
        return s.substring(open + "<soap:Body>".length(), close).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] envelopeOf(byte[] answer) {
        String s = new String(answer, StandardCharsets.ISO_8859_1);
        int start = s.indexOf("<soap:Envelope");
        int end = s.indexOf("</soap:Envelope>") + "</soap:Envelope>".length();
        return s.substring(start, end).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The second MIME part of a multipart/related answer, without its headers. */
    private static byte[] attachment(byte[] answer, String contentType) {
        String boundary = contentType.replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
        String s = new String(answer, StandardCharsets.ISO_8859_1);
        String[] parts = s.split("\r?\n--" + java.util.regex.Pattern.quote(boundary));
        String part = parts[2];
        int bodyStart = part.indexOf("\r\n\r\n") + 4;
        return part.substring(bodyStart).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Document parse(byte[] xml) throws Exception {
        return SecureXml.documentBuilderRefusingDoctype().parse(new ByteArrayInputStream(xml));
    }

    private static byte[] canonical(Element e) throws Exception {
        String prefixes = "";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS).canonicalizeSubtree(e, prefixes, out);
        return out.toByteArray();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void xmlsec1Verifies(byte[] payload, String element) throws Exception {
        Path file = Files.createTempFile(dir, element, ".xml");
        Files.write(file, payload);
        Path pem = dir.resolve("node.pem");
        Files.writeString(pem, Certificates.pem(TestKeys.rsa().certificate()));
        Process p = new ProcessBuilder("xmlsec1", "--verify", "--trusted-pem", pem.toString(), "--id-attr:Id", element,
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("xmlsec1 did not finish");
        }
        assertThat(p.exitValue()).as("xmlsec1 --verify: " + out).isZero();
        assertThat(out).contains("OK");
    }
}
