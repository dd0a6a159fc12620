package org.dossierlink.signature;

import java.util.Set;

import org.apache.xml.security.Init;

/** XML-DSig names and algorithm sets, and the one-time initialisation of Apache Santuario. */
final class Dsig {

    static final String NS = "http://www.w3.org/2000/09/xmldsig#";
    /** Namespace of the signing-time property this node puts in its signatures. */
    static final String PROPERTIES_NS = "urn:dossierlink:signature:1";
    static final String SIGNATURE_PROPERTIES_TYPE = NS + "SignatureProperties";

    static final String ENVELOPED = NS + "enveloped-signature";
    static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    static final String EXC_C14N_COMMENTS = EXC_C14N + "WithComments";
    static final String C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    static final String C14N_COMMENTS = C14N + "#WithComments";
    static final String C14N11 = "http://www.w3.org/2006/12/xml-c14n11";
    static final String C14N11_COMMENTS = C14N11 + "#WithComments";
    static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";

    static final Set<String> CANONICALIZATIONS = Set.of(EXC_C14N, EXC_C14N_COMMENTS, C14N, C14N_COMMENTS, C14N11,
            C14N11_COMMENTS);
    static final Set<String> TRANSFORMS = Set.of(ENVELOPED, EXC_C14N, EXC_C14N_COMMENTS, C14N, C14N_COMMENTS, C14N11,
            C14N11_COMMENTS);
    static final Set<String> DIGESTS = Set.of(SHA256, "http://www.w3.org/2001/04/xmldsig-more#sha384",
            "http://www.w3.org/2001/04/xmlenc#sha512");
    static final Set<String> SIGNATURE_METHODS = Set.of(
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512");

    private static volatile boolean initialised;

    private Dsig() {
    }

    /** True for an algorithm URI built on SHA-1 or MD5 (rsa-sha1, dsa-sha1, hmac-md5, xmldsig#sha1, ...). */
    static boolean weak(String uri) {
        String u = uri.toLowerCase(java.util.Locale.ROOT);
        return u.contains("sha1") || u.contains("md5"); // contains: also sha1-rsa-MGF1
    }

    static void init() {
        if (!initialised) {
            synchronized (Dsig.class) {
                if (!initialised) {
                    // no line breaks inside SignedInfo and no wrapped base64: compact, and nothing
                    // for a later pretty-printer to be tempted by
                    if (System.getProperty("org.apache.xml.security.ignoreLineBreaks") == null) {
                        System.setProperty("org.apache.xml.security.ignoreLineBreaks", "true");
                    }
                    Init.init();
                    initialised = true;
                }
            }
        }
    }
}
