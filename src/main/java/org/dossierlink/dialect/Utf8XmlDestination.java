package org.dossierlink.dialect;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;

import net.sf.saxon.event.PipelineConfiguration;
import net.sf.saxon.event.Receiver;
import net.sf.saxon.event.ReceiverOption;
import net.sf.saxon.om.AttributeInfo;
import net.sf.saxon.om.AttributeMap;
import net.sf.saxon.om.NamespaceMap;
import net.sf.saxon.om.NamespaceUri;
import net.sf.saxon.om.NodeName;
import net.sf.saxon.s9api.AbstractDestination;
import net.sf.saxon.s9api.Location;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.serialize.SerializationProperties;
import net.sf.saxon.str.Twine8;
import net.sf.saxon.str.UnicodeString;
import net.sf.saxon.trans.XPathException;
import net.sf.saxon.type.SchemaType;

/**
 * Writes a stylesheet's result as UTF-8 XML, for the output the dialect stylesheets declare
 * ({@code <xsl:output method="xml" encoding="UTF-8" indent="no"/>}, optionally with {@code doctype-system}
 * and {@code doctype-public}): the same bytes as Saxon's serializer with those properties, for a fraction of
 * its cost per element. Saxon's serializer is a chain of general-purpose stages (a sequence normaliser, a
 * namespace differencer and the XML emitter, each on synchronised {@link java.util.Stack}s, then a UTF-8
 * writer); on a conversion that writes four times the bytes it reads (canonical to USPTO) that chain was
 * two thirds of the run. Here one stage writes UTF-8 bytes into a buffer that goes to the output stream
 * in blocks of 16 KB.
 *
 * <p>{@link #handles} says whether a stylesheet's output properties are the ones written here; for any
 * other (indentation, another method or encoding, character maps, CDATA sections, standalone...) the
 * converter uses Saxon's serializer. {@code Utf8XmlDestinationTest} checks the bytes against Saxon's
 * serializer on every corpus conversion and on text and attributes with every kind of character that is
 * escaped.
 *
 * <p>One instance per pooled transformer: not for use by two runs at once.
 */
final class Utf8XmlDestination extends AbstractDestination {

    /** The output properties this writer honours; {@code spec-version} is Saxon's own, not a serialization choice. */
    private static final Set<String> HANDLED = Set.of("method", "encoding", "indent", "doctype-system", "doctype-public",
            "{http://saxon.sf.net/}spec-version");

    /** The most bytes one UTF-16 char can become: {@code &#x2028;}. */
    private static final int MAX_BYTES_PER_CHAR = 8;
    private static final String HEX = "0123456789abcdef";
    /** Bytes collected before they go to the output stream (a text node longer than this grows it for one run). */
    private static final int BUFFER_SIZE = 16 * 1024;
    /** Marks, in {@link Escape#references}, a control character that XML 1.0 cannot hold. */
    private static final String ILLEGAL = new String("illegal");

    private final String doctypeSystem;
    private final String doctypePublic;
    private final XmlWriter writer = new XmlWriter();
    private OutputStream out = OutputStream.nullOutputStream();

    private Utf8XmlDestination(String doctypeSystem, String doctypePublic) {
        this.doctypeSystem = doctypeSystem;
        this.doctypePublic = doctypePublic;
    }

    /** A writer for {@code exec}'s output, or null when its output properties ask for more than this writes. */
    static Utf8XmlDestination forStylesheet(XsltExecutable exec) {
        SerializationProperties sp = exec.getUnderlyingCompiledStylesheet().getPrimarySerializationProperties();
        return handles(sp) ? new Utf8XmlDestination(sp.getProperty("doctype-system"), sp.getProperty("doctype-public"))
                : null;
    }

    /** True when {@code sp} asks for plain UTF-8 XML without indentation, which is what this writes. */
    static boolean handles(SerializationProperties sp) {
        Properties p = sp.getProperties();
        return HANDLED.containsAll(p.stringPropertyNames())
                && "xml".equals(p.getProperty("method", "xml"))
                && "UTF-8".equalsIgnoreCase(p.getProperty("encoding", "UTF-8"))
                && "no".equals(p.getProperty("indent", "no"))
                && (sp.getCharacterMapIndex() == null || sp.getCharacterMapIndex().isEmpty());
    }

    /** The next run writes to {@code out} (flushed to it when the run closes its result). */
    Utf8XmlDestination writingTo(OutputStream out) {
        this.out = out;
        return this;
    }

    @Override
    public Receiver getReceiver(PipelineConfiguration pipe, SerializationProperties params) {
        writer.reset(pipe);
        return writer;
    }

    @Override
    public void close() {
        // the receiver's close() writes the buffer out; nothing else is held
    }

    /** The one stage: events in, bytes out. */
    private final class XmlWriter implements Receiver {
        private PipelineConfiguration pipe;
        private String systemId;
        private byte[] buf = new byte[BUFFER_SIZE];
        private int len;
        private NamespaceMap[] namespaces = new NamespaceMap[32];
        /** The UTF-8 of the open elements' names, for their end tags. */
        private byte[][] names = new byte[32][];
        private final NameBytes nameBytes = new NameBytes();
        private int depth;
        private boolean started;
        private boolean rootSeen;
        private boolean openStartTag;

        void reset(PipelineConfiguration pipe) {
            this.pipe = pipe;
            len = 0;
            depth = 0;
            started = false;
            rootSeen = false;
            openStartTag = false;
        }

        @Override
        public void setPipelineConfiguration(PipelineConfiguration pipe) {
            this.pipe = pipe;
        }

        @Override
        public PipelineConfiguration getPipelineConfiguration() {
            return pipe;
        }

        @Override
        public void setSystemId(String systemId) {
            this.systemId = systemId;
        }

        @Override
        public String getSystemId() {
            return systemId;
        }

        @Override
        public void open() {
        }

        @Override
        public void startDocument(int properties) {
        }

        @Override
        public void endDocument() {
        }

        @Override
        public void setUnparsedEntity(String name, String systemID, String publicID) {
        }

        /** Before a text, comment or processing instruction: the declaration if first, the open start tag closed. */
        private void beforeContent() throws XPathException {
            declaration();
            if (openStartTag) {
                put('>');
                openStartTag = false;
            }
        }

        private void declaration() throws XPathException {
            if (!started) {
                started = true;
                ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            }
        }

        @Override
        public void startElement(NodeName name, SchemaType type, AttributeMap attributes, NamespaceMap ns,
                                 Location location, int properties) throws XPathException {
            declaration();
            if (!rootSeen) {
                rootSeen = true;
                if (doctypeSystem != null) {
                    doctype(name.getDisplayName());
                }
            }
            if (openStartTag) {
                put('>');
            }
            put('<');
            byte[] nameUtf8 = nameBytes.of(name);
            bytes(nameUtf8);
            NamespaceMap parent = depth == 0 ? NamespaceMap.emptyMap() : namespaces[depth - 1];
            if (ns != parent) {
                declareDifferences(parent, ns);
            }
            for (AttributeInfo a : attributes) {
                put(' ');
                bytes(nameBytes.of(a.getNodeName()));
                put('=');
                put('"');
                text(a.getValue(), Escape.ATTRIBUTE);
                put('"');
            }
            if (depth == names.length) {
                names = Arrays.copyOf(names, depth * 2);
                namespaces = Arrays.copyOf(namespaces, depth * 2);
            }
            names[depth] = nameUtf8;
            namespaces[depth] = ns;
            depth++;
            openStartTag = true;
        }

        /** What Saxon's XMLEmitter writes for doctype-system (and doctype-public) before the root. */
        private void doctype(String root) throws XPathException {
            ascii("\n<!DOCTYPE ");
            text(root, Escape.NONE);
            if (doctypePublic == null) {
                ascii("\n  SYSTEM \"");
            } else {
                ascii("\n  PUBLIC \"");
                text(doctypePublic, Escape.NONE);
                ascii("\" \"");
            }
            text(doctypeSystem, Escape.NONE);
            ascii("\">\n");
        }

        /** Declares what {@code ns} binds differently from the parent's in-scope namespaces, as Saxon does. */
        private void declareDifferences(NamespaceMap parent, NamespaceMap ns) throws XPathException {
            for (var b : ns) {
                String prefix = b.getPrefix();
                NamespaceUri uri = b.getNamespaceUri();
                if (!uri.equals(parent.getNamespaceUri(prefix))) {
                    namespace(prefix, uri.toString());
                }
            }
            NamespaceUri inherited = parent.getDefaultNamespace();
            if (!inherited.isEmpty() && ns.getDefaultNamespace().isEmpty()) {
                namespace("", "");
            }
        }

        private void namespace(String prefix, String uri) throws XPathException {
            if (prefix.isEmpty()) {
                ascii(" xmlns=\"");
            } else {
                ascii(" xmlns:");
                text(prefix, Escape.NONE);
                ascii("=\"");
            }
            text(uri, Escape.ATTRIBUTE);
            put('"');
        }

        @Override
        public void endElement() throws XPathException {
            depth--;
            if (openStartTag) {
                put('/');
                put('>');
                openStartTag = false;
            } else {
                put('<');
                put('/');
                bytes(names[depth]);
                put('>');
            }
            names[depth] = null;
            namespaces[depth] = null;
        }

        @Override
        public void characters(UnicodeString chars, Location location, int properties) throws XPathException {
            beforeContent();
            content(chars, ReceiverOption.contains(properties, ReceiverOption.DISABLE_ESCAPING)
                    ? Escape.NONE : Escape.TEXT);
        }

        @Override
        public void processingInstruction(String target, UnicodeString data, Location location, int properties)
                throws XPathException {
            beforeContent();
            put('<');
            put('?');
            text(target, Escape.NONE);
            if (!data.isEmpty()) {
                put(' ');
                text(data.toString(), Escape.NONE);
            }
            put('?');
            put('>');
        }

        @Override
        public void comment(UnicodeString content, Location location, int properties) throws XPathException {
            beforeContent();
            ascii("<!--");
            text(content.toString(), Escape.NONE);
            ascii("-->");
        }

        @Override
        public void close() throws XPathException {
            declaration();
            try {
                flush();
            } finally {
                if (buf.length > BUFFER_SIZE) {
                    buf = new byte[BUFFER_SIZE];
                }
            }
        }

        @Override
        public boolean usesTypeAnnotations() {
            return false;
        }

        private void ascii(String s) throws XPathException {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        }

        private void bytes(byte[] b) throws XPathException {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        private void put(char c) throws XPathException {
            ensure(1);
            buf[len++] = (byte) c;
        }

        /** Room for {@code n} more bytes: what is written goes out first when the buffer is full. */
        private void ensure(int n) throws XPathException {
            if (len + n > buf.length) {
                flush();
                if (n > buf.length) {
                    buf = new byte[Math.max(buf.length * 2, n)];
                }
            }
        }

        private void flush() throws XPathException {
            try {
                out.write(buf, 0, len);
            } catch (IOException e) {
                throw new XPathException("cannot write the result: " + e.getMessage(), e);
            } finally {
                len = 0;
            }
        }

        /** Text content: Saxon's strings of 8-bit characters are read without making a Java string of them. */
        private void content(UnicodeString chars, Escape escape) throws XPathException {
            if (chars instanceof Twine8 t && t.getByteArray().length == chars.length()) {
                latin1(t.getByteArray(), escape);
            } else {
                text(chars.toString(), escape);
            }
        }

        /** {@link #text} for a string of characters up to U+00FF, one byte each. */
        private void latin1(byte[] s, Escape escape) throws XPathException {
            int n = s.length;
            ensure(n * MAX_BYTES_PER_CHAR);
            byte[] b = buf;
            int at = len;
            String[] refs = escape.references;
            for (int i = 0; i < n; i++) {
                int c = s[i] & 0xff;
                if (c < 0x80) {
                    String ref = refs[c];
                    if (ref == null) {
                        b[at++] = (byte) c;
                    } else {
                        at = copy(ref, b, at, c);
                    }
                } else if (c <= 0x9f && escape != Escape.NONE) {
                    at = reference(b, at, (char) c);
                } else {
                    b[at++] = (byte) (0xc0 | (c >> 6));
                    b[at++] = (byte) (0x80 | (c & 0x3f));
                }
            }
            len = at;
        }

        /**
         * UTF-8 of {@code s}, escaped as Saxon's XML emitter escapes text or attribute values (XML 1.0):
         * {@code & < >} always, {@code "}, tab and newline in attributes, carriage return everywhere, and the
         * C1 controls (U+007F to U+009F) and U+2028 as character references. Other controls cannot be
         * written in XML 1.0 and stop the run, as they stop Saxon's serializer.
         */
        private void text(String s, Escape escape) throws XPathException {
            int n = s.length();
            ensure(n * MAX_BYTES_PER_CHAR);
            byte[] b = buf;
            int at = len;
            String[] refs = escape.references;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    String ref = refs[c];
                    if (ref == null) {
                        b[at++] = (byte) c;
                    } else {
                        at = copy(ref, b, at, c);
                    }
                } else if (escape != Escape.NONE && (c <= 0x9f || c == 0x2028)) {
                    at = reference(b, at, c);
                } else if (c < 0x800) {
                    b[at++] = (byte) (0xc0 | (c >> 6));
                    b[at++] = (byte) (0x80 | (c & 0x3f));
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[at++] = (byte) (0xf0 | (cp >> 18));
                    b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    b[at++] = (byte) (0x80 | (cp & 0x3f));
                } else {
                    b[at++] = (byte) (0xe0 | (c >> 12));
                    b[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                    b[at++] = (byte) (0x80 | (c & 0x3f));
                }
            }
            len = at;
        }

        /** Writes an ASCII character's replacement; {@link #ILLEGAL} marks one XML 1.0 cannot hold. */
        private int copy(String ref, byte[] b, int at, int c) throws XPathException {
            if (ref == ILLEGAL) {
                len = at;
                throw new XPathException("character x" + Integer.toHexString(c) + " cannot be written in XML 1.0",
                        "SERE0006");
            }
            for (int k = 0; k < ref.length(); k++) {
                b[at++] = (byte) ref.charAt(k);
            }
            return at;
        }

        /** {@code &#xhh;} in lower-case hex, as Saxon writes the references it makes up. */
        private static int reference(byte[] b, int at, char c) {
            b[at++] = '&';
            b[at++] = '#';
            b[at++] = 'x';
            for (int shift = c > 0xff ? 12 : 4; shift >= 0; shift -= 4) {
                b[at++] = (byte) HEX.charAt((c >> shift) & 0xf);
            }
            b[at++] = ';';
            return at;
        }
    }

    /**
     * The UTF-8 of names as written (their display names), remembered per {@link NodeName} object: a stylesheet's
     * literal result elements and attributes hand the same object to every run, so their names are encoded once.
     * Direct-mapped on the object's identity and bounded: a name made afresh for each element (a computed
     * element's, a copied node's) only takes a slot over, and is encoded as it would be without the cache.
     */
    static final class NameBytes {
        private static final int SLOTS = 256;
        private final NodeName[] keys = new NodeName[SLOTS];
        private final byte[][] values = new byte[SLOTS][];

        byte[] of(NodeName name) {
            int slot = System.identityHashCode(name) & (SLOTS - 1);
            if (keys[slot] == name) {
                return values[slot];
            }
            byte[] utf8 = name.getDisplayName().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            keys[slot] = name;
            values[slot] = utf8;
            return utf8;
        }
    }

    /** Which characters a string is escaped for, and how: the replacement of each ASCII character, or null. */
    private enum Escape {
        /** Names, comments, processing instructions and disabled output escaping: written as they are. */
        NONE,
        TEXT,
        ATTRIBUTE;

        final String[] references = new String[128];

        Escape() {
            for (char c = 0; c < 0x20; c++) {
                references[c] = c == '\t' || c == '\n' || c == '\r' ? null : ILLEGAL;
            }
            if (ordinal() > 0) {
                references['&'] = "&amp;";
                references['<'] = "&lt;";
                references['>'] = "&gt;";
                references['\r'] = "&#xD;";
                references[0x7f] = "&#x7f;";
            }
            if (ordinal() == 2) {
                references['"'] = "&#34;";
                references['\n'] = "&#xA;";
                references['\t'] = "&#x9;";
            }
        }
    }
}
