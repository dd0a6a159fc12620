package org.dossierlink.dialect;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.dossierlink.DossierlinkException;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Classification;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.LocalizedText;
import org.dossierlink.dossier.Party;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.dossier.Publication;
import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.number.NumberType;
import org.dossierlink.xml.SecureXml;
import org.dossierlink.xml.XmlTree;

/**
 * Reads the EPO DOCDB exchange format ({@code http://www.epo.org/exchange}) as OPS serves it:
 * {@code ops:world-patent-data} with a {@code ops:patent-family} of {@code ops:family-member}s
 * (each optionally carrying its {@code exchange-document}s), or with {@code exchange-documents}.
 *
 * <p>The file is streamed; one family member or exchange document is held in memory at a time.
 * Publications of the same application (A1, B1...) merge into one dossier. Priority claims come
 * from the family member's DOCDB {@code priority-claim} with its {@code priority-active-indicator}
 * where OPS gives one; otherwise from the exchange document's epodoc/original forms, normalised
 * through {@link NumberNormalizer}.
 */
public final class DocdbExchangeReader {

    public static final String NS = "http://www.epo.org/exchange";
    public static final String OPS_NS = "http://ops.epo.org";

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    /** epodoc party names carry the residence country in brackets: "HERRALA SAMI [FI]". */
    static final Pattern EPODOC_PARTY = Pattern.compile("^(.*?)[, ]*\\[([A-Z]{2})\\][ ,]*(?:et al)?$");
    /** OPS pads names with any Unicode space (en spaces included) and trailing commas. */
    static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

    private final NumberNormalizer normalizer;

    public DocdbExchangeReader(NumberNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /** Reads every application of the file, merged per application, in first-seen order. */
    public List<Dossier> read(InputStream in, String sourceName) {
        Map<String, Builder> byApplication = new LinkedHashMap<>();
        stream(in, sourceName, tree -> {
            switch (tree.name()) {
                case "family-member" -> addFamilyMember(byApplication, tree, sourceName);
                case "exchange-document" -> addExchangeDocument(byApplication, tree, null, sourceName);
                default -> throw new IllegalStateException(tree.name());
            }
        });
        List<Dossier> out = new ArrayList<>(byApplication.size());
        for (Builder b : byApplication.values()) {
            out.add(b.build());
        }
        return out;
    }

    /** True when the root element is one this reader understands. */
    public static boolean accepts(String namespace, String localName) {
        return OPS_NS.equals(namespace) && "world-patent-data".equals(localName)
                || NS.equals(namespace) && ("exchange-documents".equals(localName) || "exchange-document".equals(localName));
    }

    private static void stream(InputStream in, String src, Consumer<XmlTree> record) {
        XMLStreamReader r = null;
        try {
            r = SecureXml.inputFactory().createXMLStreamReader(in);
            r.nextTag();
            if (!accepts(r.getNamespaceURI(), r.getLocalName())) {
                throw new DialectException(src, r.getLocation().getLineNumber(), r.getLocation().getColumnNumber(),
                        "not a DOCDB exchange document: root is {" + r.getNamespaceURI() + "}" + r.getLocalName()
                                + ", expected ops:world-patent-data or exchange-documents");
            }
            boolean any = false;
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT) {
                    String local = r.getLocalName();
                    if ("family-member".equals(local) && OPS_NS.equals(r.getNamespaceURI())
                            || "exchange-document".equals(local) && NS.equals(r.getNamespaceURI())) {
                        record.accept(XmlTree.read(r));
                        any = true;
                    }
                }
            }
            if (!any) {
                throw new DialectException(src, -1, -1,
                        "no ops:family-member or exchange-document found: nothing to import");
            }
        } catch (XMLStreamException e) {
            throw DialectException.fromStax(src, e);
        } finally {
            CanonicalDossierXml.closeQuietly(r);
        }
    }

    // ------------------------------------------------------------------ family members

    private void addFamilyMember(Map<String, Builder> acc, XmlTree member, String src) {
        XmlTree appDocdb = docdbId(member.child("application-reference"));
        if (appDocdb == null) {
            throw new DialectException(src, member.line(), -1, "family-member without a DOCDB application-reference");
        }
        Builder b = builder(acc, appDocdb, src, member.line());
        b.familyId = firstNonNull(b.familyId, member.attr("family-id"));
        Publication pub = publication(docdbId(member.child("publication-reference")), src);
        if (pub != null) {
            b.addPublication(pub);
        }
        List<PriorityClaim> claims = new ArrayList<>();
        for (XmlTree pc : member.children("priority-claim")) {
            XmlTree id = docdbId(pc);
            if (id == null) {
                continue;
            }
            NormalizedNumber n = normalize(id.childText("country"), docdbText(id), src, pc.line());
            String active = pc.childText("priority-active-indicator");
            // the kind is decided from the number: DOCDB's own kind attribute is not reliable
            claims.add(new PriorityClaim(sequence(pc, claims.size()), n.country(), n.number(),
                    null, date(id.childText("date")), PriorityKind.ofNormalizedCountry(n.country()), active(active)));
        }
        if (!claims.isEmpty()) {
            b.docdbClaims = claims;
        }
        for (XmlTree doc : member.children("exchange-document")) {
            addExchangeDocument(acc, doc, b, src);
        }
    }

    // ------------------------------------------------------------------ exchange documents

    private void addExchangeDocument(Map<String, Builder> acc, XmlTree doc, Builder known, String src) {
        XmlTree biblio = doc.child("bibliographic-data");
        if (biblio == null) {
            throw new DialectException(src, doc.line(), -1, "exchange-document without bibliographic-data");
        }
        XmlTree appRef = biblio.child("application-reference");
        Builder b = known;
        if (b == null) {
            XmlTree appDocdb = docdbId(appRef);
            if (appDocdb == null) {
                throw new DialectException(src, doc.line(), -1,
                        "exchange-document without a DOCDB application-reference");
            }
            b = builder(acc, appDocdb, src, doc.line());
        }
        b.familyId = firstNonNull(b.familyId, doc.attr("family-id"));
        if (appRef != null) {
            for (XmlTree id : appRef.children("document-id")) {
                String type = id.attr("document-id-type");
                if ("original".equals(type)) {
                    b.originalNumber = firstNonNull(b.originalNumber, id.childText("doc-number"));
                }
                if (b.filingDate == null) {
                    b.filingDate = date(id.childText("date"));
                }
            }
        }
        Publication pub = publication(docdbId(biblio.child("publication-reference")), src);
        if (pub != null) {
            b.addPublication(pub);
        }
        XmlTree claims = biblio.child("priority-claims");
        if (claims != null && b.exchangeClaims.isEmpty()) {
            for (XmlTree pc : claims.children("priority-claim")) {
                PriorityClaim c = exchangePriorityClaim(pc, b.exchangeClaims.size(), src);
                if (c != null) {
                    b.exchangeClaims.add(c);
                }
            }
        }
        XmlTree parties = biblio.child("parties");
        if (parties != null) {
            if (b.applicants.isEmpty()) {
                b.applicants.addAll(parties(parties.child("applicants"), "applicant", "applicant-name"));
            }
            if (b.inventors.isEmpty()) {
                b.inventors.addAll(parties(parties.child("inventors"), "inventor", "inventor-name"));
            }
        }
        for (XmlTree t : biblio.children("invention-title")) {
            b.addText(b.titles, new LocalizedText(t.attr("lang"), t.deepText()));
        }
        for (XmlTree a : doc.children("abstract")) {
            b.addText(b.abstracts, new LocalizedText(a.attr("lang"), a.deepText()));
        }
        classifications(biblio, b);
    }

    private PriorityClaim exchangePriorityClaim(XmlTree pc, int index, String src) {
        String original = null;
        NormalizedNumber n = null;
        LocalDate date = null;
        for (XmlTree id : pc.children("document-id")) {
            String type = id.attr("document-id-type");
            date = date == null ? date(id.childText("date")) : date;
            if ("original".equals(type)) {
                original = firstNonNull(original, id.childText("doc-number"));
            } else if (n == null && "docdb".equals(type)) {
                n = normalize(id.childText("country"), docdbText(id), src, pc.line());
            } else if (n == null && "epodoc".equals(type)) {
                String epodoc = id.childText("doc-number");
                if (epodoc != null && epodoc.length() > 2) {
                    n = normalize(epodoc.substring(0, 2), epodoc, src, pc.line());
                }
            }
        }
        if (n == null) {
            return null;
        }
        return new PriorityClaim(sequence(pc, index), n.country(), n.number(), original, date,
                PriorityKind.ofNormalizedCountry(n.country()), active(pc.childText("priority-active-indicator")));
    }

    /** DOCDB's priority-active-indicator: Y/YES active, N/NO inactive; absent means active. */
    private static boolean active(String indicator) {
        return indicator == null || !("NO".equalsIgnoreCase(indicator.trim()) || "N".equalsIgnoreCase(indicator.trim()));
    }

    private static List<Party> parties(XmlTree group, String element, String nameElement) {
        List<Party> epodoc = new ArrayList<>();
        List<Party> original = new ArrayList<>();
        if (group == null) {
            return epodoc;
        }
        for (XmlTree p : group.children(element)) {
            XmlTree nameTree = p.path(nameElement, "name");
            String raw = nameTree == null || nameTree.deepText() == null ? null
                    : SPACES.matcher(nameTree.deepText()).replaceAll(" ").trim();
            if (raw == null || raw.isEmpty()) {
                continue;
            }
            int seq = parseInt(p.attr("sequence"), 0);
            if ("epodoc".equals(p.attr("data-format"))) {
                Matcher m = EPODOC_PARTY.matcher(raw);
                epodoc.add(m.matches() ? new Party(seq, m.group(1).trim(), m.group(2)) : new Party(seq, raw, null));
            } else {
                original.add(new Party(seq, raw.replaceAll("[, ]+$", ""), null));
            }
        }
        return epodoc.isEmpty() ? original : epodoc;
    }

    private static void classifications(XmlTree biblio, Builder b) {
        XmlTree ipcr = biblio.child("classifications-ipcr");
        if (ipcr != null) {
            for (XmlTree c : ipcr.children("classification-ipcr")) {
                String symbol = ipcSymbol(c.childText("text"));
                if (symbol != null) {
                    b.addClassification(new Classification(Classification.Scheme.IPC, symbol));
                }
            }
        }
        XmlTree pcs = biblio.child("patent-classifications");
        if (pcs != null) {
            for (XmlTree c : pcs.children("patent-classification")) {
                XmlTree scheme = c.child("classification-scheme");
                String s = scheme == null ? null : scheme.attr("scheme");
                if (s == null || !s.startsWith("CPC")) {
                    continue;
                }
                String symbol = c.childText("section") + c.childText("class") + c.childText("subclass") + " "
                        + c.childText("main-group") + "/" + c.childText("subgroup");
                b.addClassification(new Classification(Classification.Scheme.CPC, symbol));
            }
        }
    }

    /** "H04W  84/    20            A I   " becomes "H04W 84/20". */
    static String ipcSymbol(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.trim().split("\\s+");
        if (parts.length < 3 || !parts[1].endsWith("/")) {
            return text.trim().isEmpty() ? null : text.trim();
        }
        return parts[0] + " " + parts[1] + parts[2];
    }

    // ------------------------------------------------------------------ helpers

    private Builder builder(Map<String, Builder> acc, XmlTree appDocdb, String src, int line) {
        String kind = appDocdb.childText("kind");
        NormalizedNumber n = normalize(appDocdb.childText("country"), docdbText(appDocdb), src, line);
        Builder b = acc.computeIfAbsent(n.key(), k -> new Builder(n.country(), n.number()));
        b.kind = firstNonNull(b.kind, kind);
        if (b.filingDate == null) {
            b.filingDate = date(appDocdb.childText("date"));
        }
        return b;
    }

    private NormalizedNumber normalize(String country, String number, String src, int line) {
        if (country == null || number == null) {
            throw new DialectException(src, line, -1, "document-id without country or doc-number");
        }
        try {
            return normalizer.normalize(country, number, NumberType.APPLICATION);
        } catch (DossierlinkException e) {
            throw new DialectException(src, line, -1, e.getMessage());
        }
    }

    private static Publication publication(XmlTree docdb, String src) {
        if (docdb == null) {
            return null;
        }
        String country = docdb.childText("country");
        String number = docdb.childText("doc-number");
        if (country == null || number == null) {
            throw new DialectException(src, docdb.line(), -1, "publication document-id without country or doc-number");
        }
        return new Publication(country, number, docdb.childText("kind"), date(docdb.childText("date")));
    }

    /** A DOCDB document-id as the normaliser reads it: CC.number.kind (the kind tells a PCT application W). */
    private static String docdbText(XmlTree id) {
        String number = id.childText("doc-number");
        String kind = id.childText("kind");
        if (number == null) {
            return null;
        }
        return id.childText("country") + "." + number + (kind == null ? "" : "." + kind);
    }

    private static XmlTree docdbId(XmlTree reference) {
        if (reference == null) {
            return null;
        }
        for (XmlTree id : reference.children("document-id")) {
            if ("docdb".equals(id.attr("document-id-type"))) {
                return id;
            }
        }
        return null;
    }

    private static int sequence(XmlTree pc, int index) {
        return parseInt(pc.attr("sequence"), index + 1);
    }

    private static int parseInt(String s, int fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** YYYYMMDD, or null when absent or not a real date (OPS sometimes gives partial dates). */
    static LocalDate date(String s) {
        if (s == null || s.length() != 8) {
            return null;
        }
        try {
            return LocalDate.parse(s, YYYYMMDD);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    /** Accumulates what the file says about one application. */
    private static final class Builder {
        final String office;
        final String number;
        String kind;
        String originalNumber;
        LocalDate filingDate;
        String familyId;
        final Map<String, Publication> publications = new LinkedHashMap<>();
        List<PriorityClaim> docdbClaims;
        final List<PriorityClaim> exchangeClaims = new ArrayList<>();
        final List<Party> applicants = new ArrayList<>();
        final List<Party> inventors = new ArrayList<>();
        final List<LocalizedText> titles = new ArrayList<>();
        final List<LocalizedText> abstracts = new ArrayList<>();
        final List<Classification> classifications = new ArrayList<>();

        Builder(String office, String number) {
            this.office = office;
            this.number = number;
        }

        void addPublication(Publication p) {
            publications.merge(p.docdb(), p, (old, neu) -> old.date() != null ? old : neu);
        }

        void addText(List<LocalizedText> list, LocalizedText t) {
            if (t.text() != null && !list.contains(t)) {
                list.add(t);
            }
        }

        void addClassification(Classification c) {
            if (!classifications.contains(c)) {
                classifications.add(c);
            }
        }

        Dossier build() {
            List<PriorityClaim> claims = docdbClaims != null ? withOriginals(docdbClaims) : exchangeClaims;
            return new Dossier(new ApplicationRef(office, number, kind, originalNumber, filingDate),
                    new ArrayList<>(publications.values()), claims, titles, applicants, inventors,
                    classifications, abstracts, familyId, "docdb");
        }

        /** DOCDB claims carry no original text; take it from the exchange document's claim of the same number. */
        private List<PriorityClaim> withOriginals(List<PriorityClaim> claims) {
            List<PriorityClaim> out = new ArrayList<>(claims.size());
            for (PriorityClaim c : claims) {
                String original = null;
                for (PriorityClaim e : exchangeClaims) {
                    if (e.key().equals(c.key())) {
                        original = e.originalNumber();
                    }
                }
                out.add(new PriorityClaim(c.sequence(), c.country(), c.number(), original,
                        c.date(), c.kind(), c.active()));
            }
            return out;
        }
    }
}
