package org.dossierlink.xml;

/**
 * Every size and depth limit on XML this node accepts, in one place. The parser factories in
 * {@link SecureXml} (StAX, SAX, DOM: every dialect reader, the validator, Saxon's input), the SOAP
 * edge (CXF's StAX limits, its MTOM attachment limits and the request size limit, set by
 * {@code server.DossierServer}) and signature verification read them from here; nothing else sets
 * its own.
 *
 * <table>
 * <caption>What each limit guards, and where it is applied</caption>
 * <tr><th>limit</th><th>guards against</th><th>applied to</th></tr>
 * <tr><td>{@link #MAX_ELEMENT_DEPTH}</td><td>deep nesting (stack exhaustion, slow recursive code)</td>
 *     <td>SOAP requests (CXF StAX), StAX, SAX and DOM parsers</td></tr>
 * <tr><td>{@link #MAX_ATTRIBUTE_COUNT}</td><td>huge attribute counts (hash collisions, memory)</td>
 *     <td>SOAP requests, StAX, SAX and DOM parsers</td></tr>
 * <tr><td>{@link #MAX_NAMESPACE_DECLARATIONS}</td><td>many namespace declarations on one element</td>
 *     <td>the same parsers: each counts them against its per-element attribute limit</td></tr>
 * <tr><td>{@link #MAX_ATTRIBUTE_LENGTH}</td><td>one huge attribute value</td><td>SOAP requests, StAX</td></tr>
 * <tr><td>{@link #MAX_TEXT_LENGTH}</td><td>one huge text node</td><td>SOAP requests, StAX</td></tr>
 * <tr><td>{@link #MAX_CHILD_ELEMENTS}, {@link #MAX_ELEMENT_COUNT}</td><td>wide or huge trees</td>
 *     <td>SOAP requests, StAX</td></tr>
 * <tr><td>{@link #MAX_STREAMED_CHILD_ELEMENTS}, {@link #MAX_STREAMED_ELEMENT_COUNT}</td><td>the same, for documents
 *     streamed element by element and never held (nothing accumulates but a count)</td>
 *     <td>bulk package manifests and concatenated files ({@code SecureXml.streamingInputFactory()})</td></tr>
 * <tr><td>{@link #MAX_ENTITY_EXPANSIONS}</td><td>billion laughs, deep entity indirection</td>
 *     <td>SAX and DOM parsers (office documents carry a DOCTYPE); a SOAP request may carry none at all</td></tr>
 * <tr><td>{@link #MAX_ENTITY_SIZE}</td><td>quadratic blow-up (one big entity referenced many times)</td>
 *     <td>SAX and DOM parsers: any one general or parameter entity</td></tr>
 * <tr><td>{@link #MAX_TOTAL_ENTITY_SIZE}</td><td>entity expansion in total</td><td>SAX and DOM parsers</td></tr>
 * <tr><td>{@link #MAX_REQUEST_BYTES}</td><td>oversized messages, chunked or not</td>
 *     <td>the whole SOAP request body, MTOM parts included ({@code server.RequestSizeLimit})</td></tr>
 * <tr><td>{@link #MAX_ATTACHMENT_COUNT}</td><td>over-numerous MTOM parts</td><td>CXF {@code attachment-max-count}</td></tr>
 * <tr><td>{@link #MAX_ATTACHMENT_BYTES}</td><td>one oversized MTOM part</td><td>CXF {@code attachment-max-size}</td></tr>
 * <tr><td>{@link #MAX_SIGNATURE_REFERENCES}, {@link #MAX_REFERENCE_TRANSFORMS}</td>
 *     <td>signature verification made expensive</td><td>{@code signature.SignatureVerifier}</td></tr>
 * </table>
 *
 * <p>No DTD is read in a SOAP request and no external entity anywhere (see {@link SecureXml}); the
 * entity limits bound what an office document's internal subset can declare.
 */
public final class XmlLimits {

    /** Deepest element nesting accepted in a request or an imported document. */
    public static final int MAX_ELEMENT_DEPTH = 100;
    /** Most attributes on one element (namespace declarations count too). */
    public static final int MAX_ATTRIBUTE_COUNT = 500;
    /**
     * Most namespace declarations on one element. Woodstox (the SOAP edge, StAX) and the JDK's parsers
     * count them against their per-element attribute limit, so this is that same number.
     */
    public static final int MAX_NAMESPACE_DECLARATIONS = MAX_ATTRIBUTE_COUNT;
    /** Longest attribute value, in characters. */
    public static final int MAX_ATTRIBUTE_LENGTH = 64 * 1024;
    /** Longest text node, in characters. */
    public static final int MAX_TEXT_LENGTH = 64 * 1024 * 1024;
    /** Most child elements of one element. */
    public static final int MAX_CHILD_ELEMENTS = 500_000;
    /** Most elements in one document. */
    public static final long MAX_ELEMENT_COUNT = 10_000_000L;
    /** Most child elements of one element in a streamed document: a manifest of fifty million items. */
    public static final int MAX_STREAMED_CHILD_ELEMENTS = 50_000_000;
    /** Most elements in one streamed document. */
    public static final long MAX_STREAMED_ELEMENT_COUNT = 2_000_000_000L;
    /**
     * Most entity references expanded in one document, general and parameter, the DTDs read from the
     * catalog included: the JDK's own default, made explicit here; the corpus validates within it and
     * within {@link #MAX_TOTAL_ENTITY_SIZE} ({@code ValidationCorpusTest}).
     */
    public static final int MAX_ENTITY_EXPANSIONS = 64_000;
    /** Longest replacement text of one entity, in characters. */
    public static final int MAX_ENTITY_SIZE = 1024 * 1024;
    /** Most characters produced by entity expansion in one document, in total. */
    public static final int MAX_TOTAL_ENTITY_SIZE = 8 * 1024 * 1024;
    /** Largest SOAP request body accepted, in bytes, MTOM attachments included. */
    public static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;
    /** Most MTOM attachments in one request (ValidateDossier sends at most one). */
    public static final int MAX_ATTACHMENT_COUNT = 8;
    /** Largest single MTOM attachment, in bytes. */
    public static final long MAX_ATTACHMENT_BYTES = MAX_REQUEST_BYTES;
    /** Largest answer this node reads from a peer node (envelope and MTOM attachment together). */
    public static final long MAX_PEER_ANSWER_BYTES = MAX_REQUEST_BYTES + MAX_ATTACHMENT_BYTES;

    /** Most ds:Reference elements in one signature accepted for verification (ours carry two). */
    public static final int MAX_SIGNATURE_REFERENCES = 4;
    /** Most transforms in one ds:Reference accepted for verification (enveloped + one canonicalization is usual). */
    public static final int MAX_REFERENCE_TRANSFORMS = 3;

    private XmlLimits() {
    }
}
