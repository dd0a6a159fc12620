package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dossierlink.Corpus;
import org.dossierlink.dialect.DialectConverter.Direction;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.testsupport.TestDialects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * ST.96 V6_0 pat:PatentPublication: the WIPO example to canonical and back, and canonical from the demo
 * dataset, from DOCDB (through the Java reader, since DOCDB has no stylesheet in this build) and from
 * edge cases to ST.96, each output validated against PatentPublication_V6_0.xsd by the JDK and xmllint.
 */
class St96DialectTest {

    static final String EXAMPLE = "st96/examples/PatentPublication_Example.xml";
    static final Map<String, String> NS = Map.of(
            "pat", "http://www.wipo.int/standards/XMLSchema/ST96/Patent",
            "com", "http://www.wipo.int/standards/XMLSchema/ST96/Common",
            "xsi", "http://www.w3.org/2001/XMLSchema-instance",
            "dos", "urn:dossierlink:dossier:1");
    static final Map<String, String> DOS = Map.of("dos", "urn:dossierlink:dossier:1");
    static final Path DEMO = Path.of("src/main/resources/demo/corpus-dossiers.xml");
    static final Path EDGE = Path.of("src/test/resources/dialect/st96/canonical-edge-cases.xml");
    static final List<String> DOCDB_FILES = List.of("epo-ops/responses/family_biblio_EP2400812A1.xml",
            "epo-ops/responses/biblio_EP2400812A1.xml", "epo-ops/responses/biblio_CN104968889A.xml",
            "epo-ops/responses/biblio_US10047600B2.xml", "epo-ops/responses/biblio_WO2018148832A1.xml",
            "epo-ops/responses/biblio_application_US2016015853W.xml");

    private static Path example() {
        return Corpus.file(EXAMPLE);
    }

    private static Document exampleCanonical() {
        return TestDialects.dom(TestDialects.toCanonical(Dialect.ST96, example()));
    }

    private static String t(Document d, String xpath) {
        return TestDialects.text(d, xpath, NS);
    }

    private static List<String> all(Document d, String xpath) {
        return TestDialects.texts(d, xpath, NS);
    }

    // ---------------------------------------------------------------- ST.96 example to canonical

    @Test
    void detectsTheExample() {
        assertThat(DialectDetector.detect(example()).dialect()).isEqualTo(Dialect.ST96);
    }

    @Test
    void exampleConvertsToValidCanonical() {
        byte[] canonical = TestDialects.toCanonical(Dialect.ST96, example());
        TestDialects.assertValid(canonical, TestDialects.canonicalSchema(), EXAMPLE + " as canonical");
        Document d = TestDialects.dom(canonical);
        assertThat(TestDialects.select(d, "/dos:dossiers/dos:dossier", NS)).hasSize(1);
        assertThat(t(d, "/dos:dossiers/dos:dossier/@source")).isEqualTo("st96");
    }

    @Test
    void exampleApplicationAndPublications() {
        Document d = exampleCanonical();
        String app = "/dos:dossiers/dos:dossier/dos:application/";
        assertThat(t(d, app + "dos:office")).isEqualTo("US");
        // 13/797,521 filed 2013: DOCDB writes year + series + serial
        assertThat(t(d, app + "dos:number")).isEqualTo("201313797521");
        assertThat(t(d, app + "dos:docdb")).isEqualTo("US.201313797521.A");
        assertThat(t(d, app + "dos:originalNumber")).isEqualTo("13797521");
        assertThat(t(d, app + "dos:filingDate")).isEqualTo("2013-03-12");
        assertThat(all(d, "//dos:publication/dos:docdb")).containsExactly("US.8936998.B2", "US.2013213561.A1");
        assertThat(all(d, "//dos:publication/dos:date")).containsExactly("2015-01-20", "2013-08-22");
    }

    @Test
    void examplePriorityClaim() {
        Document d = exampleCanonical();
        assertThat(TestDialects.select(d, "//dos:priorityClaim", NS)).hasSize(1);
        String pc = "//dos:priorityClaim[1]/";
        assertThat(t(d, pc + "@sequence")).isEqualTo("1");
        assertThat(t(d, pc + "@kind")).isEqualTo("national");
        assertThat(t(d, pc + "dos:country")).isEqualTo("JP");
        assertThat(t(d, pc + "dos:number")).isEqualTo("2007290922");
        assertThat(t(d, pc + "dos:docdb")).isEqualTo("JP.2007290922");
        assertThat(t(d, pc + "dos:originalNumber")).isEqualTo("2007-290922");
        assertThat(t(d, pc + "dos:date")).isEqualTo("2007-11-08");
    }

    @Test
    void priorityKindComesFromTheNumberNotFromTheFilingCategory() throws Exception {
        String xml = Files.readString(example(), StandardCharsets.UTF_8);
        // the JP claim labelled PCT stays national
        Document pct = canonicalOf(xml.replace(
                "<pat:ApplicationFilingCategory>National</pat:ApplicationFilingCategory>",
                "<pat:ApplicationFilingCategory>PCT</pat:ApplicationFilingCategory>"));
        assertThat(t(pct, "//dos:priorityClaim/@kind")).isEqualTo("national");
        // a PCT number labelled National is international, with country WO
        Document wo = canonicalOf(xml.replace("<com:IPOfficeCode>JP</com:IPOfficeCode>\n            <com:ApplicationNumber>\n"
                + "               <com:ApplicationNumberText>2007-290922</com:ApplicationNumberText>",
                "<com:IPOfficeCode>WO</com:IPOfficeCode>\n            <com:ApplicationNumber>\n"
                        + "               <com:ApplicationNumberText>PCT/JP2008/068544</com:ApplicationNumberText>"));
        assertThat(t(wo, "//dos:priorityClaim/@kind")).isEqualTo("international");
        assertThat(t(wo, "//dos:priorityClaim/dos:country")).isEqualTo("WO");
        assertThat(t(wo, "//dos:priorityClaim/dos:originalNumber")).isEqualTo("PCT/JP2008/068544");
        // and canonical -> ST.96 writes PCT for it, whatever canonical's kind said
        byte[] st96 = TestDialects.fromCanonical(Dialect.ST96, TestDialects.converter().toCanonical(Dialect.ST96,
                TestDialects.converter().parse(xml.replace("<pat:ApplicationFilingCategory>National",
                        "<pat:ApplicationFilingCategory>PCT").getBytes(StandardCharsets.UTF_8), "x"), "x"), "x");
        assertThat(t(TestDialects.dom(st96), "//pat:PriorityClaim/pat:ApplicationFilingCategory")).isEqualTo("National");
    }

    private static Document canonicalOf(String st96) {
        var c = TestDialects.converter();
        byte[] canonical = c.toCanonical(Dialect.ST96, c.parse(st96.getBytes(StandardCharsets.UTF_8), "edited example"),
                "edited example");
        TestDialects.assertValid(canonical, TestDialects.canonicalSchema(), "edited example as canonical");
        return TestDialects.dom(canonical);
    }

    @Test
    void exampleTitlePartiesClassificationsAbstract() {
        Document d = exampleCanonical();
        assertThat(t(d, "//dos:title")).isEqualTo("Manufcaturing method for room-temperature substrate bonding");
        assertThat(t(d, "//dos:title/@lang")).isEqualTo("en");
        assertThat(all(d, "//dos:applicant/dos:name"))
                .containsExactly("Utsumi Jun", "Goto Takayuki", "Ide Kensuke", "Takagi Hideki", "Funayama Masahiro");
        assertThat(all(d, "//dos:applicant/@sequence")).containsExactly("1", "2", "3", "4", "5");
        assertThat(all(d, "//dos:inventor/dos:name")).hasSize(5).startsWith("Utsumi Jun").endsWith("Funayama Masahiro");
        // no assignee, examiner or attorney becomes a party
        assertThat(all(d, "//dos:applicant/dos:name | //dos:inventor/dos:name"))
                .doesNotContain("Mitsubishi Heavy Industries, Ltd.", "Jackson Jerome Jr.");
        assertThat(all(d, "//dos:classification[@scheme='IPC']")).containsExactly("H01L 21/30", "H01L 21/302",
                "H01L 21/324", "H01L 21/20", "H01L 23/00", "H01L 31/0203");
        List<String> cpc = all(d, "//dos:classification[@scheme='CPC']");
        assertThat(cpc).startsWith("H01L 21/2007", "H01L 24/28").contains("H01L 2924/014").hasSize(24);
        // the field of search is not the document's classification
        assertThat(all(d, "//dos:classification[@scheme='national']")).isEmpty();
        assertThat(t(d, "//dos:abstract")).startsWith("A device is provided with: a first substrate")
                .endsWith("different from the main component of the second substrate.");
        assertThat(t(d, "//dos:abstract/@lang")).isEqualTo("en");
    }

    // ---------------------------------------------------------------- canonical to ST.96

    @Test
    void exampleCanonicalConvertsToValidSt96() {
        byte[] st96 = TestDialects.fromCanonical(Dialect.ST96, TestDialects.toCanonical(Dialect.ST96, example()),
                EXAMPLE + " (canonical)");
        TestDialects.assertValid(st96, TestDialects.st96Schema(), EXAMPLE + " through canonical");
        assertThat(DialectDetector.detect(new java.io.ByteArrayInputStream(st96), "out").dialect())
                .isEqualTo(Dialect.ST96);
    }

    @Test
    void exampleRoundTripsThroughCanonical() {
        byte[] back = TestDialects.assertRoundTrip(Dialect.ST96, example(), NS);
        Document b = TestDialects.dom(back);
        Document original = TestDialects.dom(TestDialects.readAll(example()));
        // what the cannot-hold list lets the comparison skip is still checked here: IPC symbols as text,
        // structured names as one entity name
        List<String> symbols = new ArrayList<>();
        for (Node n : TestDialects.select(original, "//pat:IPCRClassification", NS)) {
            Element e = (Element) n;
            symbols.add(child(e, "Section") + child(e, "Class") + child(e, "Subclass") + " " + child(e, "MainGroup")
                    + "/" + child(e, "Subgroup"));
        }
        assertThat(all(b, "//pat:IPCRClassification/pat:PatentClassificationText")).isEqualTo(symbols);
        assertThat(all(b, "//pat:Applicant/com:PublicationContact/com:Name/com:EntityName"))
                .containsExactly("Utsumi Jun", "Goto Takayuki", "Ide Kensuke", "Takagi Hideki", "Funayama Masahiro");
        assertThat(all(b, "//pat:Applicant/@com:sequenceNumber")).containsExactly("001", "002", "003", "004", "005");
        assertThat(t(b, "//pat:PatentPublicationIdentification/pat:PublicationNumber")).isEqualTo("08936998");
        assertThat(t(b, "//pat:RelatedPublication//pat:PublicationNumber")).isEqualTo("20130213561");
        assertThat(t(b, "//pat:PriorityClaim/@com:sequenceNumber")).isEqualTo("01");
    }

    private static String child(Element e, String local) {
        return e.getElementsByTagNameNS(NS.get("pat"), local).item(0).getTextContent();
    }

    @Test
    void exampleCanonicalRoundTripsThroughSt96() {
        TestDialects.assertCanonicalRoundTrip(Dialect.ST96, TestDialects.toCanonical(Dialect.ST96, example()),
                EXAMPLE + " (canonical)");
    }

    static Stream<String> demoRecords() {
        return records(DEMO).stream();
    }

    @ParameterizedTest(name = "demo record {index}")
    @MethodSource("demoRecords")
    void demoRecordsConvertToValidSt96AndBack(String record) {
        byte[] canonical = record.getBytes(StandardCharsets.UTF_8);
        byte[] st96 = TestDialects.fromCanonical(Dialect.ST96, canonical, "demo record");
        TestDialects.assertValidJdk(st96, TestDialects.st96Schema(), "demo record as ST.96"); // xmllint: allRecordsValidateWithXmllint
        Document in = TestDialects.dom(canonical);
        Document out = TestDialects.dom(st96);
        assertThat(t(out, "//pat:ApplicationIdentification/com:ApplicationNumber/com:ApplicationNumberText"))
                .isEqualTo(t(in, "//dos:application/dos:originalNumber"));
        assertThat(all(out, "//pat:PriorityClaim/com:ApplicationNumber/com:ApplicationNumberText"))
                .isEqualTo(all(in, "//dos:priorityClaim/dos:originalNumber"));
        assertThat(all(out, "//pat:PriorityClaim/pat:FilingDate")).isEqualTo(all(in, "//dos:priorityClaim/dos:date"));
        assertThat(all(out, "//pat:InventionTitle[normalize-space()]")).isEqualTo(all(in, "//dos:title"));
        TestDialects.assertCanonicalRoundTrip(Dialect.ST96, canonical, "demo record");
    }

    @Test
    void demoPriorityCategoriesAreDecidedFromTheNumbers() {
        // the demo's JP gazettes say "international" for a US provisional and KR applications
        List<String> categories = new ArrayList<>();
        for (String r : records(DEMO)) {
            categories.addAll(all(TestDialects.dom(TestDialects.fromCanonical(Dialect.ST96,
                    r.getBytes(StandardCharsets.UTF_8), "demo")), "//pat:PriorityClaim/pat:ApplicationFilingCategory"));
        }
        assertThat(categories).isNotEmpty().containsOnly("National");
    }

    static Stream<String> docdbRecords() throws Exception {
        List<String> out = new ArrayList<>();
        for (String f : DOCDB_FILES) {
            out.addAll(records(docdbCanonical(f)));
        }
        return out.stream();
    }

    /** DOCDB to canonical goes through the Java reader in this build (no DOCDB stylesheet yet). */
    static byte[] docdbCanonical(String corpusFile) throws Exception {
        Path p = Corpus.file(corpusFile);
        List<Dossier> ds;
        try (InputStream in = Files.newInputStream(p)) {
            ds = new DocdbExchangeReader(new NumberNormalizer()).read(in, p.toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CanonicalDossierXml.writeAll(out, ds.stream().map(d -> new CanonicalDossierXml.Entry(d, List.of())).toList());
        return out.toByteArray();
    }

    @ParameterizedTest(name = "DOCDB record {index}")
    @MethodSource("docdbRecords")
    void docdbRecordsConvertToValidSt96AndBack(String record) {
        byte[] canonical = record.getBytes(StandardCharsets.UTF_8);
        TestDialects.assertValid(canonical, TestDialects.canonicalSchema(), "DOCDB record as canonical");
        byte[] st96 = TestDialects.fromCanonical(Dialect.ST96, canonical, "DOCDB record");
        TestDialects.assertValidJdk(st96, TestDialects.st96Schema(), "DOCDB record as ST.96"); // xmllint: allRecordsValidateWithXmllint
        TestDialects.assertCanonicalRoundTrip(Dialect.ST96, canonical, "DOCDB record");
    }

    @Test
    void docdbFamilyGivesEveryApplication() throws Exception {
        List<String> recs = records(docdbCanonical("epo-ops/responses/family_biblio_EP2400812A1.xml"));
        List<String> apps = new ArrayList<>();
        for (String r : recs) {
            Document st96 = TestDialects.dom(TestDialects.fromCanonical(Dialect.ST96, r.getBytes(StandardCharsets.UTF_8), "x"));
            apps.add(t(st96, "//pat:ApplicationIdentification/com:IPOfficeCode"));
        }
        assertThat(apps).containsExactlyInAnyOrder("EP", "CA", "US");
    }

    /**
     * xmllint's check of what the three parameterised tests above convert (demo, DOCDB and edge-case records to
     * ST.96), in one xmllint run: it loads the ST.96 schema set once instead of once per record.
     */
    @Test
    void allRecordsValidateWithXmllint() throws Exception {
        Map<String, byte[]> st96 = new java.util.LinkedHashMap<>();
        List<String> demo = demoRecords().toList();
        List<String> docdb = docdbRecords().toList();
        List<String> edge = edgeRecords().toList();
        for (int i = 0; i < demo.size(); i++) {
            st96.put("demo record " + (i + 1), TestDialects.fromCanonical(Dialect.ST96, demo.get(i).getBytes(StandardCharsets.UTF_8), "demo"));
        }
        for (int i = 0; i < docdb.size(); i++) {
            st96.put("DOCDB record " + (i + 1), TestDialects.fromCanonical(Dialect.ST96, docdb.get(i).getBytes(StandardCharsets.UTF_8), "docdb"));
        }
        for (int i = 0; i < edge.size(); i++) {
            st96.put("edge case " + (i + 1), TestDialects.fromCanonical(Dialect.ST96, edge.get(i).getBytes(StandardCharsets.UTF_8), "edge"));
        }
        assertThat(st96).hasSizeGreaterThan(20);
        Map<String, String> results = TestDialects.xmllintEach(st96, TestDialects.st96Schema());
        assertThat(results).hasSize(st96.size());
        results.forEach((name, result) -> assertThat(result).as("xmllint --schema ST.96, %s", name).isEqualTo("validates"));
    }

    /** The one-run check tells an invalid document apart from the valid ones beside it. */
    @Test
    void xmllintEachNamesTheInvalidDocument() {
        String valid = demoRecords().findFirst().orElseThrow();
        String invalid = valid.replaceFirst("<dos:application>", "<dos:application><dos:unknown/>");
        Map<String, byte[]> docs = new java.util.LinkedHashMap<>();
        docs.put("valid", valid.getBytes(StandardCharsets.UTF_8));
        docs.put("invalid", invalid.getBytes(StandardCharsets.UTF_8));
        docs.put("valid again", valid.getBytes(StandardCharsets.UTF_8));
        Map<String, String> results = TestDialects.xmllintEach(docs, TestDialects.canonicalSchema());
        assertThat(results.get("valid")).isEqualTo("validates");
        assertThat(results.get("valid again")).isEqualTo("validates");
        assertThat(results.get("invalid")).contains("unknown").doesNotContain("validates");
    }

    static Stream<String> edgeRecords() {
        return records(EDGE).stream();
    }

    @ParameterizedTest(name = "edge case {index}")
    @MethodSource("edgeRecords")
    void edgeCasesConvertToValidSt96AndBack(String record) {
        byte[] canonical = record.getBytes(StandardCharsets.UTF_8);
        TestDialects.assertValid(canonical, TestDialects.canonicalSchema(), "edge case");
        byte[] st96 = TestDialects.fromCanonical(Dialect.ST96, canonical, "edge case");
        TestDialects.assertValidJdk(st96, TestDialects.st96Schema(), "edge case as ST.96"); // xmllint: allRecordsValidateWithXmllint
        TestDialects.assertCanonicalRoundTrip(Dialect.ST96, canonical, "edge case");
    }

    @Test
    void edgeCaseContent() {
        Document out = TestDialects.dom(TestDialects.fromCanonical(Dialect.ST96,
                records(EDGE).get(0).getBytes(StandardCharsets.UTF_8), "edge"));
        // grant first, the A1 as related publication, numbers as the USPTO writes them
        assertThat(t(out, "/pat:PatentPublication/pat:BibliographicData/pat:PatentPublicationIdentification/pat:PublicationNumber"))
                .isEqualTo("09648662");
        assertThat(t(out, "//pat:RelatedPublication//pat:PublicationNumber")).isEqualTo("20120057518");
        // the dateless FI claim is not written; the PCT one is, as PCT; the JP one is National
        assertThat(all(out, "//pat:PriorityClaim/com:IPOfficeCode")).containsExactly("EP", "WO", "JP");
        assertThat(all(out, "//pat:PriorityClaim/pat:ApplicationFilingCategory"))
                .containsExactly("Regional", "PCT", "National");
        assertThat(t(out, "/pat:PatentPublication/@com:languageCode")).isEqualTo("en");
        assertThat(all(out, "//pat:InventionTitle/@com:languageCode")).containsExactly("de");
        assertThat(all(out, "//pat:Abstract/@com:languageCode")).containsExactly("fr");
        assertThat(all(out, "//pat:IPCRClassification/pat:PatentClassificationText")).containsExactly("H04W 84/20", "H04W 4/00");
        assertThat(all(out, "//pat:NationalClassification/pat:MainNationalClassification/pat:PatentClassificationText"))
                .containsExactly("455/41.2", "455/66.1");
        assertThat(out.getDocumentElement().getTextContent()).doesNotContain("H04W 84/20H04W 84/20");
        Document bare = TestDialects.dom(TestDialects.fromCanonical(Dialect.ST96,
                records(EDGE).get(1).getBytes(StandardCharsets.UTF_8), "bare"));
        assertThat(t(bare, "/pat:PatentPublication/com:IPOfficeCode")).isEqualTo("EP");
        assertThat(TestDialects.select(bare, "//com:CorrespondenceAddress", NS)).hasSize(1);
    }

    @Test
    void severalDossiersAreRefusedWithTheirCount() {
        byte[] demo = TestDialects.readAll(DEMO);
        assertThatThrownBy(() -> TestDialects.fromCanonical(Dialect.ST96, demo, "demo"))
                .isInstanceOf(DialectException.class).hasMessageContaining("exactly one dossier")
                .hasMessageContaining("11");
    }

    @Test
    void lossesAreRealBothWays() throws Exception {
        TestDialects.assertLossesAreReal(Dialect.ST96, Direction.TO_CANONICAL,
                List.of(TestDialects.dom(TestDialects.readAll(example()))), NS);
        List<Document> canonical = new ArrayList<>();
        canonical.add(exampleCanonical());
        canonical.add(TestDialects.dom(TestDialects.readAll(DEMO)));
        canonical.add(TestDialects.dom(TestDialects.readAll(EDGE)));
        for (String f : DOCDB_FILES) {
            canonical.add(TestDialects.dom(docdbCanonical(f)));
        }
        TestDialects.assertLossesAreReal(Dialect.ST96, Direction.FROM_CANONICAL, canonical, DOS);
    }

    // ---------------------------------------------------------------- helpers

    /** Each dossier of a canonical file as a document of its own, dos:dossiers holding one dos:dossier. */
    static List<String> records(Path canonicalFile) {
        return records(TestDialects.readAll(canonicalFile));
    }

    static List<String> records(byte[] canonical) {
        Document d = TestDialects.dom(canonical);
        List<String> out = new ArrayList<>();
        for (Node n : TestDialects.select(d, "/dos:dossiers/dos:dossier", DOS)) {
            try {
                Document one = TestDialects.dom(("<dos:dossiers xmlns:dos=\"" + DOS.get("dos") + "\"/>")
                        .getBytes(StandardCharsets.UTF_8));
                one.getDocumentElement().appendChild(one.importNode(n, true));
                var w = new java.io.StringWriter();
                var t = javax.xml.transform.TransformerFactory.newDefaultInstance().newTransformer();
                t.transform(new javax.xml.transform.dom.DOMSource(one), new javax.xml.transform.stream.StreamResult(w));
                out.add(w.toString());
            } catch (javax.xml.transform.TransformerException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
