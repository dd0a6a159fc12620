package org.dossierlink.xml;

/**
 * Every size and depth limit on XML this node accepts, in one place. The parser factories in
 * {@link SecureXml} and the SOAP edge (CXF's StAX limits) read them from here.
 */
public final class XmlLimits {

    /** Deepest element nesting accepted in a request or an imported document. */
    public static final int MAX_ELEMENT_DEPTH = 100;
    /** Most attributes on one element. */
    public static final int MAX_ATTRIBUTE_COUNT = 500;
    /** Longest attribute value or text node, in characters. */
    public static final int MAX_TEXT_LENGTH = 64 * 1024 * 1024;
    /** Most child elements of one element. */
    public static final int MAX_CHILD_ELEMENTS = 500_000;
    /** Most elements in one document. */
    public static final long MAX_ELEMENT_COUNT = 10_000_000L;
    /** Largest SOAP request body accepted, in bytes. */
    public static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;

    /** Most ds:Reference elements in one signature accepted for verification (ours carry two). */
    public static final int MAX_SIGNATURE_REFERENCES = 4;
    /** Most transforms in one ds:Reference accepted for verification (enveloped + one canonicalization is usual). */
    public static final int MAX_REFERENCE_TRANSFORMS = 3;

    private XmlLimits() {
    }
}
