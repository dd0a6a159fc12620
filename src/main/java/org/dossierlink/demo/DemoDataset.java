package org.dossierlink.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.dialect.CanonicalDossierXml;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.dialect.DossierImporter;
import org.dossierlink.dossier.Direction;
import org.dossierlink.dossier.DocumentGroup;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore;
import org.dossierlink.dossier.Publication;
import org.dossierlink.number.NumberNormalizer;

/**
 * The demo dataset that {@code serve --demo} loads: real records from the shared corpus (the OPS
 * DOCDB responses of the EP2400812 family and of single US, CN and WO publications, and canonical
 * records taken from the JPO, CNIPA, USPTO and Global Dossier samples), each with a dossier
 * document list holding XML and PDF documents. JP 2017-187096 carries its real Global Dossier
 * document list; the others a plausible one built from their own dates. Loading is idempotent.
 */
public final class DemoDataset {

    /** Resources in DOCDB exchange format (copied unchanged from the corpus, see demo/SOURCES.md). */
    static final List<String> DOCDB_RESOURCES = List.of(
            "demo/ops/family_biblio_EP2400812A1.xml",
            "demo/ops/biblio_US10047600B2.xml",
            "demo/ops/biblio_CN104968889A.xml",
            "demo/ops/biblio_WO2018148832A1.xml",
            "demo/ops/biblio_application_US2016015853W.xml");
    static final String CANONICAL_RESOURCE = "demo/corpus-dossiers.xml";
    static final String DOCUMENT_LIST_PREFIX = "demo/documents-";

    /** What was loaded. */
    public record Summary(int applications, int documents) {
    }

    private final DossierStore store;
    private final DossierImporter importer;

    public DemoDataset(DossierStore store, NumberNormalizer normalizer, DialectConverter converter) {
        this.store = store;
        this.importer = new DossierImporter(store, normalizer, converter);
    }

    public Summary load() {
        Map<String, Dossier> dossiers = new LinkedHashMap<>();
        for (String res : DOCDB_RESOURCES) {
            read(Dialect.DOCDB, res).forEach(d -> dossiers.put(d.application().key(), d));
        }
        read(Dialect.CANONICAL, CANONICAL_RESOURCE).forEach(d -> dossiers.put(d.application().key(), d));
        store.saveAll(dossiers.values());
        int documents = 0;
        for (Dossier d : dossiers.values()) {
            for (DemoDocument doc : documentsOf(d)) {
                store.saveDocument(d.application().key(), doc.info(), doc.content());
                documents++;
            }
        }
        return new Summary(dossiers.size(), documents);
    }

    private List<Dossier> read(Dialect format, String resource) {
        try (InputStream in = resource(resource)) {
            return importer.read(format, in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = DemoDataset.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("demo resource missing from the jar: " + name);
        }
        return in;
    }

    record DemoDocument(DocumentInfo info, byte[] content) {
    }

    /** The document list of one demo application, with deterministic content. */
    static List<DemoDocument> documentsOf(Dossier d) {
        List<Template> templates = listedDocuments(d.application().key());
        if (templates.isEmpty()) {
            templates = synthesised(d);
        }
        List<DemoDocument> out = new ArrayList<>(templates.size() + 1);
        for (Template t : templates) {
            out.add(t.materialise(d));
        }
        // Every demo dossier also carries its bibliographic record as an XML document.
        byte[] xml = CanonicalDossierXml.toBytes(d, List.of());
        LocalDate latest = d.publications().stream().map(Publication::date).filter(x -> x != null)
                .max(LocalDate::compareTo).orElse(filingDate(d));
        out.add(new DemoDocument(new DocumentInfo(d.application().key() + "-BIB", "BIB",
                "Bibliographic data (canonical XML)", DocumentGroup.APPLICATION, latest, Direction.INTERNAL,
                "en", "application/xml", null, xml.length, ContentDigest.sha256(xml)), xml));
        return out;
    }

    /** A document before its content exists. */
    record Template(String id, String code, String description, DocumentGroup group, LocalDate date,
                    Direction direction, String language, Integer pages) {

        DemoDocument materialise(Dossier d) {
            int n = pages != null && pages > 0 ? pages : 1 + Math.floorMod(id.hashCode(), 4);
            String title = d.titles().stream().filter(t -> "en".equals(t.lang())).map(t -> t.text()).findFirst()
                    .orElse(d.titles().isEmpty() ? "" : d.titles().get(0).text());
            byte[] pdf = DemoPdf.render(List.of(
                    "dossierlink demo document - generated, not an office publication",
                    "Application " + d.application().docdb() + "  filed " + filingDate(d),
                    "Title: " + title,
                    code + "  " + description,
                    "Date " + date + "  (" + direction.wireName() + ", " + group.wireName() + ", " + language + ")"), n);
            return new DemoDocument(new DocumentInfo(id, code, description, group, date, direction, language,
                    "application/pdf", n, pdf.length, ContentDigest.sha256(pdf)), pdf);
        }
    }

    /** A real document list shipped as a TSV resource (see the resource's header for its origin). */
    static List<Template> listedDocuments(String applicationKey) {
        InputStream in = DemoDataset.class.getClassLoader()
                .getResourceAsStream(DOCUMENT_LIST_PREFIX + applicationKey + ".tsv");
        List<Template> out = new ArrayList<>();
        if (in == null) {
            return out;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                out.add(new Template(f[1], f[2], f[3], DocumentGroup.fromWireName(f[4]), LocalDate.parse(f[5]),
                        Direction.valueOf(f[6].toUpperCase(Locale.ROOT)), f[7],
                        f[9].isBlank() ? null : Integer.valueOf(f[9])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A plausible file wrapper from the application's own dates, with the office's usual codes. */
    static List<Template> synthesised(Dossier d) {
        String office = d.application().office();
        String key = d.application().key();
        String lang = switch (office) {
            case "JP" -> "ja";
            case "CN" -> "zh";
            case "KR" -> "ko";
            default -> "en";
        };
        boolean us = office.equals("US");
        LocalDate filed = filingDate(d);
        List<Template> t = new ArrayList<>();
        t.add(new Template(key + "-APP", us ? "SPEC" : "APP", "Application as filed (description, claims, drawings)",
                DocumentGroup.APPLICATION, filed, Direction.INCOMING, lang, null));
        t.add(new Template(key + "-SRCH", us ? "SRFW" : "SRCH", us ? "Search information" : "Search report and opinion",
                DocumentGroup.SEARCH, filed.plusMonths(9), Direction.OUTGOING, lang, null));
        t.add(new Template(key + "-OA1", us ? "CTNF" : "OA", us ? "Non-final rejection" : "Communication from the examining division",
                DocumentGroup.OFFICE_ACTION, filed.plusMonths(20), Direction.OUTGOING, lang, null));
        t.add(new Template(key + "-REPLY1", us ? "REM" : "REPLY", us ? "Applicant arguments/remarks" : "Reply to communication",
                DocumentGroup.APPLICANT_REPLY, filed.plusMonths(24), Direction.INCOMING, lang, null));
        d.publications().stream()
                .filter(p -> p.kind() != null && p.kind().startsWith("B") || p.kind() != null && p.kind().equals("C"))
                .map(Publication::date).filter(x -> x != null).findFirst()
                .ifPresent(granted -> t.add(new Template(key + "-GRANT", us ? "NOA" : "GRANT",
                        us ? "Notice of allowance" : "Decision to grant", DocumentGroup.GRANT,
                        granted.minusMonths(1), Direction.OUTGOING, lang, null)));
        return t;
    }

    private static LocalDate filingDate(Dossier d) {
        if (d.application().filingDate() != null) {
            return d.application().filingDate();
        }
        return d.publications().stream().map(Publication::date).filter(x -> x != null).min(LocalDate::compareTo)
                .orElse(LocalDate.of(2000, 1, 1));
    }

}
