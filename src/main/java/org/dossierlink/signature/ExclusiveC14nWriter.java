package org.dossierlink.signature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntBinaryOperator;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A StAX writer that writes one element, the payload to be signed, directly in its exclusive canonical form
 * (W3C exc-c14n 1.0 without comments, no InclusiveNamespaces PrefixList), UTF-8, as Santuario's canonicalizer
 * would render the same element from a DOM:
 * <ul>
 * <li>no XML declaration; empty elements as a start and an end tag; comments left out;</li>
 * <li>a namespace declaration is written on an element only where the element or one of its attributes
 * visibly uses the prefix and no ancestor has rendered the same binding (declarations that are only in
 * scope are left out); {@code xml} is never declared;</li>
 * <li>namespace declarations first, by prefix (the default namespace first), then attributes: unqualified
 * ones by name, then qualified ones by namespace URI and name;</li>
 * <li>text escapes {@code & < >} and CR, attribute values {@code & < "} and TAB, LF, CR.</li>
 * </ul>
 * The root element gets the unqualified {@code Id} attribute that its Reference points to (the one the
 * marshaller wrote, when it wrote a non-empty one). The SHA-256 of the bytes is computed as they are written.
 * <p>
 * Where exclusive c14n of this element alone would not be the form a verifier computes, the writer stops
 * and says why ({@link #refusal()}); the caller then signs through a DOM ({@link PayloadSigner#sign}):
 * an {@code xsi:type} attribute (its QName prefix would need an InclusiveNamespaces PrefixList), a root
 * element or root attribute with the prefix of a signature element ({@code ds}, {@code dl}, {@code ec}: the
 * signature's own canonical form would then differ inside the root), processing instructions, DTDs, entity
 * references, and characters XML 1.0 cannot hold. One instance writes one element; not thread-safe.
 */
public final class ExclusiveC14nWriter implements XMLStreamWriter {

    /** The prefixes of the signature's own elements, as in {@link PayloadSigner}. */
    private static final Set<String> SIGNATURE_PREFIXES = Set.of("ds", "dl", "ec");

    private final String idAttribute;
    private String id;
    private final MessageDigest sha256;

    /** The output: full chunks (digested as they fill), then the current chunk {@code buf}, {@code len} bytes used. */
    private final List<byte[]> chunks = new ArrayList<>();
    private int[] chunkLengths = new int[8];
    /** Bytes in full chunks. */
    private int flushed;
    private byte[] buf;
    private int len;

    /** The element whose start tag is not closed yet, or null; one object reused for every element. */
    private Pending pending;
    private final Pending next = new Pending();
    /** Open elements' prefixes and local names (for their end tags); depth is their number. */
    private String[] openPrefixes = new String[16];
    private String[] openLocals = new String[16];
    private int depth;
    /** Namespace bindings declared to this writer (writeNamespace, setPrefix), by element. */
    private final Bindings declared = new Bindings();
    /** Namespace bindings rendered in the output, by element. */
    private final Bindings rendered = new Bindings();
    /** The namespaces the pending start tag renders. */
    private final Bindings renders = new Bindings();
    private NamespaceContext rootContext;

    private boolean started;
    private boolean finished;
    /** Offset of the root's end tag in the output. */
    private int rootEndTag = -1;
    /** Size of the chunks after the first: no array is large enough to be a humongous object in G1. */
    private static final int CHUNK = 32 * 1024;
    private String refusal;
    private byte[] digest;

    /**
     * @param idAttribute the root's unqualified ID attribute ({@link PayloadSigner#ID_ATTRIBUTE})
     * @param id          its value unless the marshaller writes a non-empty one
     * @param capacity    the expected size in bytes
     */
    public ExclusiveC14nWriter(String idAttribute, String id, int capacity) {
        this.idAttribute = Objects.requireNonNull(idAttribute, "idAttribute");
        this.id = Objects.requireNonNull(id, "id");
        this.buf = new byte[Math.min(Math.max(capacity, 256), CHUNK)];
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        declared.enter();
    }

    /** Why the element cannot be written here (then sign it through a DOM), or null. */
    public String refusal() {
        return refusal;
    }

    /** True when the root element has been written completely, and nothing was refused. */
    public boolean complete() {
        return finished && refusal == null;
    }

    /** The value of the root's ID attribute. */
    public String id() {
        return id;
    }

    /** The SHA-256 of the canonical form written (available once {@link #complete()}). */
    public byte[] digest() {
        requireComplete();
        if (digest == null) {
            sha256.update(buf, 0, len);
            digest = sha256.digest();
        }
        return digest;
    }

    /** The number of bytes of the canonical form. */
    public int size() {
        return flushed + len;
    }

    /**
     * Writes the canonical form with {@code signature} (a canonical {@code ds:Signature}) as the root's last
     * child, just before its end tag: the signed element as a verifier receives it.
     */
    public void writeWith(byte[] signature, OutputStream out) throws IOException {
        requireComplete();
        int at = 0;
        for (int i = 0; i <= chunks.size(); i++) {
            byte[] chunk = i < chunks.size() ? chunks.get(i) : buf;
            int n = i < chunks.size() ? chunkLengths[i] : len;
            if (at <= rootEndTag && rootEndTag < at + n) {
                out.write(chunk, 0, rootEndTag - at);
                out.write(signature);
                out.write(chunk, rootEndTag - at, n - (rootEndTag - at));
            } else {
                out.write(chunk, 0, n);
            }
            at += n;
        }
    }

    /** {@link #writeWith} into one array. */
    public byte[] toByteArrayWith(byte[] signature) {
        requireComplete();
        ByteArrayOutputStream all = new ByteArrayOutputStream(size() + signature.length);
        try {
            writeWith(signature, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toByteArray();
    }

    private void requireComplete() {
        if (!complete()) {
            throw new IllegalStateException(refusal != null ? "not canonicalizable here: " + refusal
                    : "the root element is not written yet");
        }
    }

    private XMLStreamException refuse(String why) {
        if (refusal == null) {
            refusal = why;
        }
        return new XMLStreamException("exclusive c14n stream: " + why);
    }

    // ---- elements

    @Override
    public void writeStartElement(String localName) throws XMLStreamException {
        writeStartElement("", localName, null);
        pending.uri = null; // the default namespace in scope when the start tag closes
    }

    @Override
    public void writeStartElement(String namespaceURI, String localName) throws XMLStreamException {
        String prefix = prefixOf(namespaceURI);
        if (prefix == null) {
            throw refuse("no prefix bound to " + namespaceURI);
        }
        writeStartElement(prefix, localName, namespaceURI);
    }

    @Override
    public void writeStartElement(String prefix, String localName, String namespaceURI) throws XMLStreamException {
        checkOpen();
        closeStartTag();
        if (started && depth == 0) {
            throw refuse("a second root element");
        }
        String p = prefix == null ? "" : prefix;
        if (!started && SIGNATURE_PREFIXES.contains(p)) {
            throw refuse("root element prefix " + p);
        }
        started = true;
        pending = next.reset(p, localName, namespaceURI == null ? "" : namespaceURI, depth == 0);
        declared.enter();
    }

    @Override
    public void writeEmptyElement(String namespaceURI, String localName) throws XMLStreamException {
        writeStartElement(namespaceURI, localName);
        writeEndElement();
    }

    @Override
    public void writeEmptyElement(String prefix, String localName, String namespaceURI) throws XMLStreamException {
        writeStartElement(prefix, localName, namespaceURI);
        writeEndElement();
    }

    @Override
    public void writeEmptyElement(String localName) throws XMLStreamException {
        writeStartElement(localName);
        writeEndElement();
    }

    @Override
    public void writeEndElement() throws XMLStreamException {
        checkOpen();
        closeStartTag();
        if (depth == 0) {
            throw refuse("end tag without a start tag");
        }
        --depth;
        declared.leave();
        rendered.leave();
        if (depth == 0) {
            rootEndTag = flushed + len;
        }
        ascii('<');
        ascii('/');
        name(openPrefixes[depth], openLocals[depth]);
        ascii('>');
        if (depth == 0) {
            finished = true;
        }
    }

    @Override
    public void writeEndDocument() throws XMLStreamException {
        while (depth > 0 || pending != null) {
            writeEndElement();
        }
    }

    // ---- namespaces and attributes

    @Override
    public void writeNamespace(String prefix, String namespaceURI) throws XMLStreamException {
        if (prefix == null || prefix.isEmpty() || XMLConstants.XMLNS_ATTRIBUTE.equals(prefix)) {
            writeDefaultNamespace(namespaceURI);
            return;
        }
        requirePending("namespace declaration");
        declared.bind(prefix, namespaceURI == null ? "" : namespaceURI);
    }

    @Override
    public void writeDefaultNamespace(String namespaceURI) throws XMLStreamException {
        requirePending("namespace declaration");
        declared.bind("", namespaceURI == null ? "" : namespaceURI);
    }

    @Override
    public void writeAttribute(String localName, String value) throws XMLStreamException {
        requirePending("attribute");
        pending.attribute("", "", localName, value);
    }

    @Override
    public void writeAttribute(String namespaceURI, String localName, String value) throws XMLStreamException {
        if (namespaceURI == null || namespaceURI.isEmpty()) {
            writeAttribute(localName, value);
            return;
        }
        String prefix = prefixOf(namespaceURI);
        if (prefix == null || prefix.isEmpty()) {
            throw refuse("no prefix bound to " + namespaceURI);
        }
        writeAttribute(prefix, namespaceURI, localName, value);
    }

    @Override
    public void writeAttribute(String prefix, String namespaceURI, String localName, String value)
            throws XMLStreamException {
        requirePending("attribute");
        String uri = namespaceURI == null ? "" : namespaceURI;
        String p = prefix == null ? "" : prefix;
        if (uri.isEmpty()) {
            pending.attribute("", "", localName, value);
            return;
        }
        if (XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(uri) && "type".equals(localName)) {
            throw refuse("xsi:type (its QName prefix would need an InclusiveNamespaces PrefixList)");
        }
        if (p.isEmpty()) {
            throw refuse("qualified attribute without a prefix");
        }
        if (pending.root && SIGNATURE_PREFIXES.contains(p)) {
            throw refuse("root attribute prefix " + p);
        }
        pending.attribute(p, uri, localName, value);
    }

    // ---- content

    @Override
    public void writeCharacters(String text) throws XMLStreamException {
        if (inRoot()) {
            text(text, 0, text.length());
        } else if (!isWhitespace(text)) {
            throw refuse("text outside the root element");
        }
    }

    @Override
    public void writeCharacters(char[] text, int start, int length) throws XMLStreamException {
        if (inRoot()) {
            text(text, start, length);
        } else if (!isWhitespace(new String(text, start, length))) {
            throw refuse("text outside the root element");
        }
    }

    @Override
    public void writeCData(String data) throws XMLStreamException {
        // c14n writes a CDATA section as the text it holds
        writeCharacters(data);
    }

    /** True inside the root element; outside it only whitespace may come, and it is not written. */
    private boolean inRoot() throws XMLStreamException {
        checkOpen();
        closeStartTag();
        return depth > 0;
    }

    private static boolean isWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void writeComment(String data) throws XMLStreamException {
        // exclusive c14n without comments leaves them out
        checkOpen();
        closeStartTag();
    }

    @Override
    public void writeProcessingInstruction(String target) throws XMLStreamException {
        throw refuse("processing instruction");
    }

    @Override
    public void writeProcessingInstruction(String target, String data) throws XMLStreamException {
        throw refuse("processing instruction");
    }

    @Override
    public void writeDTD(String dtd) throws XMLStreamException {
        throw refuse("DTD");
    }

    @Override
    public void writeEntityRef(String name) throws XMLStreamException {
        throw refuse("entity reference");
    }

    @Override
    public void writeStartDocument() {
        // no XML declaration in a canonical form
    }

    @Override
    public void writeStartDocument(String version) {
        // no XML declaration in a canonical form
    }

    @Override
    public void writeStartDocument(String encoding, String version) {
        // no XML declaration in a canonical form
    }

    // ---- namespace context

    @Override
    public String getPrefix(String uri) {
        return prefixOf(uri);
    }

    @Override
    public void setPrefix(String prefix, String uri) {
        declared.bind(prefix == null ? "" : prefix, uri == null ? "" : uri);
    }

    @Override
    public void setDefaultNamespace(String uri) {
        declared.bind("", uri == null ? "" : uri);
    }

    @Override
    public void setNamespaceContext(NamespaceContext context) {
        this.rootContext = context;
    }

    @Override
    public NamespaceContext getNamespaceContext() {
        return new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return namespaceOf(prefix);
            }

            @Override
            public String getPrefix(String namespaceURI) {
                return prefixOf(namespaceURI);
            }

            @Override
            public Iterator<String> getPrefixes(String namespaceURI) {
                String p = prefixOf(namespaceURI);
                return p == null ? Collections.emptyIterator() : List.of(p).iterator();
            }
        };
    }

    @Override
    public Object getProperty(String name) {
        if ("javax.xml.stream.isRepairingNamespaces".equals(name)) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("property not supported: " + name);
    }

    @Override
    public void flush() {
        // everything stays in memory until writeWith
    }

    @Override
    public void close() {
        // nothing to release
    }

    private String namespaceOf(String prefix) {
        if (XMLConstants.XML_NS_PREFIX.equals(prefix)) {
            return XMLConstants.XML_NS_URI;
        }
        String uri = declared.uriOf(prefix);
        if (uri != null) {
            return uri;
        }
        if (rootContext != null) {
            uri = rootContext.getNamespaceURI(prefix);
            if (uri != null && !uri.isEmpty()) {
                return uri;
            }
        }
        return "";
    }

    private String prefixOf(String uri) {
        if (XMLConstants.XML_NS_URI.equals(uri)) {
            return XMLConstants.XML_NS_PREFIX;
        }
        String prefix = declared.prefixOf(uri);
        return prefix != null || rootContext == null ? prefix : rootContext.getPrefix(uri);
    }

    // ---- output

    private void checkOpen() throws XMLStreamException {
        if (refusal != null) {
            throw new XMLStreamException("exclusive c14n stream: " + refusal);
        }
        if (finished) {
            throw refuse("content after the root element");
        }
    }

    private void requirePending(String what) throws XMLStreamException {
        checkOpen();
        if (pending == null) {
            throw refuse(what + " outside a start tag");
        }
    }

    /** Writes the pending start tag: the namespaces it renders, its attributes in c14n order. */
    private void closeStartTag() throws XMLStreamException {
        Pending e = pending;
        if (e == null) {
            return;
        }
        pending = null;
        if (e.uri == null) {
            e.uri = namespaceOf("");
        }
        if (e.root) {
            int given = -1;
            for (int i = 0; i < e.count; i++) {
                if (e.uris[i].isEmpty() && e.locals[i].equals(idAttribute)) {
                    given = i;
                }
            }
            if (given >= 0 && !e.values[given].isEmpty()) {
                id = e.values[given];
            } else if (given >= 0) {
                e.values[given] = id;
            } else {
                e.attribute("", "", idAttribute, id);
            }
        }
        renders.clear();
        visiblyUses(e.prefix, e.uri);
        for (int i = 0; i < e.count; i++) {
            if (!e.prefixes[i].isEmpty()) {
                visiblyUses(e.prefixes[i], e.uris[i]);
            }
        }
        ascii('<');
        name(e.prefix, e.localName);
        rendered.enter();
        for (int i : renders.sortedByPrefix()) { // "" (the default namespace) sorts first
            String p = renders.prefix(i);
            String uri = renders.uri(i);
            if (p.isEmpty()) {
                ascii(" xmlns=\"");
            } else {
                ascii(" xmlns:");
                chars(p);
                ascii('=');
                ascii('"');
            }
            attributeValue(uri);
            ascii('"');
            rendered.bind(p, uri);
        }
        for (int i : e.sortedAttributes()) {
            ascii(' ');
            name(e.prefixes[i], e.locals[i]);
            ascii('=');
            ascii('"');
            attributeValue(e.values[i]);
            ascii('"');
        }
        ascii('>');
        if (depth == openPrefixes.length) {
            openPrefixes = Arrays.copyOf(openPrefixes, depth * 2);
            openLocals = Arrays.copyOf(openLocals, depth * 2);
        }
        openPrefixes[depth] = e.prefix;
        openLocals[depth++] = e.localName;
    }

    /** Notes that the start tag renders prefix's binding when the output does not have it in scope already. */
    private void visiblyUses(String prefix, String uri) throws XMLStreamException {
        if (XMLConstants.XML_NS_PREFIX.equals(prefix)) {
            return;
        }
        String current = rendered.uriOf(prefix);
        if (current == null) {
            current = ""; // nothing rendered: only xmlns="" is implied
            if (!prefix.isEmpty() && uri.isEmpty()) {
                throw refuse("prefix " + prefix + " bound to no namespace");
            }
        }
        if (current.equals(uri)) {
            return;
        }
        String before = renders.uriOf(prefix);
        if (before == null) {
            renders.bind(prefix, uri);
        } else if (!before.equals(uri)) {
            throw refuse("prefix " + prefix + " bound to two namespaces on one element");
        }
    }

    private void name(String prefix, String localName) throws XMLStreamException {
        if (!prefix.isEmpty()) {
            chars(prefix);
            ascii(':');
        }
        chars(localName);
    }

    private void ascii(char c) {
        if (len == buf.length) {
            ensure(1);
        }
        buf[len++] = (byte) c;
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    /** A name, unescaped. */
    private void chars(String s) throws XMLStreamException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x20 && c < 0x7F) {
                ascii(c);
            } else {
                i = utf8(c, s, i, s.length());
            }
        }
    }

    private void text(String s, int start, int length) throws XMLStreamException {
        int end = start + length;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>') {
                ascii(c);
                continue;
            }
            switch (c) {
                case '&' -> ascii("&amp;");
                case '<' -> ascii("&lt;");
                case '>' -> ascii("&gt;");
                case '\r' -> ascii("&#xD;");
                default -> i = utf8(c, s, i, end);
            }
        }
    }

    private void text(char[] s, int start, int length) throws XMLStreamException {
        text(new String(s, start, length), 0, length);
    }

    private void attributeValue(String s) throws XMLStreamException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '"') {
                ascii(c);
                continue;
            }
            switch (c) {
                case '&' -> ascii("&amp;");
                case '<' -> ascii("&lt;");
                case '"' -> ascii("&quot;");
                case '\t' -> ascii("&#x9;");
                case '\n' -> ascii("&#xA;");
                case '\r' -> ascii("&#xD;");
                default -> i = utf8(c, s, i, s.length());
            }
        }
    }

    /**
     * Writes character {@code c} at index i of s in UTF-8, a surrogate pair as one code point, and
     * returns the last index used. Characters XML 1.0 cannot hold are refused.
     */
    private int utf8(char c, String s, int i, int end) throws XMLStreamException {
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                throw refuse("character U+" + Integer.toHexString(c) + " is not allowed in XML 1.0");
            }
            ensure(1);
            buf[len++] = (byte) c;
            return i;
        }
        if (c < 0x800) {
            ensure(2);
            buf[len++] = (byte) (0xC0 | (c >> 6));
            buf[len++] = (byte) (0x80 | (c & 0x3F));
            return i;
        }
        if (Character.isSurrogate(c)) {
            char low = i + 1 < end ? s.charAt(i + 1) : 0;
            if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(low)) {
                throw refuse("unpaired surrogate U+" + Integer.toHexString(c));
            }
            int cp = Character.toCodePoint(c, low);
            ensure(4);
            buf[len++] = (byte) (0xF0 | (cp >> 18));
            buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            buf[len++] = (byte) (0x80 | (cp & 0x3F));
            return i + 1;
        }
        if (c == 0xFFFE || c == 0xFFFF) {
            throw refuse("character U+" + Integer.toHexString(c) + " is not allowed in XML 1.0");
        }
        ensure(3);
        buf[len++] = (byte) (0xE0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
        return i;
    }

    /** Room for n (a few, never more than a chunk) more bytes; a full chunk is digested when it is put aside, while it is in cache. */
    private void ensure(int n) {
        if (len + n <= buf.length) {
            return;
        }
        sha256.update(buf, 0, len);
        if (chunks.size() == chunkLengths.length) {
            chunkLengths = Arrays.copyOf(chunkLengths, chunks.size() * 2);
        }
        chunkLengths[chunks.size()] = len;
        chunks.add(buf);
        flushed += len;
        buf = new byte[CHUNK];
        len = 0;
    }

    /** Fills {@code o} with 0..n-1 sorted by {@code compare} (an insertion sort: a start tag has few items). */
    private static int[] sortIndexes(int[] o, int n, IntBinaryOperator compare) {
        for (int i = 0; i < n; i++) {
            int j = i;
            while (j > 0 && compare.applyAsInt(o[j - 1], i) > 0) {
                o[j] = o[j - 1];
                j--;
            }
            o[j] = i;
        }
        return o;
    }

    /** A start tag being written: its name and attributes, in arrays reused from element to element. */
    private static final class Pending {
        String prefix;
        String localName;
        String uri;
        boolean root;
        int count;
        String[] prefixes = new String[8];
        String[] uris = new String[8];
        String[] locals = new String[8];
        String[] values = new String[8];
        private int[] order = new int[0];

        Pending reset(String prefix, String localName, String uri, boolean root) {
            this.prefix = prefix;
            this.localName = localName;
            this.uri = uri;
            this.root = root;
            this.count = 0;
            return this;
        }

        void attribute(String prefix, String uri, String localName, String value) {
            if (count == prefixes.length) {
                prefixes = Arrays.copyOf(prefixes, count * 2);
                uris = Arrays.copyOf(uris, count * 2);
                locals = Arrays.copyOf(locals, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            prefixes[count] = prefix;
            uris[count] = uri;
            locals[count] = localName;
            values[count] = value == null ? "" : value;
            count++;
        }

        /** Attribute indexes in c14n order: unqualified ones by name, then by namespace URI and name. */
        int[] sortedAttributes() {
            if (order.length != count) {
                order = new int[count];
            }
            return sortIndexes(order, count, (a, b) -> {
                int c = uris[a].compareTo(uris[b]);
                return c != 0 ? c : locals[a].compareTo(locals[b]);
            });
        }
    }

    /** A stack of namespace bindings, marked per element, innermost last. */
    private static final class Bindings {
        private String[] prefixes = new String[16];
        private String[] uris = new String[16];
        private int size;
        private int[] marks = new int[16];
        private int depth;
        private int[] order = new int[0];

        void enter() {
            if (depth == marks.length) {
                marks = Arrays.copyOf(marks, depth * 2);
            }
            marks[depth++] = size;
        }

        void leave() {
            size = marks[--depth];
        }

        void clear() {
            size = 0;
            depth = 0;
        }

        /** Binds prefix in the innermost element (or at the bottom when none is entered). */
        void bind(String prefix, String uri) {
            int from = depth == 0 ? 0 : marks[depth - 1];
            for (int i = from; i < size; i++) {
                if (prefixes[i].equals(prefix)) {
                    uris[i] = uri;
                    return;
                }
            }
            if (size == prefixes.length) {
                prefixes = Arrays.copyOf(prefixes, size * 2);
                uris = Arrays.copyOf(uris, size * 2);
            }
            prefixes[size] = prefix;
            uris[size] = uri;
            size++;
        }

        String prefix(int i) {
            return prefixes[i];
        }

        String uri(int i) {
            return uris[i];
        }

        /** The innermost binding of prefix, or null. */
        String uriOf(String prefix) {
            for (int i = size - 1; i >= 0; i--) {
                if (prefixes[i].equals(prefix)) {
                    return uris[i];
                }
            }
            return null;
        }

        /** A prefix bound to uri and not rebound further in, or null. */
        String prefixOf(String uri) {
            for (int i = size - 1; i >= 0; i--) {
                if (uris[i].equals(uri) && uri.equals(uriOf(prefixes[i]))) {
                    return prefixes[i];
                }
            }
            return null;
        }

        /** Indexes of all bindings, by prefix (an array reused by the next call). */
        int[] sortedByPrefix() {
            if (order.length != size) {
                order = new int[size];
            }
            return sortIndexes(order, size, (a, b) -> prefixes[a].compareTo(prefixes[b]));
        }
    }
}
