package org.dossierlink.signature;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.XMLConstants;

import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.KeyInfo;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.apache.xml.security.signature.XMLSignatureStreamInput;
import org.apache.xml.security.utils.resolver.ResourceResolverContext;
import org.apache.xml.security.utils.resolver.ResourceResolverException;
import org.apache.xml.security.utils.resolver.ResourceResolverSpi;
import org.dossierlink.signature.SignatureRejectedException.Problem;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.Text;

/**
 * Verifies an enveloped XML signature over one element, the <em>processed element</em>, and refuses
 * everything that could make a signature seem to cover what it does not:
 * <ol>
 * <li>the signature must be a child of the processed element (enveloped), and there must be one;</li>
 * <li>no RetrievalMethod, no Reference to a URL, file or attachment, no XPointer;</li>
 * <li>no SHA-1 or MD5, only canonicalization and enveloped-signature transforms, at most the
 * configured number of References and Transforms ({@link VerificationLimits});</li>
 * <li>one Reference covers the processed element, by its ID or by {@code ""} when it is the document
 * element; any other Reference may only cover a {@code ds:SignatureProperties} inside this very
 * signature; no ID value is carried by two elements;</li>
 * <li>the certificate in KeyInfo is trusted and valid at the time asked for;</li>
 * <li>Santuario, with secure validation on, then checks the digests and the signature value, and the
 * Reference must have resolved to the processed element itself;</li>
 * <li>the certificate was valid at the signing time the signature states (read once its digest matched).</li>
 * </ol>
 * Thread-safe.
 */
public final class SignatureVerifier {

    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

    /**
     * The public keys of trusted certificates that verified a signature, in the signature provider's own form
     * (see {@link CryptoProvider}): a native provider would otherwise import the JDK key again for every
     * verification. Only certificates the trust store accepted get here, so it stays as small as the trust
     * stores in use; it is emptied should it ever grow past {@link #MAX_CACHED_KEYS}.
     */
    private static final Map<X509Certificate, PublicKey> VERIFICATION_KEYS = new ConcurrentHashMap<>();
    static final int MAX_CACHED_KEYS = 256;

    private final TrustedCertificates trust;
    private final VerificationLimits limits;

    public SignatureVerifier(TrustedCertificates trust, VerificationLimits limits) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.limits = Objects.requireNonNull(limits, "limits");
        Dsig.init();
    }

    /**
     * Verifies a whole document at the current time. The processed element is the document element,
     * or, for a SOAP envelope, the payload: the first element in the Body.
     */
    public VerifiedSignature verify(Document document) {
        return verify(payloadOf(document), Instant.now());
    }

    /** The element a document's signature must cover: see {@link #verify(Document)}. */
    public static Element payloadOf(Document document) {
        Element root = document.getDocumentElement();
        String ns = root.getNamespaceURI();
        if ("Envelope".equals(root.getLocalName()) && (SOAP11.equals(ns) || SOAP12.equals(ns))) {
            for (Element e = firstChildElement(root); e != null; e = nextElement(e)) {
                if ("Body".equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                    Element payload = firstChildElement(e);
                    if (payload == null) {
                        throw new SignatureRejectedException(Problem.UNSIGNED, "the SOAP Body is empty: nothing is signed");
                    }
                    return payload;
                }
            }
            throw new SignatureRejectedException(Problem.MALFORMED, "the SOAP envelope has no Body");
        }
        return root;
    }

    /**
     * Verifies the signature over {@code processed}, judging certificate validity at {@code at}.
     *
     * @throws SignatureRejectedException with the check that failed and a message naming the element
     */
    public VerifiedSignature verify(Element processed, Instant at) {
        String where = "<" + processed.getTagName() + ">";
        Element signatureElement = signatureOf(processed, where);
        checkStructure(signatureElement, where);
        List<Element> references = children(child(signatureElement, "SignedInfo"), "Reference");
        Element properties = checkReferences(processed, signatureElement, references, where);

        XMLSignature signature = read(signatureElement, where);
        X509Certificate cert = checkedCertificate(signatureElement, signature, at, where);
        checkValue(signature, cert, where);
        checkResolvedTo(signature, processed, where);
        // read only now that its digest matched: a forged time is a changed signature, not a certificate problem
        Instant signingTime = properties == null ? null : signingTime(properties, signatureElement, where);
        if (signingTime != null) {
            checkValidity(cert, signingTime, "at its stated signing time ", where);
        }
        return new VerifiedSignature(processed, cert, signature.getSignedInfo().getSignatureMethodURI(), signingTime);
    }

    /** Streams the bytes a detached signature's Reference names. */
    @FunctionalInterface
    public interface DetachedContent {
        InputStream open() throws IOException;
    }

    /**
     * Verifies a detached signature: {@code signatureElement} is a ds:Signature whose one content Reference,
     * {@code URI="<uri>"} with no transforms, covers the bytes {@code content} streams (the only URI that
     * resolves: nothing else is fetched); any other Reference may only cover the signature's own
     * SignatureProperties. The same algorithm, limit, trust and validity checks as {@link #verify(Element, Instant)}.
     *
     * @throws SignatureRejectedException with the check that failed
     */
    public VerifiedSignature verifyDetached(Element signatureElement, String uri, DetachedContent content, Instant at) {
        String where = "the detached signature over '" + uri + "'";
        if (!isDsig(signatureElement, "Signature")) {
            throw new SignatureRejectedException(Problem.UNSIGNED, "expected a ds:Signature, found " + path(signatureElement));
        }
        checkStructure(signatureElement, where);
        Element properties = null;
        boolean covers = false;
        Document doc = signatureElement.getOwnerDocument();
        for (Element reference : children(child(signatureElement, "SignedInfo"), "Reference")) {
            String refUri = reference.getAttributeNS(null, "URI");
            if (uri.equals(refUri)) {
                Element transforms = child(reference, "Transforms");
                if (transforms != null && !children(transforms, "Transform").isEmpty()) {
                    throw new SignatureRejectedException(Problem.DISALLOWED_ALGORITHM, "the reference '" + uri + "' in "
                            + where + " has transforms; the detached content is digested as it is, with none");
                }
                covers = true;
            } else if (refUri.startsWith("#") && !refUri.startsWith("#xpointer(")) {
                List<Element> carriers = new ArrayList<>();
                collectCarriers(doc.getDocumentElement(), refUri.substring(1), carriers);
                if (carriers.size() != 1 || !isOwnSignatureProperties(carriers.get(0), signatureElement)
                        || !Dsig.SIGNATURE_PROPERTIES_TYPE.equals(reference.getAttributeNS(null, "Type"))) {
                    throw new SignatureRejectedException(Problem.REFERENCE_OUTSIDE, where + " references '" + refUri
                            + "', which is not its own signature properties");
                }
                register(carriers.get(0), refUri.substring(1));
                properties = carriers.get(0);
            } else {
                throw new SignatureRejectedException(Problem.EXTERNAL_REFERENCE, where + " references '" + refUri
                        + "'; only '" + uri + "' and its own signature properties are accepted");
            }
        }
        if (!covers) {
            throw new SignatureRejectedException(Problem.REFERENCE_OUTSIDE, "no reference in " + where + " covers '" + uri + "'");
        }
        XMLSignature signature = read(signatureElement, where);
        signature.addResourceResolver(new DetachedResolver(uri, content));
        X509Certificate cert = checkedCertificate(signatureElement, signature, at, where);
        checkValue(signature, cert, where);
        Instant signingTime = properties == null ? null : signingTime(properties, signatureElement, where);
        if (signingTime != null) {
            checkValidity(cert, signingTime, "at its stated signing time ", where);
        }
        return new VerifiedSignature(signatureElement, cert, signature.getSignedInfo().getSignatureMethodURI(), signingTime);
    }

    /** Resolves exactly one URI, to the stream it is given; no other URI resolves. */
    private static final class DetachedResolver extends ResourceResolverSpi {
        private final String uri;
        private final DetachedContent content;

        DetachedResolver(String uri, DetachedContent content) {
            this.uri = uri;
            this.content = content;
        }

        @Override
        public boolean engineCanResolveURI(ResourceResolverContext context) {
            return uri.equals(context.uriToResolve);
        }

        @Override
        public XMLSignatureInput engineResolveURI(ResourceResolverContext context) throws ResourceResolverException {
            try {
                XMLSignatureInput input = new XMLSignatureStreamInput(content.open());
                input.setSourceURI(uri);
                return input;
            } catch (IOException e) {
                throw new ResourceResolverException(e, uri, context.baseUri, "generic.EmptyMessage");
            }
        }
    }

    private static XMLSignature read(Element signatureElement, String where) {
        try {
            return CryptoProvider.forSignatures() == null ? new XMLSignature(signatureElement, "", true)
                    : new XMLSignature(signatureElement, "", true, CryptoProvider.forSignatures());
        } catch (XMLSecurityException e) {
            throw new SignatureRejectedException(Problem.MALFORMED, "the signature in " + where + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** The KeyInfo certificate, checked: strong enough, trusted, valid at {@code at}. */
    private X509Certificate checkedCertificate(Element signatureElement, XMLSignature signature, Instant at, String where) {
        X509Certificate cert;
        try {
            cert = trustedKeyInfoCertificate(signatureElement);
            if (cert == null) {
                KeyInfo keyInfo = signature.getKeyInfo();
                cert = keyInfo == null ? null : keyInfo.getX509Certificate();
            }
        } catch (XMLSecurityException e) {
            throw new SignatureRejectedException(Problem.MALFORMED, "the signature in " + where + " cannot be read: "
                    + e.getMessage(), e);
        }
        if (cert == null) {
            throw new SignatureRejectedException(Problem.UNKNOWN_KEY, "the signature in " + where
                    + " carries no X.509 certificate in KeyInfo, so its key cannot be checked against the trust store");
        }
        if (cert.getPublicKey() instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < SignatureAlgorithm.MIN_RSA_BITS) {
            throw new SignatureRejectedException(Problem.WEAK_ALGORITHM, "the signature in " + where + " uses an RSA key of "
                    + rsa.getModulus().bitLength() + " bits; at least " + SignatureAlgorithm.MIN_RSA_BITS + " are required");
        }
        if (!trust.trusts(cert, at)) {
            // issued by a trusted CA but expired or not yet valid: say so, not that the issuer is unknown
            Instant notBefore = cert.getNotBefore().toInstant();
            Instant notAfter = cert.getNotAfter().toInstant();
            Instant inside = at.isAfter(notAfter) ? notAfter : at.isBefore(notBefore) ? notBefore : at;
            if (!inside.equals(at) && trust.trusts(cert, inside)) {
                checkValidity(cert, at, "at ", where);
            }
            throw new SignatureRejectedException(Problem.UNKNOWN_KEY, "the signature in " + where + " was made by "
                    + Certificates.describe(cert) + ", which the trust store " + trust.source() + " does not hold");
        }
        checkValidity(cert, at, "at ", where);

        return cert;
    }

    /**
     * The certificate of the common KeyInfo form (one X509Data holding one X509Certificate, as this node
     * signs) when its bytes are exactly those of a certificate of the trust store: that trusted certificate
     * object itself, so its key is decoded once rather than per signature. Null for any other KeyInfo or
     * certificate, which Santuario then reads as before (the same certificate, as these are the same bytes).
     */
    private X509Certificate trustedKeyInfoCertificate(Element signatureElement) {
        Element keyInfo = child(signatureElement, "KeyInfo");
        Element x509Data = keyInfo == null ? null : onlyChildElement(keyInfo);
        Element certificate = x509Data == null || !isDsig(x509Data, "X509Data") ? null : onlyChildElement(x509Data);
        if (certificate == null || !isDsig(certificate, "X509Certificate")) {
            return null;
        }
        StringBuilder base64 = new StringBuilder();
        for (Node n = certificate.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Text t)) {
                return null;
            }
            base64.append(t.getData());
        }
        byte[] encoded;
        try {
            encoded = Base64.getMimeDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (X509Certificate trusted : trust.certificates()) {
            try {
                if (Arrays.equals(trusted.getEncoded(), encoded)) {
                    return trusted;
                }
            } catch (CertificateEncodingException e) {
                return null;
            }
        }
        return null;
    }

    private static Element onlyChildElement(Element parent) {
        Element only = firstChildElement(parent);
        return only == null || nextElement(only) != null ? null : only;
    }

    /** The certificate's public key in the signature provider's form, translated once per certificate. */
    static PublicKey verificationKey(X509Certificate cert) {
        Provider provider = CryptoProvider.forSignatures();
        if (provider == null) {
            return cert.getPublicKey();
        }
        PublicKey cached = VERIFICATION_KEYS.get(cert);
        if (cached != null) {
            return cached;
        }
        PublicKey key = cert.getPublicKey();
        try {
            key = (PublicKey) KeyFactory.getInstance(key.getAlgorithm(), provider).translateKey(key);
        } catch (GeneralSecurityException | ClassCastException e) {
            return cert.getPublicKey(); // the provider cannot take this key: Santuario uses the JDK's form
        }
        if (VERIFICATION_KEYS.size() >= MAX_CACHED_KEYS) {
            VERIFICATION_KEYS.clear();
        }
        VERIFICATION_KEYS.put(cert, key);
        return key;
    }

    private static void checkValue(XMLSignature signature, X509Certificate cert, String where) {
        boolean valid;
        try {
            valid = signature.checkSignatureValue(verificationKey(cert));
        } catch (XMLSecurityException e) {
            throw new SignatureRejectedException(Problem.MALFORMED, "the signature in " + where + " cannot be checked: "
                    + e.getMessage(), e);
        }
        if (!valid) {
            throw mismatch(signature, where);
        }
    }

    private static Element signatureOf(Element processed, String where) {
        List<Element> signatures = new ArrayList<>();
        for (Element e = firstChildElement(processed); e != null; e = nextElement(e)) {
            if (isDsig(e, "Signature")) {
                signatures.add(e);
            }
        }
        if (signatures.isEmpty()) {
            String elsewhere = processed.getOwnerDocument().getElementsByTagNameNS(Dsig.NS, "Signature").getLength() > 0
                    ? "; a ds:Signature elsewhere in the document does not count: it must be a child of the element it signs"
                    : "";
            throw new SignatureRejectedException(Problem.UNSIGNED, where + " is not signed: a signature is required and "
                    + "none is its child" + elsewhere);
        }
        if (signatures.size() > 1) {
            throw new SignatureRejectedException(Problem.MALFORMED, where + " carries " + signatures.size()
                    + " signatures; exactly one is accepted");
        }
        return signatures.get(0);
    }

    /** Algorithms, limits and external pointers, read from the DOM before Santuario sees anything. */
    private void checkStructure(Element signature, String where) {
        if (signature.getElementsByTagNameNS(Dsig.NS, "RetrievalMethod").getLength() > 0) {
            throw new SignatureRejectedException(Problem.EXTERNAL_REFERENCE, "the signature in " + where
                    + " uses a ds:RetrievalMethod; keys are taken only from the X.509 certificate in KeyInfo");
        }
        Element signedInfo = child(signature, "SignedInfo");
        if (signedInfo == null) {
            throw new SignatureRejectedException(Problem.MALFORMED, "the signature in " + where + " has no ds:SignedInfo");
        }
        String c14n = algorithmOf(child(signedInfo, "CanonicalizationMethod"), "CanonicalizationMethod", where);
        if (!Dsig.CANONICALIZATIONS.contains(c14n)) {
            throw new SignatureRejectedException(Problem.DISALLOWED_ALGORITHM, "the signature in " + where
                    + " canonicalizes SignedInfo with " + c14n + "; accepted: c14n, c14n 1.1, exclusive c14n");
        }
        String method = algorithmOf(child(signedInfo, "SignatureMethod"), "SignatureMethod", where);
        if (Dsig.weak(method)) {
            throw new SignatureRejectedException(Problem.WEAK_ALGORITHM, "the signature in " + where + " uses " + method
                    + "; SHA-1 and MD5 are refused, sign with RSA-SHA256 or ECDSA-SHA256");
        }
        if (!Dsig.SIGNATURE_METHODS.contains(method)) {
            throw new SignatureRejectedException(Problem.DISALLOWED_ALGORITHM, "the signature in " + where + " uses " + method
                    + "; accepted: RSA or ECDSA with SHA-256, SHA-384 or SHA-512");
        }
        List<Element> references = children(signedInfo, "Reference");
        if (references.isEmpty()) {
            throw new SignatureRejectedException(Problem.MALFORMED, "the signature in " + where + " has no ds:Reference");
        }
        if (references.size() > limits.maxReferences()) {
            throw new SignatureRejectedException(Problem.TOO_MANY_REFERENCES, "the signature in " + where + " has "
                    + references.size() + " references; at most " + limits.maxReferences() + " are accepted");
        }
        for (Element reference : references) {
            String uri = reference.getAttributeNS(null, "URI");
            String digest = algorithmOf(child(reference, "DigestMethod"), "DigestMethod", where);
            if (Dsig.weak(digest)) {
                throw new SignatureRejectedException(Problem.WEAK_ALGORITHM, "the reference '" + uri + "' in " + where
                        + " is digested with " + digest + "; SHA-1 and MD5 are refused, use SHA-256");
            }
            if (!Dsig.DIGESTS.contains(digest)) {
                throw new SignatureRejectedException(Problem.DISALLOWED_ALGORITHM, "the reference '" + uri + "' in " + where
                        + " is digested with " + digest + "; accepted: SHA-256, SHA-384, SHA-512");
            }
            Element transforms = child(reference, "Transforms");
            List<Element> list = transforms == null ? List.of() : children(transforms, "Transform");
            if (list.size() > limits.maxTransforms()) {
                throw new SignatureRejectedException(Problem.TOO_MANY_TRANSFORMS, "the reference '" + uri + "' in " + where
                        + " has " + list.size() + " transforms; at most " + limits.maxTransforms() + " are accepted");
            }
            for (Element t : list) {
                String alg = algorithmOf(t, "Transform", where);
                if (!Dsig.TRANSFORMS.contains(alg)) {
                    throw new SignatureRejectedException(Problem.DISALLOWED_ALGORITHM, "the reference '" + uri + "' in "
                            + where + " uses the transform " + alg + "; accepted: enveloped-signature and canonicalization");
                }
            }
        }
    }

    /**
     * Every Reference must point inside this document, at the processed element or at this signature's
     * own SignatureProperties, each ID once. Registers the IDs it accepts and returns the
     * SignatureProperties element a Reference covers, or null.
     */
    private static Element checkReferences(Element processed, Element signature, List<Element> references, String where) {
        Document doc = processed.getOwnerDocument();
        boolean coversProcessed = false;
        Element properties = null;
        for (Element reference : references) {
            if (!reference.hasAttributeNS(null, "URI")) {
                throw new SignatureRejectedException(Problem.REFERENCE_OUTSIDE, "a reference in the signature of " + where
                        + " has no URI; it must point at the signed element");
            }
            String uri = reference.getAttributeNS(null, "URI");
            if (uri.isEmpty()) {
                if (processed != doc.getDocumentElement()) {
                    throw new SignatureRejectedException(Problem.REFERENCE_OUTSIDE, "a reference with URI=\"\" covers the whole "
                            + "document, not the processed element " + where + "; reference it by its ID");
                }
                coversProcessed = true;
                continue;
            }
            if (!uri.startsWith("#")) {
                throw new SignatureRejectedException(Problem.EXTERNAL_REFERENCE, "the signature of " + where
                        + " references '" + uri + "' outside the document; only references to the signed element are accepted");
            }
            String id = uri.substring(1);
            if (id.startsWith("xpointer(")) {
                throw new SignatureRejectedException(Problem.REFERENCE_OUTSIDE, "the signature of " + where
                        + " references '" + uri + "'; XPointer references are refused, reference the signed element by its ID");
            }
            List<Element> carriers = new ArrayList<>();
            collectCarriers(doc.getDocumentElement(), id, carriers);
            if (carriers.size() > 1) {
                throw new SignatureRejectedException(Problem.DUPLICATE_ID, "the ID '" + id + "' referenced by the signature of "
                        + where + " is carried by " + carriers.size() + " elements (" + paths(carriers) + "); an ID must be unique");
            }
            Element target = carriers.isEmpty() ? null : carriers.get(0);
            if (target == processed) {
                register(processed, id);
                coversProcessed = true;
            } else if (target != null && isOwnSignatureProperties(target, signature)
                    && Dsig.SIGNATURE_PROPERTIES_TYPE.equals(reference.getAttributeNS(null, "Type"))) {
                register(target, id);
                properties = target;
            } else {
                throw new SignatureRejectedException(Problem.REFERENCE_OUTSIDE, "the signature of " + where + " references '"
                        + uri + "', which " + (target == null ? "is not in the document" : "is " + path(target))
                        + ", not the signed element");
            }
        }
        if (!coversProcessed) {
            throw new SignatureRejectedException(Problem.REFERENCE_OUTSIDE, "no reference in the signature covers " + where);
        }
        return properties;
    }

    private static boolean isOwnSignatureProperties(Element target, Element signature) {
        if (!isDsig(target, "SignatureProperties")) {
            return false;
        }
        Node object = target.getParentNode();
        return object instanceof Element o && isDsig(o, "Object") && o.getParentNode() == signature;
    }

    private static Instant signingTime(Element properties, Element signature, String where) {
        String target = "#" + signature.getAttributeNS(null, "Id");
        for (Element property : children(properties, "SignatureProperty")) {
            if (!target.equals(property.getAttributeNS(null, "Target"))) {
                continue;
            }
            for (Element e = firstChildElement(property); e != null; e = nextElement(e)) {
                if (Dsig.PROPERTIES_NS.equals(e.getNamespaceURI()) && "SigningTime".equals(e.getLocalName())) {
                    try {
                        return parseInstant(e.getTextContent().trim());
                    } catch (DateTimeParseException ex) {
                        throw new SignatureRejectedException(Problem.MALFORMED, "the signing time '" + e.getTextContent()
                                + "' in the signature of " + where + " is not an xsd:dateTime in UTC");
                    }
                }
            }
        }
        return null;
    }

    /** @param whenPrefix what precedes {@code at} in the message ("at ..."): the message is built only on failure */
    private static final java.util.regex.Pattern PLAIN_UTC =
            java.util.regex.Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?Z");

    /**
     * {@link Instant#parse}, with a direct path for the plain form signers write ({@code 2026-11-26T12:00:00.123Z}):
     * the general ISO parser costs a sixth of a verification. Anything else, or a field out of range, goes
     * to {@link Instant#parse} itself, so what is accepted and refused, and how, is unchanged.
     */
    static Instant parseInstant(String text) {
        java.util.regex.Matcher m = PLAIN_UTC.matcher(text);
        if (m.matches()) {
            try {
                String fraction = m.group(7);
                int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
                return java.time.LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        Integer.parseInt(m.group(6)), nanos).toInstant(java.time.ZoneOffset.UTC);
            } catch (java.time.DateTimeException e) {
                // out of range here (a leap second, 24:00, 30 February): as Instant.parse has it
            }
        }
        return Instant.parse(text);
    }

    private static void checkValidity(X509Certificate cert, Instant at, String whenPrefix, String where) {
        try {
            cert.checkValidity(Date.from(at));
        } catch (CertificateExpiredException e) {
            String when = whenPrefix + at;
            throw new SignatureRejectedException(Problem.CERTIFICATE_EXPIRED, "the certificate that signed " + where + ", "
                    + Certificates.describe(cert) + ", expired on " + cert.getNotAfter().toInstant() + ": it is not valid " + when);
        } catch (CertificateNotYetValidException e) {
            String when = whenPrefix + at;
            throw new SignatureRejectedException(Problem.CERTIFICATE_NOT_YET_VALID, "the certificate that signed " + where
                    + ", " + Certificates.describe(cert) + ", is valid only from " + cert.getNotBefore().toInstant()
                    + ": it is not valid " + when);
        }
    }

    private static SignatureRejectedException mismatch(XMLSignature signature, String where) {
        try {
            for (int i = 0; i < signature.getSignedInfo().getLength(); i++) {
                Reference r = signature.getSignedInfo().item(i);
                if (!r.verify()) {
                    return new SignatureRejectedException(Problem.DIGEST_MISMATCH, "the content covered by reference '"
                            + r.getURI() + "' in " + where + " changed after it was signed (its digest does not match)");
                }
            }
        } catch (XMLSecurityException e) {
            return new SignatureRejectedException(Problem.MALFORMED, "a reference in " + where + " cannot be checked: "
                    + e.getMessage(), e);
        }
        return new SignatureRejectedException(Problem.SIGNATURE_MISMATCH, "the signature value in " + where
                + " does not match its SignedInfo under the key of the certificate in KeyInfo: the certificate was swapped "
                + "or SignedInfo was altered");
    }

    /** Defence in depth: the Reference Santuario verified resolved to the processed element itself. */
    private static void checkResolvedTo(XMLSignature signature, Element processed, String where) {
        try {
            for (int i = 0; i < signature.getSignedInfo().getLength(); i++) {
                Reference r = signature.getSignedInfo().item(i);
                Node node = r.getContentsBeforeTransformation().getSubNode();
                if (node == processed || (node instanceof Document d && d.getDocumentElement() == processed)) {
                    return;
                }
            }
        } catch (XMLSecurityException e) {
            throw new SignatureRejectedException(Problem.MALFORMED, "the references in " + where + " cannot be resolved: "
                    + e.getMessage(), e);
        }
        throw new SignatureRejectedException(Problem.REFERENCE_OUTSIDE, "the verified reference did not resolve to " + where);
    }

    /** The value of the element's ID attribute: Id, ID, id, xml:id or wsu:Id; null when it has none. */
    static String idOf(Element e) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (isIdName(a)) {
                return a.getValue();
            }
        }
        return null;
    }

    private static boolean isIdName(Attr a) {
        String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
        if (!"Id".equals(local) && !"ID".equals(local) && !"id".equals(local)) {
            return false;
        }
        String ns = a.getNamespaceURI();
        return ns == null || XMLConstants.XML_NS_URI.equals(ns) || ns.endsWith("oasis-200401-wss-wssecurity-utility-1.0.xsd");
    }

    private static void collectCarriers(Element e, String id, List<Element> out) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (isIdName(a) && id.equals(a.getValue())) {
                out.add(e);
                break;
            }
        }
        for (Element c = firstChildElement(e); c != null; c = nextElement(c)) {
            collectCarriers(c, id, out);
        }
    }

    private static void register(Element e, String id) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (isIdName(a) && id.equals(a.getValue())) {
                e.setIdAttributeNode(a, true);
                return;
            }
        }
    }

    private static String algorithmOf(Element e, String what, String where) {
        if (e == null || !e.hasAttributeNS(null, "Algorithm")) {
            throw new SignatureRejectedException(Problem.MALFORMED, "the signature in " + where + " has no ds:" + what
                    + " Algorithm");
        }
        return e.getAttributeNS(null, "Algorithm");
    }

    private static String paths(List<Element> elements) {
        List<String> out = new ArrayList<>();
        for (Element e : elements) {
            out.add(path(e));
        }
        return String.join(", ", out);
    }

    /** /Envelope/Body/GetFamilyResponse: where an element sits, for messages. */
    static String path(Element e) {
        StringBuilder sb = new StringBuilder();
        for (Node n = e; n instanceof Element el; n = n.getParentNode()) {
            sb.insert(0, "/" + el.getTagName());
        }
        return sb.toString();
    }

    private static boolean isDsig(Element e, String local) {
        return Dsig.NS.equals(e.getNamespaceURI()) && local.equals(e.getLocalName());
    }

    private static Element child(Element parent, String local) {
        if (parent == null) {
            return null;
        }
        for (Element e = firstChildElement(parent); e != null; e = nextElement(e)) {
            if (isDsig(e, local)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String local) {
        List<Element> out = new ArrayList<>();
        if (parent != null) {
            for (Element e = firstChildElement(parent); e != null; e = nextElement(e)) {
                if (isDsig(e, local)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static Element firstChildElement(Node parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static Element nextElement(Element e) {
        for (Node n = e.getNextSibling(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element next) {
                return next;
            }
        }
        return null;
    }
}
