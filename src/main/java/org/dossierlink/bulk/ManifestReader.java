package org.dossierlink.bulk;

import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.dossierlink.InvalidRequestException;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.xml.SecureXml;

/**
 * Reads {@code META-INF/manifest.xml} with StAX: the header first ({@link #header()}), then one item per
 * {@link #next()} call. Everything is checked as it is read (names, seq numbering from 1 without gaps,
 * digests, sizes, paths, the item count); a problem is a {@link PackageRefusedException} naming the line.
 * Not thread-safe; close it.
 */
public final class ManifestReader implements AutoCloseable {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final InputStream in;
    private final XMLStreamReader r;
    private final String source;
    private final Manifest header;
    private long expectedSeq = 1;
    private boolean done;

    public ManifestReader(InputStream in, String source) {
        this.source = source;
        this.in = in;
        try {
            this.r = SecureXml.streamingInputFactory().createXMLStreamReader(in);
            this.header = readHeader();
        } catch (XMLStreamException e) {
            throw refused(e.getLocation() == null ? -1 : e.getLocation().getLineNumber(), "not well-formed XML: "
                    + e.getMessage());
        }
    }

    public Manifest header() {
        return header;
    }

    /** The next item, or null after the last (the count then matched pkg:itemCount). */
    public Manifest.Item next() {
        if (done) {
            return null;
        }
        try {
            int event = r.nextTag();
            if (event == XMLStreamConstants.END_ELEMENT) {
                // </pkg:items>
                if (expectedSeq - 1 != header.itemCount()) {
                    throw refused(r.getLocation().getLineNumber(), "pkg:itemCount says " + header.itemCount()
                            + " but the manifest lists " + (expectedSeq - 1) + " item(s)");
                }
                expect(r.nextTag() == XMLStreamConstants.END_ELEMENT && "manifest".equals(r.getLocalName()),
                        "pkg:items must be the last child of pkg:manifest");
                done = true;
                return null;
            }
            expectElement("item");
            int line = r.getLocation().getLineNumber();
            long seq = number(attribute("seq"), "seq", line);
            if (seq != expectedSeq) {
                throw refused(line, "item seq " + seq + " where " + expectedSeq + " was expected (seq runs 1, 2, 3... in order)");
            }
            if (seq > BulkLimits.MAX_ITEMS) {
                throw refused(line, "more than " + BulkLimits.MAX_ITEMS + " items");
            }
            String path = path(attribute("path"), line);
            Dialect dialect;
            try {
                dialect = Dialect.parse(attribute("dialect"), "dialect");
            } catch (InvalidRequestException e) {
                throw refused(line, "item " + seq + ": " + e.getMessage());
            }
            String sha = sha256(attribute("sha256"), line);
            long size = number(attribute("size"), "size", line);
            List<Manifest.Content> contents = new ArrayList<>();
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                expectElement("content");
                int cl = r.getLocation().getLineNumber();
                if (contents.size() == BulkLimits.MAX_CONTENTS_PER_ITEM) {
                    throw refused(cl, "item " + seq + " has more than " + BulkLimits.MAX_CONTENTS_PER_ITEM + " pkg:content");
                }
                contents.add(new Manifest.Content(attribute("documentId"), path(attribute("path"), cl),
                        attribute("mediaType"), sha256(attribute("sha256"), cl), number(attribute("size"), "size", cl)));
                expect(r.nextTag() == XMLStreamConstants.END_ELEMENT, "pkg:content must be empty");
            }
            expectedSeq++;
            return new Manifest.Item(seq, path, dialect, sha, size, contents);
        } catch (XMLStreamException e) {
            throw refused(e.getLocation() == null ? -1 : e.getLocation().getLineNumber(), "not well-formed XML: "
                    + e.getMessage());
        }
    }

    private Manifest readHeader() throws XMLStreamException {
        r.nextTag();
        expectElement("manifest");
        String office = childText("sendingOffice");
        Instant created = instant(childText("created"), "created");
        String packageId = childText("packageId");
        r.nextTag();
        Instant since = null;
        if ("since".equals(r.getLocalName())) {
            expectElement("since");
            since = instant(r.getElementText().trim(), "since");
            r.nextTag();
        }
        expectElement("itemCount");
        int line = r.getLocation().getLineNumber();
        long count = number(r.getElementText().trim(), "itemCount", line);
        r.nextTag();
        expectElement("items");
        return new Manifest(office, created, packageId, since, count);
    }

    private String childText(String local) throws XMLStreamException {
        r.nextTag();
        expectElement(local);
        String text = r.getElementText().trim();
        if (text.isEmpty()) {
            throw refused(r.getLocation().getLineNumber(), "pkg:" + local + " is empty");
        }
        return text;
    }

    private void expectElement(String local) {
        if (!r.isStartElement() || !PackageFormat.NS.equals(r.getNamespaceURI()) || !local.equals(r.getLocalName())) {
            String found = r.isStartElement() ? "{" + r.getNamespaceURI() + "}" + r.getLocalName()
                    : r.isEndElement() ? "the end of " + r.getLocalName() : "event " + r.getEventType();
            throw refused(r.getLocation().getLineNumber(), "expected pkg:" + local + " (namespace " + PackageFormat.NS
                    + "), found " + found);
        }
    }

    private void expect(boolean condition, String message) {
        if (!condition) {
            throw refused(r.getLocation().getLineNumber(), message);
        }
    }

    private String attribute(String name) {
        String v = r.getAttributeValue(null, name);
        if (v == null || v.isBlank()) {
            throw refused(r.getLocation().getLineNumber(), "pkg:" + r.getLocalName() + " lacks its " + name + " attribute");
        }
        return v.trim();
    }

    private Instant instant(String text, String name) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw refused(r.getLocation().getLineNumber(), "pkg:" + name + " '" + text
                    + "' is not an xsd:dateTime with a time zone (e.g. 2026-11-26T10:00:00Z)");
        }
    }

    private long number(String text, String name, int line) {
        try {
            long n = Long.parseLong(text);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw refused(line, name + " '" + text + "' is not a non-negative integer");
        }
    }

    private String sha256(String text, int line) {
        if (!SHA256.matcher(text).matches()) {
            throw refused(line, "sha256 '" + text + "' is not 64 lower-case hex digits");
        }
        return text;
    }

    /** A relative entry name that cannot climb out of the package or alias a META-INF entry. */
    static String checkedPath(String path) {
        if (path.isEmpty() || path.length() > 1000 || path.startsWith("/") || path.contains("\\")
                || path.startsWith("META-INF/") || path.endsWith("/")) {
            return null;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        return path;
    }

    private String path(String text, int line) {
        String p = checkedPath(text);
        if (p == null) {
            throw refused(line, "path '" + text + "' is not a relative entry name (no leading '/', no '..', not in META-INF/)");
        }
        return p;
    }

    private PackageRefusedException refused(int line, String reason) {
        return new PackageRefusedException(source + (line > 0 ? ":" + line : "") + ": " + reason);
    }

    @Override
    public void close() {
        try {
            r.close();
        } catch (XMLStreamException e) {
            // the stream is closed below either way
        }
        try {
            in.close();
        } catch (java.io.IOException e) {
            // nothing was written: a failed close loses nothing
        }
    }
}
