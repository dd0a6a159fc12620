package org.dossierlink.signature;

import java.security.cert.X509Certificate;
import java.time.Instant;

import org.w3c.dom.Element;

/**
 * What a successful verification proved. Code that uses the verified data reads {@link #signedElement()}:
 * the very element the signature's Reference resolved to, never one found again by a search.
 *
 * @param signedElement      the element the signature covers
 * @param signer             the certificate whose key made the signature
 * @param signatureAlgorithm the SignatureMethod URI
 * @param signingTime        the signing time the signature states and covers, or null when it states none
 */
public record VerifiedSignature(Element signedElement, X509Certificate signer, String signatureAlgorithm,
                                Instant signingTime) {

    /** How the signed element is named in reports: {namespace}local, with its Id. */
    public String elementName() {
        String ns = signedElement.getNamespaceURI();
        String id = SignatureVerifier.idOf(signedElement);
        return (ns == null ? "" : "{" + ns + "}") + signedElement.getLocalName() + (id == null ? "" : " Id=\"" + id + "\"");
    }

    /** One paragraph for a person: who signed, when, over what. */
    public String describe() {
        return "valid signature over " + elementName() + "\n"
                + "  signed by " + Certificates.describe(signer) + "\n"
                + "  certificate valid " + signer.getNotBefore().toInstant() + " to " + signer.getNotAfter().toInstant() + "\n"
                + "  algorithm " + signatureAlgorithm + "\n"
                + "  signed at " + (signingTime == null ? "(the signature states no signing time)" : signingTime.toString());
    }
}
