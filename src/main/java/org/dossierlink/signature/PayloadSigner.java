package org.dossierlink.signature;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.XMLConstants;

import org.apache.xml.security.algorithms.implementations.SignatureECDSA;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.SignatureProperties;
import org.apache.xml.security.signature.SignatureProperty;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.signature.XMLSignatureDigestInput;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.transforms.params.InclusiveNamespaces;
import org.apache.xml.security.utils.UnsyncByteArrayOutputStream;
import org.apache.xml.security.utils.resolver.ResourceResolverContext;
import org.apache.xml.security.utils.resolver.ResourceResolverSpi;
import org.dossierlink.xml.SecureXml;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Signs a payload element with an enveloped XML signature and returns the exact bytes to send.
 * <ul>
 * <li>The payload gets an {@code Id} attribute (registered as an ID) and the Reference points to it
 * by that ID: {@code URI="#id"}, never by an XPath search.</li>
 * <li>Transforms: enveloped-signature, then exclusive c14n. Namespace prefixes used inside
 * QName-valued content ({@code xsi:type}) go in an InclusiveNamespaces PrefixList, so their
 * bindings are signed.</li>
 * <li>A second Reference covers a {@code ds:SignatureProperties} object in the signature that states
 * the signing time, so a verifier can say when the payload was signed.</li>
 * <li>KeyInfo carries the signing certificate.</li>
 * </ul>
 * The returned bytes are the payload's exclusive canonical form, signature included: the verifier
 * digests exactly these bytes (less the signature), so they must be sent as they are.
 * Thread-safe.
 */
public final class PayloadSigner {

    /** The ID attribute this node puts on what it signs. */
    public static final String ID_ATTRIBUTE = "Id";

    /** Private keys translated once into the signature provider's own form (see {@link CryptoProvider}). */
    private final Map<SigningKey, PrivateKey> translated = new ConcurrentHashMap<>();
    /** The KeyInfo of each key, canonical: the certificate is encoded once. */
    private final Map<SigningKey, String> keyInfo = new ConcurrentHashMap<>();

    /** The prefixes of the signature's own elements: ds (XML-DSig), dl (signing time), ec (InclusiveNamespaces). */
    private static final Set<String> SIGNATURE_PREFIXES = Set.of("ds", "dl", "ec");

    private final SigningKeys keys;
    private final Clock clock;

    public PayloadSigner(SigningKeys keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        Dsig.init();
    }

    public PayloadSigner(SigningKeys keys) {
        this(keys, Clock.systemUTC());
    }

    public SigningKeys keys() {
        return keys;
    }

    /**
     * Signs {@code payload} in place (its owner document gains the signature) and returns its
     * canonical bytes, UTF-8, without an XML declaration.
     */
    public byte[] sign(Element payload) {
        Instant now = clock.instant();
        SigningKey key = keys.current(now);
        Document doc = payload.getOwnerDocument();
        String id = payload.getAttributeNS(null, ID_ATTRIBUTE);
        if (id.isEmpty()) {
            id = "dl-" + UUID.randomUUID();
            payload.setAttributeNS(null, ID_ATTRIBUTE, id);
        }
        payload.setIdAttributeNS(null, ID_ATTRIBUTE, true);
        String prefixes = qnamePrefixes(payload);
        String prefixList = prefixes.isEmpty() ? null : prefixes;
        try {
            // The payload's canonical form before the signature is added is exactly what a verifier
            // digests (the enveloped-signature transform takes the signature out again), so it is
            // canonicalized once: its digest goes into the Reference, and the bytes sent are these bytes
            // with the signature's canonical form spliced in before the closing tag.
            boolean splice = spliceable(payload, prefixes);
            byte[] content = splice ? canonical(payload, prefixList) : null;

            XMLSignature signature = newSignature(doc, key);
            String signatureId = id + "-signature";
            signature.setId(signatureId);
            payload.appendChild(signature.getElement());

            Transforms transforms = new Transforms(doc);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            if (prefixList == null) {
                transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            } else {
                transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS,
                        new InclusiveNamespaces(doc, prefixes).getElement());
            }
            if (content != null) {
                signature.addResourceResolver(new DigestedContent("#" + id, sha256(content)));
            }
            signature.addDocument("#" + id, transforms, Dsig.SHA256);

            signature.addKeyInfo(key.certificate());

            addSigningTime(doc, signature, id, signatureId, now);

            signature.sign(nativeKey(key));

            if (content == null) {
                return canonical(payload, prefixList);
            }
            return spliceBeforeEndTag(content, canonical(signature.getElement(), null));
        } catch (XMLSecurityException e) {
            throw new IllegalStateException("cannot sign <" + payload.getLocalName() + "> with key '" + key.alias()
                    + "': " + e.getMessage(), e);
        }
    }

    /**
     * A {@code ds:Signature} over content digested elsewhere, for content too large for a DOM: one Reference
     * to {@code uri} carrying {@code sha256Digest}, with the enveloped-signature and exclusive c14n transforms
     * when {@code enveloped} (the digest is then that of the signed element's exclusive canonical form, less
     * the signature), with none otherwise (a detached signature: the digest is that of the bytes {@code uri}
     * names). Same key, algorithms, KeyInfo and signed signing-time property as {@link #sign(Element)}.
     *
     * @return the Signature element's exclusive canonical form, UTF-8, without an XML declaration: append it
     *         as it is (as the signed element's last child when enveloped)
     */
    public byte[] signDigest(String uri, byte[] sha256Digest, boolean enveloped) {
        return signatureOver(uri, "dl-" + UUID.randomUUID(), sha256Digest, enveloped);
    }

    /**
     * The signature of an element written in exclusive canonical form by an {@link ExclusiveC14nWriter}: the
     * same {@code ds:Signature} that {@link #sign(Element)} puts into that element (Reference
     * {@code URI="#id"}, enveloped-signature and exclusive c14n, SHA-256; KeyInfo; signed signing time; the
     * same Ids), computed from the digest of the canonical form instead of from a DOM.
     *
     * @return the Signature element's exclusive canonical form, UTF-8: what {@link ExclusiveC14nWriter#writeWith}
     *         places before the element's end tag
     */
    public byte[] sign(ExclusiveC14nWriter written) {
        return signatureOver("#" + written.id(), written.id(), written.digest(), true);
    }

    /**
     * The {@code ds:Signature} over a digest, written from a template in its exclusive canonical form: the same
     * elements, attributes and order Santuario writes for {@link #sign(Element)} (no line breaks, as
     * {@link Dsig#init} sets), with SignedInfo canonicalized alone (where it declares {@code ds}) as the bytes
     * signed. Building Santuario's DOM of the signature for this cost more than the signature itself
     * (bench/family-load.sh profile, 2026-11-26); {@code ExclusiveC14nWriterTest} checks they equal the DOM path's.
     */
    private byte[] signatureOver(String uri, String id, byte[] sha256Digest, boolean enveloped) {
        Instant now = clock.instant();
        SigningKey key = keys.current(now);
        String signatureId = attribute(id + "-signature");
        String propertiesId = attribute(id + "-properties");
        String properties = "<ds:SignatureProperty Target=\"#" + signatureId + "\"><dl:SigningTime xmlns:dl=\""
                + Dsig.PROPERTIES_NS + "\">" + now.truncatedTo(ChronoUnit.MILLIS) + "</dl:SigningTime>"
                + "</ds:SignatureProperty></ds:SignatureProperties>";
        String propertiesDigest = sha256(("<ds:SignatureProperties xmlns:ds=\"" + Dsig.NS + "\" Id=\"" + propertiesId
                + "\">" + properties).getBytes(StandardCharsets.UTF_8));
        String signedInfo = "<ds:CanonicalizationMethod Algorithm=\"" + Dsig.EXC_C14N + "\"></ds:CanonicalizationMethod>"
                + "<ds:SignatureMethod Algorithm=\"" + key.algorithm().uri() + "\"></ds:SignatureMethod>"
                + "<ds:Reference URI=\"" + attribute(uri) + "\">"
                + (enveloped ? "<ds:Transforms><ds:Transform Algorithm=\"" + Dsig.ENVELOPED + "\"></ds:Transform>"
                        + "<ds:Transform Algorithm=\"" + Dsig.EXC_C14N + "\"></ds:Transform></ds:Transforms>" : "")
                + DIGEST_METHOD + "<ds:DigestValue>" + Base64.getEncoder().encodeToString(sha256Digest)
                + "</ds:DigestValue></ds:Reference>"
                + "<ds:Reference Type=\"" + Dsig.SIGNATURE_PROPERTIES_TYPE + "\" URI=\"#" + propertiesId + "\">"
                + "<ds:Transforms><ds:Transform Algorithm=\"" + Dsig.EXC_C14N + "\"></ds:Transform></ds:Transforms>"
                + DIGEST_METHOD + "<ds:DigestValue>" + propertiesDigest + "</ds:DigestValue></ds:Reference></ds:SignedInfo>";
        byte[] value = signatureValue(key, ("<ds:SignedInfo xmlns:ds=\"" + Dsig.NS + "\">" + signedInfo)
                .getBytes(StandardCharsets.UTF_8));
        return ("<ds:Signature xmlns:ds=\"" + Dsig.NS + "\" Id=\"" + signatureId + "\"><ds:SignedInfo>" + signedInfo
                + "<ds:SignatureValue>" + Base64.getEncoder().encodeToString(value) + "</ds:SignatureValue>"
                + keyInfo.computeIfAbsent(key, PayloadSigner::keyInfo)
                + "<ds:Object><ds:SignatureProperties Id=\"" + propertiesId + "\">" + properties + "</ds:Object>"
                + "</ds:Signature>").getBytes(StandardCharsets.UTF_8);
    }

    private static final String DIGEST_METHOD = "<ds:DigestMethod Algorithm=\"" + Dsig.SHA256 + "\"></ds:DigestMethod>";

    /** The KeyInfo carrying the key's certificate, canonical, as Santuario's {@code addKeyInfo} writes it. */
    private static String keyInfo(SigningKey key) {
        try {
            return "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>"
                    + Base64.getEncoder().encodeToString(key.certificate().getEncoded())
                    + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the certificate of key '" + key.alias() + "'", e);
        }
    }

    /**
     * The SignatureValue bytes: PKCS#1 v1.5 for RSA; for ECDSA the XML-DSig form, r and s each as 32 bytes
     * (RFC 4050), converted from the provider's DER by Santuario's own conversion.
     */
    private byte[] signatureValue(SigningKey key, byte[] signedInfo) {
        try {
            Provider provider = CryptoProvider.forSignatures();
            java.security.Signature signature = provider == null
                    ? java.security.Signature.getInstance(key.algorithm().jcaName())
                    : java.security.Signature.getInstance(key.algorithm().jcaName(), provider);
            signature.initSign(nativeKey(key));
            signature.update(signedInfo);
            byte[] value = signature.sign();
            return key.algorithm() == SignatureAlgorithm.ECDSA_P256_SHA256
                    ? SignatureECDSA.convertASN1toXMLDSIG(value, 32) : value;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot sign with key '" + key.alias() + "': " + e.getMessage(), e);
        }
    }

    /** An attribute value as exclusive c14n writes it. */
    private static String attribute(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        CanonicalEscaping.attribute(sb, value);
        return sb.toString();
    }

    /** An empty signature with the key's algorithm and exclusive c14n of SignedInfo. */
    private static XMLSignature newSignature(Document doc, SigningKey key) throws XMLSecurityException {
        return CryptoProvider.forSignatures() == null
                ? new XMLSignature(doc, "", key.algorithm().uri(), Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS)
                : new XMLSignature(doc, "", key.algorithm().uri(), Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS,
                        CryptoProvider.forSignatures());
    }

    /** The signed {@code ds:SignatureProperties} stating the signing time, and its Reference. */
    private static void addSigningTime(Document doc, XMLSignature signature, String id, String signatureId, Instant now)
            throws XMLSecurityException {
        String propertiesId = id + "-properties";
        SignatureProperties properties = new SignatureProperties(doc);
        properties.setId(propertiesId);
        SignatureProperty property = new SignatureProperty(doc, "#" + signatureId);
        Element time = doc.createElementNS(Dsig.PROPERTIES_NS, "dl:SigningTime");
        time.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:dl", Dsig.PROPERTIES_NS);
        time.setTextContent(now.truncatedTo(ChronoUnit.MILLIS).toString());
        property.appendChild(time);
        properties.addSignatureProperty(property);
        ObjectContainer object = new ObjectContainer(doc);
        object.appendChild(properties.getElement());
        signature.appendObject(object);
        properties.getElement().setIdAttributeNS(null, "Id", true);
        Transforms propertyTransforms = new Transforms(doc);
        propertyTransforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
        signature.addDocument("#" + propertiesId, propertyTransforms, Dsig.SHA256, null, Dsig.SIGNATURE_PROPERTIES_TYPE);
    }

    /**
     * The key in the form the signature provider computes with. A native provider would otherwise
     * import the JDK key again for every signature, which costs as much as the signature itself.
     */
    private PrivateKey nativeKey(SigningKey key) {
        Provider provider = CryptoProvider.forSignatures();
        if (provider == null) {
            return key.privateKey();
        }
        return translated.computeIfAbsent(key, k -> {
            try {
                return (PrivateKey) KeyFactory.getInstance(k.algorithm().keyAlgorithm(), provider).translateKey(k.privateKey());
            } catch (GeneralSecurityException e) {
                return k.privateKey();
            }
        });
    }

    /**
     * Exclusive c14n of a subtree. Santuario writes the canonical form a byte at a time: into an
     * unsynchronized buffer that takes half the time of a ByteArrayOutputStream (bench/signature.sh).
     */
    private static byte[] canonical(Element element, String prefixList) throws XMLSecurityException {
        UnsyncByteArrayOutputStream out = new UnsyncByteArrayOutputStream();
        Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS).canonicalizeSubtree(element, prefixList, out);
        return out.toByteArray();
    }

    /**
     * True when the signature's canonical form, taken on its own, is the same as inside the payload's:
     * exclusive c14n renders on the signature the prefixes it uses (ds, dl, ec) unless the payload element
     * already rendered them, which it does only when it uses one of them itself or the PrefixList names it.
     */
    static boolean spliceable(Element payload, String prefixes) {
        for (String p : SIGNATURE_PREFIXES) {
            if (p.equals(payload.getPrefix()) || (" " + prefixes + " ").contains(" " + p + " ")) {
                return false;
            }
        }
        var attributes = payload.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            String p = attributes.item(i).getPrefix();
            if (p != null && !"xmlns".equals(p) && SIGNATURE_PREFIXES.contains(p)) {
                return false;
            }
        }
        return true;
    }

    /** {@code content} (a canonical element) with {@code insert} placed just before its end tag. */
    static byte[] spliceBeforeEndTag(byte[] content, byte[] insert) {
        int end = content.length - 1;
        while (end > 0 && !(content[end] == '/' && content[end - 1] == '<')) {
            end--;
        }
        if (end <= 0) {
            throw new IllegalStateException("canonical payload has no end tag");
        }
        int at = end - 1;
        byte[] out = new byte[content.length + insert.length];
        System.arraycopy(content, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(content, at, out, at + insert.length, content.length - at);
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Hands Santuario the digest of the payload's canonical form, computed once, for the payload's Reference. */
    private static final class DigestedContent extends ResourceResolverSpi {
        private final String uri;
        private final String digest;

        DigestedContent(String uri, String digest) {
            this.uri = uri;
            this.digest = digest;
        }

        @Override
        public boolean engineCanResolveURI(ResourceResolverContext context) {
            return uri.equals(context.uriToResolve);
        }

        @Override
        public XMLSignatureInput engineResolveURI(ResourceResolverContext context) {
            return new XMLSignatureDigestInput(digest);
        }
    }

    /**
     * The prefixes that QName-valued attributes in the subtree use ({@code xsi:type="pat:X"} gives
     * {@code pat}; an unprefixed value with a default namespace gives {@code #default}), space-separated.
     */
    static String qnamePrefixes(Element root) {
        Set<String> prefixes = new TreeSet<>();
        collect(root, prefixes);
        return String.join(" ", prefixes);
    }

    private static void collect(Element e, Set<String> prefixes) {
        Attr type = e.getAttributeNodeNS(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "type");
        if (type != null) {
            String value = type.getValue().trim();
            int colon = value.indexOf(':');
            if (colon > 0) {
                prefixes.add(value.substring(0, colon));
            } else if (e.lookupNamespaceURI(null) != null) {
                prefixes.add("#default");
            }
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                collect(child, prefixes);
            }
        }
    }
}
