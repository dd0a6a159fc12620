package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossierlink.testsupport.RawSoap.callForBytes;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;

import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.dossier.Direction;
import org.dossierlink.dossier.DocumentGroup;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.signature.VerifiedSignature;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.testsupport.XmlSec1Check;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * An answer that the canonical stream cannot sign (a stored XML document with an {@code xsi:type}, whose
 * prefix must go into an InclusiveNamespaces PrefixList) is signed through the DOM instead: the real server
 * answers it signed, with the PrefixList, verifiable by dossierlink and xmlsec1, in SOAP 1.1 and with MTOM.
 */
class SignedThroughDomIT {

    private static final String DOC_ID = "EP10167109-SR-2";
    private static final byte[] TYPED_XML = ("<sr:search-report xmlns:sr=\"urn:example:search-report\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:cat=\"urn:example:category\">"
            + "<sr:citation xsi:type=\"cat:Relevant\">EP.1234567.A1 &amp; Zürich</sr:citation>"
            + "</sr:search-report>").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void anAnswerWithAnXsiTypeIsSignedThroughTheDomAndVerifies() throws Exception {
        JdbcDossierStore store = TestDossiers.seededStore();
        store.saveDocument(TestDossiers.EP.application().key(), new DocumentInfo(DOC_ID, "SR", "Typed search report",
                DocumentGroup.SEARCH, LocalDate.of(2011, 9, 16), Direction.OUTGOING, "en", "application/xml", 1,
                TYPED_XML.length, ContentDigest.sha256(TYPED_XML)), TYPED_XML);
        SignatureVerifier verifier = new SignatureVerifier(TestKeys.trust(), VerificationLimits.defaults());
        try (DossierServer server = new DossierServer(ServerOptions.demo().withPort(0), TestDossiers.service(store),
                new PayloadSigner(TestKeys.keys())).start()) {
            for (Version v : Version.values()) {
                HttpResponse<byte[]> r = callForBytes(v == Version.SOAP11 ? server.soap11Url() : server.soap12Url(), v,
                        "GetDocument", "<m:GetDocument xmlns:m=\"urn:dossierlink:messages:1\"><m:office>EP</m:office>"
                                + "<m:applicationNumber>10167109</m:applicationNumber><m:documentId>" + DOC_ID
                                + "</m:documentId></m:GetDocument>");
                assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
                byte[] payload = SignedResponsesIT.bodyContent(r.body());
                String text = new String(payload, StandardCharsets.UTF_8);
                // the DOM path's mark: the xsi:type prefix is signed through the PrefixList
                assertThat(text).contains("xsi:type=\"cat:Relevant\"").contains("InclusiveNamespaces")
                        .contains("PrefixList=\"cat");
                Document doc = SecureXml.documentBuilderRefusingDoctype().parse(new ByteArrayInputStream(payload));
                VerifiedSignature verified = verifier.verify(doc);
                assertThat(verified.signedElement().getLocalName()).isEqualTo("GetDocumentResponse");
                XmlSec1Check.verifyPayload(dir, payload, "GetDocumentResponse", TestKeys.rsa());
            }
        }
    }
}
