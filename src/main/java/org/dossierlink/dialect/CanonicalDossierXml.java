package org.dossierlink.dialect;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Classification;
import org.dossierlink.dossier.Direction;
import org.dossierlink.dossier.DocumentGroup;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.LocalizedText;
import org.dossierlink.dossier.Party;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.dossier.Publication;
import org.dossierlink.xml.SecureXml;

/**
 * Reads and writes the canonical dossier format ({@code xsd/dossier.xsd}), streaming with StAX.
 * A file holds one {@code dos:dossier} or a {@code dos:dossiers} list of them.
 */
public final class CanonicalDossierXml {

    public static final String NS = "urn:dossierlink:dossier:1";

    /** A dossier record as read from canonical XML, with the document list it carried (if any). */
    public record Entry(Dossier dossier, List<DocumentInfo> documents) {
        public Entry {
            documents = List.copyOf(documents);
        }
    }

    private CanonicalDossierXml() {
    }

    // ------------------------------------------------------------------ writing

    /** One dossier as a standalone canonical document. */
    public static byte[] toBytes(Dossier dossier, List<DocumentInfo> documents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            XMLStreamWriter w = SecureXml.outputFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            write(w, dossier, documents);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write canonical dossier", e);
        }
        return out.toByteArray();
    }

    /** Many dossiers as one {@code dos:dossiers} file. */
    public static void writeAll(OutputStream out, Iterable<Entry> entries) throws XMLStreamException {
        XMLStreamWriter w = SecureXml.outputFactory().createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("dos", "dossiers", NS);
        w.writeNamespace("dos", NS);
        for (Entry e : entries) {
            write(w, e.dossier(), e.documents());
        }
        w.writeEndElement();
        w.writeEndDocument();
        w.close();
    }

    /** Writes one {@code dos:dossier} element at the writer's position. */
    public static void write(XMLStreamWriter w, Dossier d, List<DocumentInfo> documents) throws XMLStreamException {
        w.writeStartElement("dos", "dossier", NS);
        w.writeNamespace("dos", NS);
        if (d.familyId() != null) {
            w.writeAttribute("familyId", d.familyId());
        }
        if (d.source() != null) {
            w.writeAttribute("source", d.source());
        }
        ApplicationRef a = d.application();
        w.writeStartElement("dos", "application", NS);
        text(w, "office", a.office());
        text(w, "number", a.number());
        text(w, "kind", a.kind());
        text(w, "docdb", a.docdb());
        text(w, "originalNumber", a.originalNumber());
        text(w, "filingDate", a.filingDate());
        w.writeEndElement();
        if (!d.publications().isEmpty()) {
            w.writeStartElement("dos", "publications", NS);
            for (Publication p : d.publications()) {
                w.writeStartElement("dos", "publication", NS);
                text(w, "country", p.country());
                text(w, "number", p.number());
                text(w, "kind", p.kind());
                text(w, "docdb", p.docdb());
                text(w, "date", p.date());
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        if (!d.priorityClaims().isEmpty()) {
            w.writeStartElement("dos", "priorityClaims", NS);
            for (PriorityClaim c : d.priorityClaims()) {
                w.writeStartElement("dos", "priorityClaim", NS);
                w.writeAttribute("sequence", Integer.toString(c.sequence()));
                if (c.kind() != null) {
                    w.writeAttribute("kind", c.kind().wireName());
                }
                if (!c.active()) {
                    w.writeAttribute("active", "false");
                }
                text(w, "country", c.country());
                text(w, "number", c.number());
                text(w, "docdb", c.docdb());
                text(w, "originalNumber", c.originalNumber());
                text(w, "date", c.date());
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        for (LocalizedText t : d.titles()) {
            localized(w, "title", t);
        }
        for (Party p : d.applicants()) {
            party(w, "applicant", p);
        }
        for (Party p : d.inventors()) {
            party(w, "inventor", p);
        }
        for (Classification c : d.classifications()) {
            w.writeStartElement("dos", "classification", NS);
            w.writeAttribute("scheme", c.scheme() == Classification.Scheme.NATIONAL ? "national" : c.scheme().name());
            w.writeCharacters(c.symbol());
            w.writeEndElement();
        }
        for (LocalizedText t : d.abstracts()) {
            localized(w, "abstract", t);
        }
        if (!documents.isEmpty()) {
            w.writeStartElement("dos", "documents", NS);
            for (DocumentInfo doc : documents) {
                writeDocumentInfo(w, doc);
            }
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static void writeDocumentInfo(XMLStreamWriter w, DocumentInfo doc) throws XMLStreamException {
        w.writeStartElement("dos", "document", NS);
        text(w, "id", doc.id());
        text(w, "code", doc.code());
        text(w, "description", doc.description());
        text(w, "group", doc.group().wireName());
        text(w, "date", doc.date());
        text(w, "direction", doc.direction().wireName());
        text(w, "language", doc.language());
        text(w, "mediaType", doc.mediaType());
        text(w, "pages", doc.pages());
        text(w, "size", doc.size());
        text(w, "sha256", doc.sha256());
        w.writeEndElement();
    }

    private static void localized(XMLStreamWriter w, String name, LocalizedText t) throws XMLStreamException {
        w.writeStartElement("dos", name, NS);
        if (t.lang() != null) {
            w.writeAttribute("lang", t.lang());
        }
        w.writeCharacters(t.text());
        w.writeEndElement();
    }

    private static void party(XMLStreamWriter w, String name, Party p) throws XMLStreamException {
        w.writeStartElement("dos", name, NS);
        if (p.sequence() > 0) {
            w.writeAttribute("sequence", Integer.toString(p.sequence()));
        }
        text(w, "name", p.name());
        text(w, "country", p.country());
        w.writeEndElement();
    }

    private static void text(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        w.writeStartElement("dos", name, NS);
        w.writeCharacters(value.toString());
        w.writeEndElement();
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads every dossier of a canonical file.
     *
     * @throws DialectException naming the line and column of the first problem
     */
    public static List<Entry> read(InputStream in, String sourceName) {
        XMLStreamReader r = null;
        try {
            r = SecureXml.inputFactory().createXMLStreamReader(in);
            return read(r, sourceName);
        } catch (XMLStreamException e) {
            throw DialectException.fromStax(sourceName, e);
        } finally {
            closeQuietly(r);
        }
    }

    /**
     * Reads from a reader at the start of its document (one made by {@link SecureXml#inputFactory()}, or a
     * reader reading through one, such as a validating {@code StreamingCheck}), up to the end of the root
     * element; the caller closes it.
     */
    public static List<Entry> read(XMLStreamReader r, String sourceName) {
        List<Entry> out = new ArrayList<>();
        try {
            r.nextTag();
            if (!NS.equals(r.getNamespaceURI())) {
                throw error(r, sourceName, "expected a canonical dossier (namespace " + NS + "), found {"
                        + r.getNamespaceURI() + "}" + r.getLocalName());
            }
            if ("dossier".equals(r.getLocalName())) {
                out.add(readDossier(r, sourceName));
            } else if ("dossiers".equals(r.getLocalName())) {
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    expect(r, sourceName, "dossier");
                    out.add(readDossier(r, sourceName));
                }
            } else {
                throw error(r, sourceName, "root element must be dos:dossier or dos:dossiers, found dos:" + r.getLocalName());
            }
            return out;
        } catch (XMLStreamException e) {
            throw DialectException.fromStax(sourceName, e);
        }
    }

    private static Entry readDossier(XMLStreamReader r, String src) throws XMLStreamException {
        String familyId = r.getAttributeValue(null, "familyId");
        String source = r.getAttributeValue(null, "source");
        ApplicationRef app = null;
        List<Publication> pubs = new ArrayList<>();
        List<PriorityClaim> claims = new ArrayList<>();
        List<LocalizedText> titles = new ArrayList<>();
        List<Party> applicants = new ArrayList<>();
        List<Party> inventors = new ArrayList<>();
        List<Classification> classes = new ArrayList<>();
        List<LocalizedText> abstracts = new ArrayList<>();
        List<DocumentInfo> docs = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "application" -> app = readApplication(r, src);
                case "publications" -> {
                    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        expect(r, src, "publication");
                        pubs.add(readPublication(r, src));
                    }
                }
                case "priorityClaims" -> {
                    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        expect(r, src, "priorityClaim");
                        claims.add(readPriorityClaim(r, src));
                    }
                }
                case "title" -> titles.add(new LocalizedText(r.getAttributeValue(null, "lang"), r.getElementText()));
                case "abstract" -> abstracts.add(new LocalizedText(r.getAttributeValue(null, "lang"), r.getElementText()));
                case "applicant" -> applicants.add(readParty(r, src));
                case "inventor" -> inventors.add(readParty(r, src));
                case "classification" -> classes.add(readClassification(r, src));
                case "documents" -> {
                    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        expect(r, src, "document");
                        docs.add(readDocumentInfo(r, src));
                    }
                }
                default -> throw error(r, src, "unexpected element " + qname(r) + " in dos:dossier");
            }
        }
        if (app == null) {
            throw error(r, src, "dos:dossier has no dos:application");
        }
        Dossier d = new Dossier(app, pubs, claims, titles, applicants, inventors, classes, abstracts, familyId,
                source == null ? "canonical" : source);
        return new Entry(d, docs);
    }

    private static ApplicationRef readApplication(XMLStreamReader r, String src) throws XMLStreamException {
        Fields f = fields(r, src);
        return new ApplicationRef(f.required(r, src, "office"), f.required(r, src, "number"), f.get("kind"),
                f.get("originalNumber"), f.date(r, src, "filingDate"));
    }

    private static Publication readPublication(XMLStreamReader r, String src) throws XMLStreamException {
        Fields f = fields(r, src);
        return new Publication(f.required(r, src, "country"), f.required(r, src, "number"), f.get("kind"),
                f.date(r, src, "date"));
    }

    private static PriorityClaim readPriorityClaim(XMLStreamReader r, String src) throws XMLStreamException {
        String seq = r.getAttributeValue(null, "sequence");
        String kind = r.getAttributeValue(null, "kind");
        String active = r.getAttributeValue(null, "active");
        int sequence;
        try {
            sequence = Integer.parseInt(seq == null ? "" : seq.trim());
        } catch (NumberFormatException e) {
            throw error(r, src, "priorityClaim needs a numeric sequence attribute, found '" + seq + "'");
        }
        Fields f = fields(r, src);
        return new PriorityClaim(sequence, f.required(r, src, "country"), f.required(r, src, "number"),
                f.get("originalNumber"), f.date(r, src, "date"), PriorityKind.parseOrNull(kind),
                active == null || !("false".equals(active.trim()) || "0".equals(active.trim())));
    }

    private static Party readParty(XMLStreamReader r, String src) throws XMLStreamException {
        String seq = r.getAttributeValue(null, "sequence");
        Fields f = fields(r, src);
        return new Party(seq == null ? 0 : Integer.parseInt(seq.trim()), f.required(r, src, "name"), f.get("country"));
    }

    private static Classification readClassification(XMLStreamReader r, String src) throws XMLStreamException {
        String scheme = r.getAttributeValue(null, "scheme");
        Classification.Scheme s;
        try {
            s = Classification.Scheme.valueOf(scheme == null ? "" : scheme.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error(r, src, "classification scheme must be IPC, CPC or national, found '" + scheme + "'");
        }
        return new Classification(s, r.getElementText().trim());
    }

    private static DocumentInfo readDocumentInfo(XMLStreamReader r, String src) throws XMLStreamException {
        Fields f = fields(r, src);
        try {
            String pages = f.get("pages");
            return new DocumentInfo(f.required(r, src, "id"), f.required(r, src, "code"), f.get("description"),
                    DocumentGroup.fromWireName(f.required(r, src, "group")), f.date(r, src, "date"),
                    Direction.valueOf(f.required(r, src, "direction").toUpperCase(Locale.ROOT)), f.get("language"),
                    f.required(r, src, "mediaType"), pages == null ? null : Integer.valueOf(pages),
                    Long.parseLong(f.required(r, src, "size")), f.required(r, src, "sha256"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw error(r, src, "invalid document entry: " + e.getMessage());
        }
    }

    /** The simple child elements of the current element, by local name. */
    private static Fields fields(XMLStreamReader r, String src) throws XMLStreamException {
        Fields f = new Fields(r.getLocation());
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String name = r.getLocalName();
            f.put(name, r.getElementText().trim());
        }
        return f;
    }

    private static final class Fields {
        private final java.util.Map<String, String> values = new java.util.HashMap<>();
        private final Location start;

        Fields(Location start) {
            this.start = start;
        }

        void put(String k, String v) {
            values.put(k, v);
        }

        String get(String k) {
            String v = values.get(k);
            return v == null || v.isEmpty() ? null : v;
        }

        String required(XMLStreamReader r, String src, String k) {
            String v = get(k);
            if (v == null) {
                throw new DialectException(src, start.getLineNumber(), start.getColumnNumber(),
                        "missing required element dos:" + k);
            }
            return v;
        }

        LocalDate date(XMLStreamReader r, String src, String k) {
            String v = get(k);
            if (v == null) {
                return null;
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw new DialectException(src, start.getLineNumber(), start.getColumnNumber(),
                        "dos:" + k + " must be a date YYYY-MM-DD, found '" + v + "'");
            }
        }
    }

    private static void expect(XMLStreamReader r, String src, String local) {
        if (!NS.equals(r.getNamespaceURI()) || !local.equals(r.getLocalName())) {
            throw error(r, src, "expected dos:" + local + ", found " + qname(r));
        }
    }

    private static String qname(XMLStreamReader r) {
        String prefix = r.getPrefix();
        return prefix == null || prefix.isEmpty() ? r.getLocalName() : prefix + ":" + r.getLocalName();
    }

    private static DialectException error(XMLStreamReader r, String src, String message) {
        Location l = r.getLocation();
        return new DialectException(src, l.getLineNumber(), l.getColumnNumber(), message);
    }

    static void closeQuietly(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing useful to report after the document has been read or has failed
            }
        }
    }
}
