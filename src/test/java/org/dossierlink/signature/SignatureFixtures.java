package org.dossierlink.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.dossierlink.signature.SignatureRejectedException.Problem;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSOutput;
import org.w3c.dom.ls.LSSerializer;

/**
 * Shared fixtures for the signature tests: parsing (only through {@link SecureXml}), serialising,
 * the test vectors in {@code src/test/resources/signature/}, signatures built directly with Santuario
 * (for algorithms and shapes {@link PayloadSigner} never makes), and certificates issued by a test CA.
 */
final class SignatureFixtures {

    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String PAT = "urn:dossierlink:test:patent";
    static final String STATUS = "urn:dossierlink:test:status";
    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    static final String RSA_MD5 = "http://www.w3.org/2001/04/xmldsig-more#rsa-md5";
    static final String ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    static final String MD5 = "http://www.w3.org/2001/04/xmldsig-more#md5";
    static final String ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
    static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

    /** The payload in the test vectors: its Id and the values the signer vouches for. */
    static final String PAYLOAD_ID = "payload-1";
    static final String SIGNED_APPLICANT = "ACME Widgets Ltd";
    static final String SIGNED_FEE = "120.00";
    static final String FORGED_APPLICANT = "EVIL Corp";

    /** A second RSA key, trusted next to the test node's: for swapping certificates. Made once per JVM. */
    private static final SigningKey OTHER_RSA = SelfSignedKeys.generate("other-rsa", SignatureAlgorithm.RSA_SHA256,
            "CN=dossierlink other trusted node, O=dossierlink tests", Duration.ofDays(30));

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Santuario logs every digest and signature mismatch as a WARNING; these tests provoke hundreds on
     * purpose and assert on the exception instead. Held in a field: JUL keeps loggers only weakly.
     */
    private static final Logger SANTUARIO_LOG = Logger.getLogger("org.apache.xml.security");

    static {
        SANTUARIO_LOG.setLevel(Level.SEVERE);
    }

    private SignatureFixtures() {
    }

    // ---------------------------------------------------------------- XML in and out

    static Document parse(byte[] xml) {
        try {
            return SecureXml.documentBuilderRefusingDoctype().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException("test XML does not parse: " + e.getMessage(), e);
        }
    }

    static Document parse(String xml) {
        return parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** A test vector from {@code src/test/resources/signature/}. */
    static String resource(String name) {
        try (InputStream in = SignatureFixtures.class.getResourceAsStream("/signature/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test vector signature/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The DOM as bytes, UTF-8, no XML declaration, no pretty-printing. */
    static byte[] bytes(Node node) {
        DOMImplementationLS ls = (DOMImplementationLS) (node instanceof Document d ? d : node.getOwnerDocument())
                .getImplementation();
        LSSerializer serializer = ls.createLSSerializer();
        serializer.getDomConfig().setParameter("xml-declaration", false);
        LSOutput out = ls.createLSOutput();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        out.setByteStream(bytes);
        out.setEncoding("UTF-8");
        serializer.write(node, out);
        return bytes.toByteArray();
    }

    static String string(Node node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    /** Serialises and parses again: what a receiver sees, with no ID registered by anyone. */
    static Document reparse(Document doc) {
        return parse(bytes(doc));
    }

    /** The SOAP 1.1 envelope test vector, unsigned. */
    static Document envelope() {
        return parse(resource("dossierlink/soap-envelope.xml"));
    }

    /** The standalone payload test vector, unsigned. */
    static Document payloadDocument() {
        return parse(resource("dossierlink/payload.xml"));
    }

    /** The envelope with its Body payload signed by {@code signer}, as a receiver parses it. */
    static Document signedEnvelope(PayloadSigner signer) {
        Document doc = envelope();
        signer.sign(SignatureVerifier.payloadOf(doc));
        return reparse(doc);
    }

    static Document signedEnvelope() {
        return signedEnvelope(TestKeys.signer());
    }

    static SignatureVerifier verifier() {
        return new SignatureVerifier(TestKeys.trust(), VerificationLimits.defaults());
    }

    static SignatureVerifier verifier(TrustedCertificates trust) {
        return new SignatureVerifier(trust, VerificationLimits.defaults());
    }

    static SigningKey otherRsa() {
        return OTHER_RSA;
    }

    /** The test node's keys and the other RSA key. */
    static TrustedCertificates trustWithOther() {
        return new TrustedCertificates(List.of(TestKeys.rsa().certificate(), TestKeys.ec().certificate(),
                OTHER_RSA.certificate()), "test trust store with two RSA certificates");
    }

    // ---------------------------------------------------------------- DOM navigation

    /** Every element in the document with this namespace and local name, in document order. */
    static List<Element> all(Node root, String ns, String local) {
        Document doc = root instanceof Document d ? d : root.getOwnerDocument();
        NodeList list = root instanceof Document ? doc.getElementsByTagNameNS(ns, local)
                : ((Element) root).getElementsByTagNameNS(ns, local);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    /** The only element with this namespace and local name under {@code root}. */
    static Element one(Node root, String ns, String local) {
        List<Element> found = all(root, ns, local);
        assertThat(found).as("elements {%s}%s", ns, local).hasSize(1);
        return found.get(0);
    }

    static Element ds(Node root, String local) {
        return one(root, DS, local);
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    static Element soapHeader(Document doc) {
        return one(doc, SOAP11, "Header");
    }

    static Element soapBody(Document doc) {
        return one(doc, SOAP11, "Body");
    }

    /** The text of the first {@code pat:local} at or under {@code root}. */
    static String text(Element root, String local) {
        return all(root, PAT, local).get(0).getTextContent();
    }

    /** The element carrying {@code Id="id"} (no-namespace attribute), found by walking the tree. */
    static Element byId(Document doc, String id) {
        List<Element> out = new ArrayList<>();
        walk(doc.getDocumentElement(), e -> {
            if (id.equals(e.getAttributeNS(null, "Id"))) {
                out.add(e);
            }
        });
        assertThat(out).as("elements with Id=%s", id).hasSize(1);
        return out.get(0);
    }

    static void walk(Element e, java.util.function.Consumer<Element> visit) {
        visit.accept(e);
        for (Element c : children(e)) {
            walk(c, visit);
        }
    }

    // ---------------------------------------------------------------- assertions

    /**
     * Asserts that {@code call} is rejected for {@code problem} and that the message contains every
     * one of {@code says}; returns the exception for further checks.
     */
    static SignatureRejectedException assertRejected(ThrowingCallable call, Problem problem, String... says) {
        SignatureRejectedException e = catchThrowableOfType(SignatureRejectedException.class, call);
        assertThat(e).as("expected a SignatureRejectedException(%s)", problem).isNotNull();
        assertThat(e.problem()).as("problem of: %s", e.getMessage()).isEqualTo(problem);
        assertThat(e.getMessage()).contains(says);
        return e;
    }

    // ---------------------------------------------------------------- signatures built directly with Santuario

    /**
     * An enveloped signature built with Santuario's XMLSignature API, for shapes and algorithms
     * PayloadSigner never produces. Defaults: RSA-SHA256 with the test node's RSA key, exclusive c14n,
     * SHA-256, one Reference to {@code #Id} of the parent, transforms enveloped-signature + exc-c14n,
     * the certificate in KeyInfo.
     */
    static final class SantuarioSignature {
        private SigningKey key = TestKeys.rsa();
        private String method;
        private String digest = SHA256;
        private List<String> transforms = List.of(ENVELOPED, EXC_C14N);
        private List<String> uris;

        SantuarioSignature key(SigningKey k) {
            this.key = k;
            return this;
        }

        SantuarioSignature method(String uri) {
            this.method = uri;
            return this;
        }

        SantuarioSignature digest(String uri) {
            this.digest = uri;
            return this;
        }

        SantuarioSignature transforms(String... uris) {
            this.transforms = List.of(uris);
            return this;
        }

        SantuarioSignature references(String... referenceUris) {
            this.uris = List.of(referenceUris);
            return this;
        }

        /** Signs and appends the signature to {@code parent}; every {@code Id} in the document can be referenced. */
        Element signInto(Element parent) {
            Dsig.init();
            Document doc = parent.getOwnerDocument();
            walk(doc.getDocumentElement(), e -> {
                if (e.hasAttributeNS(null, "Id")) {
                    e.setIdAttributeNS(null, "Id", true);
                }
            });
            String sigMethod = method != null ? method : key.algorithm().uri();
            List<String> refs = uris != null ? uris : List.of("#" + parent.getAttributeNS(null, "Id"));
            try {
                XMLSignature sig = new XMLSignature(doc, "", sigMethod, Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
                parent.appendChild(sig.getElement());
                for (String uri : refs) {
                    Transforms t = new Transforms(doc);
                    for (String tr : transforms) {
                        t.addTransform(tr);
                    }
                    sig.addDocument(uri, t, digest);
                }
                sig.addKeyInfo(key.certificate());
                sig.sign(key.privateKey());
                return sig.getElement();
            } catch (Exception e) {
                throw new IllegalStateException("cannot build test signature: " + e.getMessage(), e);
            }
        }
    }

    static SantuarioSignature santuario() {
        return new SantuarioSignature();
    }

    // ---------------------------------------------------------------- certificates

    static KeyPair ecPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsaPair(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A test CA: EC P-256, self-signed, basicConstraints CA:true, keyCertSign. */
    static X509Certificate caCertificate(KeyPair ca, String subject, Instant notBefore, Instant notAfter) {
        return certificate(new X500Name(subject), ca.getPublic(), new X500Name(subject), ca.getPrivate(), notBefore,
                notAfter, true);
    }

    /** A self-signed certificate that is not a CA, for {@code pair}. */
    static X509Certificate issueSelfSigned(String subject, KeyPair pair, Instant notBefore, Instant notAfter) {
        return certificate(new X500Name(subject), pair.getPublic(), new X500Name(subject), pair.getPrivate(), notBefore,
                notAfter, false);
    }

    /**
     * A certificate for {@code subjectKey} issued by {@code issuer} (whose private key signs it, and whose
     * subject, byte for byte, becomes the issuer name); not a CA.
     */
    static X509Certificate issue(String subject, java.security.PublicKey subjectKey, X509Certificate issuer,
                                 PrivateKey issuerKey, Instant notBefore, Instant notAfter) {
        return certificate(new X500Name(subject), subjectKey,
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKey, notBefore, notAfter, false);
    }

    private static X509Certificate certificate(X500Name subject, java.security.PublicKey subjectKey, X500Name issuer,
                                               PrivateKey issuerKey, Instant notBefore, Instant notAfter, boolean ca) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(63, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    subject, subjectKey);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            String alg = "EC".equals(issuerKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build test certificate: " + e.getMessage(), e);
        }
    }

    /** A private key as unencrypted PKCS#8 PEM, as {@code xmlsec1 --privkey-pem} and openssl read it. */
    static String pkcs8Pem(PrivateKey key) {
        assertThat(key.getFormat()).isEqualTo("PKCS#8");
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }
}
