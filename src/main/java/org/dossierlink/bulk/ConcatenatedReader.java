package org.dossierlink.bulk;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

import org.dossierlink.xml.SecureXml;

/**
 * Splits the concatenated form into items as it reads, one item in memory at a time:
 * <ul>
 * <li>a wrapper ({@code pkg:dossiers}, or any root when asked to, e.g. {@code dos:dossiers}): each child
 * element of the root is one item, written out as a document of its own with the namespace
 * declarations in scope;</li>
 * <li>otherwise USPTO-style concatenation: each XML declaration starts a new document (with its own
 * DOCTYPE), and each document is one item.</li>
 * </ul>
 * Items are numbered 1, 2, 3... A segment that cannot be split out cleanly becomes an item with a
 * {@link Item#problem()} instead of bytes (rejected alone); a wrapper that is not well-formed stops the
 * reading with a {@link PackageRefusedException} naming the line. Not thread-safe.
 */
final class ConcatenatedReader implements AutoCloseable {

    private static final Pattern PACKAGE_ROOT = Pattern.compile(
            "<(?:([A-Za-z_][\\w.-]*):)?dossiers\\b[^>]*xmlns(?::\\1)?=\"" + Pattern.quote(PackageFormat.NS) + "\"");
    private static final byte[] DECLARATION = "<?xml".getBytes(StandardCharsets.US_ASCII);

    /**
     * One item.
     *
     * @param seq       its number
     * @param line      the line it starts on
     * @param bytes     its document, or null when {@code problem} says why it could not be split out
     * @param problem   null, or why it is rejected
     * @param endOffset the file offset after it (for progress)
     */
    record Item(long seq, int line, byte[] bytes, String problem, long endOffset) {
    }

    private final Path file;
    private final CountingInput counting;
    private final boolean wrapper;
    private XMLStreamReader xml;
    private long seq;
    // declaration mode
    private int line = 1;
    private boolean ended;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private ConcatenatedReader(Path file, boolean anyWrapper) throws IOException {
        this.file = file;
        this.counting = new CountingInput(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        boolean wrapperRoot;
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            wrapperRoot = hasPackageRoot(head) || (anyWrapper && !declarationsBeyond(file, 2) && isListRoot(file));
        }
        this.wrapper = wrapperRoot;
        if (wrapper) {
            try {
                xml = SecureXml.streamingInputFactory().createXMLStreamReader(counting);
                xml.nextTag();
            } catch (XMLStreamException e) {
                counting.close();
                throw new PackageRefusedException(file + ":" + lineOf(e) + ": not well-formed XML: " + e.getMessage());
            }
        }
    }

    static ConcatenatedReader open(Path file, boolean anyWrapper) throws IOException {
        return new ConcatenatedReader(file, anyWrapper);
    }

    /** True when the file's root element is named {@code dossiers} (a list, e.g. dos:dossiers), not one record. */
    private static boolean isListRoot(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = SecureXml.streamingInputFactory().createXMLStreamReader(in);
            try {
                r.nextTag();
                return "dossiers".equals(r.getLocalName());
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            return false;
        }
    }

    /** True when the text starts a {@code pkg:dossiers} wrapper. */
    static boolean hasPackageRoot(String head) {
        Matcher m = PACKAGE_ROOT.matcher(head);
        return m.find();
    }

    /** True when the file holds at least {@code n} XML declarations (read in a streaming scan). */
    static boolean declarationsBeyond(Path file, int n) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            int found = 0;
            int matched = 0;
            for (int b; (b = in.read()) >= 0; ) {
                if (matched == DECLARATION.length) {
                    matched = 0;
                    if (isSpace(b) && ++found >= n) {
                        return true;
                    }
                }
                matched = b == DECLARATION[matched] ? matched + 1 : (b == DECLARATION[0] ? 1 : 0);
            }
            return false;
        }
    }

    /** The next item, or null at the end. */
    Item next() throws IOException {
        return wrapper ? nextChild() : nextDocument();
    }

    /** Items read so far (after the last {@link #next()}: all of them). */
    long count() {
        return seq;
    }

    private Item nextChild() {
        try {
            int event = xml.nextTag();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return null;
            }
            int startLine = xml.getLocation().getLineNumber();
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            XMLStreamWriter w = SecureXml.outputFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            copyElement(xml, w, true);
            w.writeEndDocument();
            w.close();
            if (out.size() > BulkLimits.MAX_ITEM_BYTES) {
                return new Item(++seq, startLine, null, "item is larger than " + BulkLimits.MAX_ITEM_BYTES + " bytes",
                        counting.count);
            }
            return new Item(++seq, startLine, out.toByteArray(), null, counting.count);
        } catch (XMLStreamException e) {
            throw new PackageRefusedException(file + ":" + lineOf(e) + ": not well-formed XML: " + e.getMessage());
        }
    }

    /** Copies the element at the reader's position (a START_ELEMENT) and leaves the reader on its END_ELEMENT. */
    private static void copyElement(XMLStreamReader r, XMLStreamWriter w, boolean top) throws XMLStreamException {
        int depth = 0;
        do {
            switch (r.getEventType()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    String prefix = r.getPrefix() == null ? "" : r.getPrefix();
                    String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
                    w.writeStartElement(prefix, r.getLocalName(), ns);
                    java.util.Set<String> declared = new java.util.HashSet<>();
                    for (int i = 0; i < r.getNamespaceCount(); i++) {
                        String p = r.getNamespacePrefix(i) == null ? "" : r.getNamespacePrefix(i);
                        declared.add(p);
                        w.writeNamespace(p, r.getNamespaceURI(i));
                    }
                    if (depth == 1 && top) {
                        // the bindings the item inherits from the wrapper: declare the ones it uses
                        javax.xml.namespace.NamespaceContext ctx = r.getNamespaceContext();
                        if (!declared.contains(prefix) && !ns.isEmpty()) {
                            w.writeNamespace(prefix, ns);
                            declared.add(prefix);
                        }
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            String ap = r.getAttributePrefix(i);
                            if (ap != null && !ap.isEmpty() && !declared.contains(ap) && !"xml".equals(ap)) {
                                w.writeNamespace(ap, ctx.getNamespaceURI(ap));
                                declared.add(ap);
                            }
                        }
                    }
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        String ap = r.getAttributePrefix(i) == null ? "" : r.getAttributePrefix(i);
                        String ans = r.getAttributeNamespace(i) == null ? "" : r.getAttributeNamespace(i);
                        if (ans.isEmpty()) {
                            w.writeAttribute(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        } else if (XMLConstants.XML_NS_URI.equals(ans)) {
                            w.writeAttribute("xml", ans, r.getAttributeLocalName(i), r.getAttributeValue(i));
                        } else {
                            w.writeAttribute(ap, ans, r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    w.writeEndElement();
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> w.writeCharacters(r.getText());
                case XMLStreamConstants.CDATA -> w.writeCData(r.getText());
                case XMLStreamConstants.COMMENT -> w.writeComment(r.getText());
                case XMLStreamConstants.PROCESSING_INSTRUCTION -> w.writeProcessingInstruction(r.getPITarget(), r.getPIData());
                case XMLStreamConstants.ENTITY_REFERENCE -> w.writeEntityRef(r.getLocalName());
                default -> {
                }
            }
            if (depth > 0) {
                r.next();
            }
        } while (depth > 0);
    }

    /** Declaration mode: the bytes from one XML declaration to the next (or the end). */
    private Item nextDocument() throws IOException {
        if (ended) {
            return null;
        }
        ByteArrayOutputStream doc = new ByteArrayOutputStream(8192);
        boolean tooLarge = false;
        // what was read past the previous document: its next declaration
        byte[] carried = pending.toByteArray();
        pending.reset();
        doc.write(carried);
        int startLine = line;
        boolean started = carried.length > 0;
        int matched = 0;
        int lines = 0;
        for (int b; ; ) {
            b = counting.read();
            if (b < 0) {
                ended = true;
                break;
            }
            if (b == '\n') {
                lines++;
            }
            boolean declaration = matched == DECLARATION.length && isSpace(b);
            matched = matched == DECLARATION.length ? (b == DECLARATION[0] ? 1 : 0)
                    : b == DECLARATION[matched] ? matched + 1 : (b == DECLARATION[0] ? 1 : 0);
            if (!tooLarge) {
                doc.write(b);
                if (doc.size() > BulkLimits.MAX_ITEM_BYTES) {
                    tooLarge = true;
                    doc.reset();
                }
            }
            if (declaration) {
                if (started && tooLarge) {
                    pending.write(DECLARATION);
                    pending.write(b);
                    line += lines;
                    return item(doc, true, startLine);
                }
                if (started) {
                    // the next document begins: hand back this one, keep its declaration for the next call
                    byte[] all = doc.toByteArray();
                    int cut = Math.max(0, all.length - DECLARATION.length - 1);
                    pending.write(all, cut, all.length - cut);
                    doc.reset();
                    doc.write(all, 0, cut);
                    line += lines;
                    return item(doc, tooLarge, startLine);
                }
                started = true;
                startLine = line + lines;
                doc.reset();
                doc.write(DECLARATION);
                doc.write(b);
                tooLarge = false;
            }
        }
        line += lines;
        if (!started && isBlank(doc.toByteArray())) {
            return null;
        }
        return item(doc, tooLarge, startLine);
    }

    private Item item(ByteArrayOutputStream doc, boolean tooLarge, int startLine) {
        seq++;
        if (tooLarge) {
            return new Item(seq, startLine, null, "item is larger than " + BulkLimits.MAX_ITEM_BYTES + " bytes", counting.count);
        }
        return new Item(seq, startLine, doc.toByteArray(), null, counting.count);
    }

    private static boolean isSpace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static int lineOf(XMLStreamException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
    }

    @Override
    public void close() throws IOException {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException e) {
                // the underlying stream is closed below
            }
        }
        counting.close();
    }

    /** Counts the bytes read, for progress. */
    private static final class CountingInput extends FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
