package org.dossierlink.number;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Numbers taken from the real data in the shared corpus ({@code DOSSIERLINK_CORPUS}): the Global Dossier
 * input help, the EPO OPS number-service and bibliographic responses (where DOCDB, epodoc and original
 * forms of one number stand side by side), and priority claims, application and publication references in
 * EP, JPO, USPTO and CNIPA documents.
 */
class NumberNormalizerCorpusTest {

    private static final NumberNormalizer NORMALIZER = new NumberNormalizer();
    private static final String OPS_NS = "http://ops.epo.org";
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    static Path corpus() {
        String dir = System.getenv("DOSSIERLINK_CORPUS");
        assertThat(dir).as("env DOSSIERLINK_CORPUS (set by the pom's surefire config)").isNotBlank();
        Path p = Path.of(dir);
        assertThat(p.resolve("SOURCES.md")).as("corpus at " + p).exists();
        return p;
    }

    // ---------------------------------------------------------------- Global Dossier input help

    /**
     * Expected result of every example in the help texts of gd_input_number_formats.csv, keyed by
     * "office_code|type_code|example". MALFORMED marks the CN example, which contradicts its own row: the
     * help says {@code 20110076986.7} is entered as {@code 20110076986} (11 digits) while the row's pattern
     * wants 12 digits; the real number of that shape is {@code 201110076986.7} (its check digit 7 verifies).
     */
    private static final Map<String, String> GD_EXPECTED = new LinkedHashMap<>();

    static {
        Map<String, String> m = GD_EXPECTED;
        m.put("US|application|12/345678", "US.12345678.A");
        m.put("US|application|12345678", "US.12345678.A");
        m.put("US|publication|US 2012/0123456", "US.2012123456");
        m.put("US|publication|20120123456", "US.2012123456");
        m.put("US|patent|US 7,123,456", "US.7123456");
        m.put("US|patent|7123456", "US.7123456");
        m.put("US|patent|US RE41234", "US.RE41234");
        m.put("US|patent|RE41234", "US.RE41234");
        m.put("CN|application|20110076986.7", "MALFORMED");
        m.put("CN|application|20110076986", "MALFORMED");
        m.put("CN|publication|CN 102298232 A", "CN.102298232.A");
        m.put("CN|publication|102298232", "CN.102298232");
        m.put("EP|application|04425480.3", "EP.04425480.A");
        m.put("EP|application|04425480", "EP.04425480.A");
        m.put("EP|publication|EP 1 612 402 A1", "EP.1612402.A1");
        m.put("EP|publication|1612402", "EP.1612402");
        m.put("KR|application|10-2008-0124668", "KR.20080124668.A");
        m.put("KR|application|2008-0124668", "KR.20080124668.A");
        m.put("KR|application|20080124668", "KR.20080124668.A");
        m.put("KR|publication|10-2010-0066036", "KR.20100066036");
        m.put("KR|publication|20100066036", "KR.20100066036");
        m.put("KR|publication|10-1503659", "KR.101503659");
        m.put("KR|publication|101503659", "KR.101503659");
        m.put("JP|application|P2009-214944", "JP.2009214944.A");
        m.put("JP|application|2009214944", "JP.2009214944.A");
        m.put("JP|publication|P2010-43647A", "JP.2010043647.A");
        m.put("JP|publication|201043647", "JP.2010043647");
        m.put("JP|publication|P5503096", "JP.5503096");
        m.put("JP|publication|5503096", "JP.5503096");
        m.put("WIPO|application|PCT/US2011/024313", "WO.2011US024313.W");
        m.put("WIPO|application|PCT/US09/54677", "WO.2009US054677.W");
        m.put("WIPO|publication|WO 03073013 A1", "WO.03073013.A1");
        m.put("WIPO|publication|WO03073013", "WO.03073013");
        m.put("CASE|application|AU 2011221359 A1", "AU.2011221359.A");
        m.put("CASE|application|AU2011221359", "AU.2011221359.A");
        m.put("CASE|publication|AU 2011221359 A1", "AU.2011221359.A1");
        m.put("CASE|publication|AU2011221359", "AU.2011221359");
    }

    /** Rows of the CSV whose pattern describes the digits-only form this normaliser produces as number. */
    private static final List<String> GD_PATTERN_APPLIES_TO_NUMBER = List.of(
            "US|application", "US|patent", "CN|application", "CN|publication", "EP|application",
            "EP|publication", "KR|application", "KR|publication", "JP|application", "JP|publication");
    /** Rows whose pattern describes country + number (our key). */
    private static final List<String> GD_PATTERN_APPLIES_TO_KEY = List.of(
            "WIPO|publication", "CASE|application", "CASE|publication");

    record GdExample(String office, String typeCode, String pattern, String example, String enteredAs) {
        String id() {
            return office + "|" + typeCode + "|" + example;
        }
    }

    static List<GdExample> gdExamples() throws IOException {
        List<String> lines = Files.readAllLines(corpus().resolve("global-dossier/gd_input_number_formats.csv"),
                StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("office_name,office_code,type_name,type_code,pattern,description");
        List<GdExample> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = csvFields(line);
            String office = f.get(1);
            String type = f.get(3);
            String pattern = f.get(4);
            String d = f.get(5);
            String inner = d.substring(d.indexOf("(e.g., ") + 7, d.lastIndexOf(')'));
            for (String part : inner.split("; ")) {
                String[] pieces = part.split(" would be entered as ");
                if (pieces.length == 1) {
                    for (String example : part.split(", ")) {
                        out.add(new GdExample(office, type, pattern, example, null));
                    }
                    continue;
                }
                List<String> inputs = List.of(pieces[0].split(" and "));
                for (int i = 1; i < pieces.length; i++) {
                    String entered = pieces[i];
                    List<String> next = List.of();
                    if (i < pieces.length - 1) {
                        int and = entered.indexOf(" and ");
                        next = List.of(entered.substring(and + 5));
                        entered = entered.substring(0, and);
                    }
                    for (String input : inputs) {
                        out.add(new GdExample(office, type, pattern, input, entered));
                    }
                    out.add(new GdExample(office, type, pattern, entered, entered));
                    inputs = next;
                }
            }
        }
        return out;
    }

    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        fields.add(cur.toString());
        return fields;
    }

    @Test
    void everyGlobalDossierHelpExampleIsInTheExpectationTable() throws IOException {
        List<String> ids = gdExamples().stream().map(GdExample::id).distinct().toList();
        assertThat(ids).containsExactlyInAnyOrderElementsOf(GD_EXPECTED.keySet());
    }

    static Stream<GdExample> gdExampleStream() throws IOException {
        return gdExamples().stream().distinct();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gdExampleStream")
    void globalDossierHelpExamplesNormalise(GdExample e) {
        String office = switch (e.office()) {
            case "CASE" -> e.example().substring(0, 2);
            default -> e.office();
        };
        NumberType type = e.typeCode().equals("application") ? NumberType.APPLICATION : NumberType.PUBLICATION;
        String expected = GD_EXPECTED.get(e.id());
        if (expected.equals("MALFORMED")) {
            assertThatThrownBy(() -> NORMALIZER.normalize(office, e.example(), type))
                    .isInstanceOf(MalformedNumberException.class)
                    .hasMessageContaining("11 digits");
            return;
        }
        NormalizedNumber n = NORMALIZER.normalize(office, e.example(), type);
        assertThat(n.docdb()).isEqualTo(expected);

        Pattern p = Pattern.compile(e.pattern());
        if (e.enteredAs() != null) {
            assertThat(p.matcher(e.enteredAs()).matches()).as("CSV pattern accepts its own entered form").isTrue();
        }
        String row = e.office() + "|" + e.typeCode();
        if (GD_PATTERN_APPLIES_TO_NUMBER.contains(row)) {
            assertThat(p.matcher(n.number()).matches()).as(n.number() + " against " + e.pattern()).isTrue();
        } else if (GD_PATTERN_APPLIES_TO_KEY.contains(row)) {
            assertThat(p.matcher(n.key()).matches()).as(n.key() + " against " + e.pattern()).isTrue();
        } else if (row.equals("US|publication")) {
            // Documented difference: Global Dossier wants the 11-digit YYYY0nnnnnn, DOCDB drops the zero.
            assertThat(p.matcher(n.number()).matches()).isFalse();
            assertThat(n.number()).hasSize(10);
        }
    }

    @Test
    void theRealNumberBehindTheBrokenCnExampleNormalises() {
        assertThat(NORMALIZER.normalize("CN", "201110076986.7", NumberType.APPLICATION).number())
                .matches("[0-9]{12}").isEqualTo("201110076986");
    }

    // ---------------------------------------------------------------- OPS number service

    record OpsId(String format, String country, String number, String kind, LocalDate date) {
        /** The text as a caller would pass it for this format. */
        String text() {
            return switch (format) {
                case "docdb" -> country + "." + number + (kind == null ? "" : "." + kind);
                case "epodoc" -> number + (kind == null ? "" : " " + kind);
                default -> (country == null ? "" : country) + number + (kind == null ? "" : kind);
            };
        }

        String office() {
            return country != null ? country : number.substring(0, 2);
        }
    }

    static List<Path> numberServiceFiles() throws IOException {
        try (Stream<Path> s = Files.list(corpus().resolve("epo-ops/responses"))) {
            return s.filter(p -> p.getFileName().toString().matches("number_.*\\.xml")).sorted().toList();
        }
    }

    @Test
    void numberServiceFilesArePresent() throws IOException {
        assertThat(numberServiceFiles()).hasSize(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numberServiceFiles")
    void numberServiceInputAndOutputNormaliseAlike(Path file) throws Exception {
        Document doc = parse(file);
        Element std = first(doc.getDocumentElement(), "standardization");
        Element input = first(std, "input");
        Element output = first(std, "output");
        NumberType type = first(input, "application-reference") != null ? NumberType.APPLICATION : NumberType.PUBLICATION;
        OpsId in = opsIds(input).get(0);
        OpsId out = opsIds(output).get(0);

        NormalizedNumber fromInput = NORMALIZER.normalize(in.office(), in.text(), type);
        NormalizedNumber fromOutput = NORMALIZER.normalize(out.office(), out.text(), type);
        if (out.format().equals("docdb")) {
            // original -> docdb: the service's answer is the expected DOCDB form, exactly.
            assertThat(fromInput.docdb()).isEqualTo(out.text());
        } else if (out.format().equals("epodoc")) {
            assertThat(fromOutput.docdb()).isEqualTo(in.text());
        } else {
            assertThat(fromOutput.docdb()).isEqualTo(fromInput.docdb());
        }
        assertThat(fromOutput.key()).isEqualTo(fromInput.key());
    }

    // ---------------------------------------------------------------- OPS bibliographic data

    /**
     * Expected DOCDB form of the priority claims that OPS gives only in epodoc and original form,
     * keyed by the epodoc number.
     */
    private static final Map<String, String> EPODOC_ONLY_EXPECTED = Map.of(
            "EP2400812", "EP.2400812",
            "US2012057518", "US.2012057518",
            "CA2744162", "CA.2744162",
            "WO2013US64552", "WO.2013US064552.W",
            "US201261713164P", "US.201261713164.P",
            "EP20100167109", "EP.10167109.A",
            "US201615044813", "US.201615044813.A",
            "US201314052000", "US.201314052000.A",
            "GB20170002530", "GB.1702530.A",
            "US201562110109P", "US.201562110109.P");

    record BiblioGroup(String file, String element, NumberType type, List<OpsId> ids) {
        @Override
        public String toString() {
            return file + " " + element + " " + ids.stream().map(OpsId::text).toList();
        }
    }

    static List<BiblioGroup> biblioGroups() throws Exception {
        List<BiblioGroup> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus().resolve("epo-ops/responses"))) {
            files = s.filter(p -> p.getFileName().toString().matches("(biblio|family|legal|equivalents).*\\.xml"))
                    .sorted().toList();
        }
        for (Path f : files) {
            Document doc = parse(f);
            for (String name : List.of("application-reference", "priority-claim", "publication-reference", "patcit")) {
                for (Element e : elements(doc.getDocumentElement(), name)) {
                    if (OPS_NS.equals(e.getNamespaceURI()) || e.getNodeName().startsWith("ops:")) {
                        continue; // the request echo (ops:publication-reference), with OPS's own kind C#
                    }
                    List<OpsId> ids = opsIds(e);
                    if (!ids.isEmpty()) {
                        NumberType type = switch (name) {
                            case "application-reference" -> NumberType.APPLICATION;
                            case "priority-claim" -> NumberType.PRIORITY;
                            default -> NumberType.PUBLICATION;
                        };
                        out.add(new BiblioGroup(f.getFileName().toString(), name, type, ids));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void biblioDataHasEnoughGroupsToMeanSomething() throws Exception {
        List<BiblioGroup> groups = biblioGroups();
        assertThat(groups).hasSizeGreaterThan(100);
        assertThat(groups.stream().filter(g -> g.type() == NumberType.PRIORITY)).hasSizeGreaterThan(10);
        assertThat(groups.stream().filter(g -> g.type() == NumberType.APPLICATION)).hasSizeGreaterThan(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("biblioGroups")
    void docdbEpodocAndOriginalFormsOfOneNumberAgree(BiblioGroup g) {
        OpsId docdb = g.ids().stream().filter(i -> i.format().equals("docdb")).findFirst().orElse(null);
        OpsId epodoc = g.ids().stream().filter(i -> i.format().equals("epodoc")).findFirst().orElse(null);
        LocalDate date = g.ids().stream().map(OpsId::date).filter(d -> d != null).findFirst().orElse(null);
        String office = docdb != null ? docdb.country() : epodoc.number().substring(0, 2);

        String expected;
        if (docdb == null) {
            expected = EPODOC_ONLY_EXPECTED.get(epodoc.number());
            assertThat(expected).as("expectation for epodoc-only " + epodoc.number()).isNotNull();
        } else if ("W".equals(docdb.kind())) {
            // DOCDB files a PCT application under the receiving office: US.2016015853.W is WO.2016US015853.W
            expected = "WO." + docdb.number().substring(0, 4) + docdb.country() + docdb.number().substring(4) + ".W";
            assertThat(NORMALIZER.docdbExchangeForm(NORMALIZER.normalize(office, docdb.text(), g.type())))
                    .isEqualTo(docdb.text());
        } else {
            expected = docdb.text();
        }
        boolean publication = g.type() == NumberType.PUBLICATION;
        for (OpsId id : g.ids()) {
            String idOffice = id.format().equals("epodoc") ? id.number().substring(0, 2)
                    : id.country() != null ? id.country() : office;
            NormalizedNumber n = NORMALIZER.normalize(idOffice, id.text(), g.type(), date);
            if (publication && !id.format().equals("docdb")) {
                // epodoc publication numbers carry no kind: compare the key.
                String[] parts = expected.split("\\.");
                assertThat(n.key()).as(id.text()).isEqualTo(parts[0] + parts[1]);
            } else {
                assertThat(n.docdb()).as(id.format() + " " + id.text()).isEqualTo(expected);
            }
        }
    }

    // ---------------------------------------------------------------- numbers inside office documents

    record Found(String office, String text, NumberType type, LocalDate date) {
        String normalised() {
            return NORMALIZER.normalize(office, text, type, date).docdb();
        }
    }

    @Test
    void epPublicationBCodes() throws Exception {
        List<String> a1 = bCodeNumbers("st36/ep-publication/EP1667425A1_DOC00001.xml");
        assertThat(a1).containsExactly(
                "EP.1667425.A1",      // B110 + B130
                "EP.05255002.A",      // B210 05255002.7
                "JP.2004351438.A");   // B310 2004351438, B330 JP, B320 20041203
        List<String> b1 = bCodeNumbers("st36/ep-publication/EP1599469B1_DOC00001.xml");
        assertThat(b1).containsExactly(
                "EP.1599469.B1",      // B110 + B130
                "EP.04818324.A",      // B210 04818324.8
                "US.51623803.P",      // B310 "516238 P", B330 US, B320 20031031: provisional 60/516,238
                "EP.0529854.A",       // B561 EP-A- 0 529 854
                "WO.2004032928.A",    // B561 WO-A-20/04032928
                "EP.06005248.A",      // B620EP parent anum 06005248.7
                "WO.2004US035927.W",  // B861 anum US2004035927 (PCT/US2004/035927)
                "WO.2005044816");     // B871 pnum WO2005044816
    }

    @Test
    void usProvisionalFromEpB310WithoutDateKeepsTheSerial() throws Exception {
        Document doc = parse(corpus().resolve("st36/ep-publication/EP1599469B1_DOC00001.xml"));
        String b310 = text(first(doc.getDocumentElement(), "B310"));
        assertThat(b310).isEqualTo("516238 P");
        assertThat(NORMALIZER.normalize("US", b310, NumberType.PRIORITY).docdb()).isEqualTo("US.516238.P");
    }

    private static List<String> bCodeNumbers(String relative) throws Exception {
        Element root = parse(corpus().resolve(relative)).getDocumentElement();
        List<Found> found = new ArrayList<>();
        Element b100 = first(root, "B100");
        found.add(new Found("EP", text(first(b100, "B110")) + text(first(b100, "B130")), NumberType.PUBLICATION, null));
        found.add(new Found("EP", text(first(root, "B210")), NumberType.APPLICATION, null));
        for (Element b300 : elements(root, "B300")) {
            found.add(new Found(text(first(b300, "ctry")), text(first(b300, "B310")), NumberType.PRIORITY,
                    date(text(first(b300, "date")))));
        }
        for (Element b561 : elements(root, "B561")) {
            String t = text(first(b561, "text"));
            found.add(new Found(t.substring(0, 2), t, NumberType.PUBLICATION, null));
        }
        for (Element e : elements(root, "B620EP")) {
            found.add(new Found("EP", text(first(e, "anum")), NumberType.APPLICATION, null));
        }
        for (Element e : elements(root, "B861")) {
            found.add(new Found("WO", text(first(e, "anum")), NumberType.APPLICATION, null));
        }
        for (Element e : elements(root, "B871")) {
            found.add(new Found("WO", text(first(e, "pnum")), NumberType.PUBLICATION, null));
        }
        return found.stream().map(Found::normalised).toList();
    }

    @Test
    void jpoGazettes() throws Exception {
        assertThat(jpNumbers("jpo/jp-gazette-st36/JP2021044377A.xml")).containsExactly(
                "JP.2021044377", "JP.2019165329.A");
        assertThat(jpNumbers("jpo/jp-gazette-st36/jp_example2.xml")).containsExactly(
                "JP.2021044249", "JP.2020185474.A",
                "US.201662359703.P",   // priority US 62/359,703 of 2016-07-07, jp:kind="international"
                "JP.6828214");         // printed-with-grant
        assertThat(jpNumbers("jpo/jp-gazette-st36/jp_example4.xml")).containsExactly(
                "JP.2021509175", "JP.2020536678.A",
                "KR.20180000830.A", "KR.20180000831.A", // priorities 10-2018-0000830 and ...831
                "WO.2018KR016728.W",                    // pct-or-regional-filing-data KR2018016728
                "WO.2019135546");                       // pct-or-regional-publishing-data
    }

    private static List<String> jpNumbers(String relative) throws Exception {
        Element root = parse(corpus().resolve(relative)).getDocumentElement();
        List<Found> found = new ArrayList<>();
        found.add(new Found("JP", text(first(first(root, "publication-reference"), "doc-number")),
                NumberType.PUBLICATION, null));
        found.add(new Found("JP", text(first(first(root, "application-reference"), "doc-number")),
                NumberType.APPLICATION, null));
        for (Element pc : elements(root, "priority-claim")) {
            found.add(new Found(text(first(pc, "country")), text(first(pc, "doc-number")), NumberType.PRIORITY,
                    date(text(first(pc, "date")))));
        }
        for (Element e : elements(root, "printed-with-grant")) {
            found.add(new Found("JP", text(first(e, "doc-number")), NumberType.PUBLICATION, null));
        }
        for (Element e : elements(root, "pct-or-regional-filing-data")) {
            found.add(new Found("WO", text(first(e, "doc-number")), NumberType.APPLICATION, null));
        }
        for (Element e : elements(root, "pct-or-regional-publishing-data")) {
            found.add(new Found("WO", text(first(e, "doc-number")), NumberType.PUBLICATION, null));
        }
        return found.stream().map(Found::normalised).toList();
    }

    @Test
    void usptoRedAndYellowBook() throws Exception {
        assertThat(usNumbers("uspto/redbook-samples/US08926509.xml", true)).containsExactly(
                "US.8926509.B2", "US.13415108.A", // 12/134,151 of 2008: series 12, old DOCDB form
                "US.96802307.P",          // us-provisional-application 60968023 of 2007-08-24 (old DOCDB form)
                "US.2009054737.A1");      // related-publication 20090054737
        assertThat(usNumbers("uspto/redbook-samples/US08930553.xml", true)).containsExactly(
                "US.8930553.B2", "US.201213648029.A", "US.2014101323.A1");
        assertThat(usNumbers("uspto/redbook-samples/US20050004437A1.xml", true)).containsExactly(
                "US.2005004437.A1", "US.83085704.A",
                "CH.197401",              // priority-claim CH 1974/01
                "WO.2002CH000573.W",      // continuation parent PCT/CH02/00573 (country US in the data)
                "US.83085704.A");         // continuation child
        // A national-stage (371) entry: the application date is the PCT filing date, not the year DOCDB
        // would give the US serial, so the number is normalised without a date.
        assertThat(usNumbers("uspto/redbook-samples/US20210049351A1.xml", false)).containsExactly(
                "US.2021049351.A1", "US.17043275.A", "WO.2018JP015561.W");
    }

    private static List<String> usNumbers(String relative, boolean useApplicationDate) throws Exception {
        Element root = parse(corpus().resolve(relative)).getDocumentElement();
        List<Found> found = new ArrayList<>();
        Element pub = first(first(root, "publication-reference"), "document-id");
        found.add(new Found("US", text(first(pub, "doc-number")) + " " + text(first(pub, "kind")),
                NumberType.PUBLICATION, null));
        Element app = first(first(root, "application-reference"), "document-id");
        found.add(new Found("US", text(first(app, "doc-number")), NumberType.APPLICATION,
                useApplicationDate ? date(text(first(app, "date"))) : null));
        for (Element e : elements(root, "us-provisional-application")) {
            found.add(new Found("US", text(first(e, "doc-number")), NumberType.PRIORITY, date(text(first(e, "date")))));
        }
        for (Element e : elements(root, "related-publication")) {
            found.add(new Found("US", text(first(e, "doc-number")) + text(first(e, "kind")),
                    NumberType.PUBLICATION, null));
        }
        for (Element pc : elements(root, "priority-claim")) {
            found.add(new Found(text(first(pc, "country")), text(first(pc, "doc-number")), NumberType.PRIORITY,
                    date(text(first(pc, "date")))));
        }
        for (String rel : List.of("parent-doc", "child-doc")) {
            for (Element e : elements(root, rel)) {
                found.add(new Found(text(first(e, "country")), text(first(e, "doc-number")), NumberType.APPLICATION,
                        date(text(first(e, "date")))));
            }
        }
        for (Element e : elements(root, "pct-or-regional-filing-data")) {
            found.add(new Found(text(first(e, "country")), text(first(e, "doc-number")), NumberType.APPLICATION, null));
        }
        return found.stream().map(Found::normalised).toList();
    }

    @Test
    void cnipaOldDialect() throws Exception {
        Element root = parse(corpus().resolve("cnipa/CN103492414A_cn_old.xml")).getDocumentElement();
        List<Found> found = new ArrayList<>();
        Element app = first(first(root, "application-reference"), "document-id");
        found.add(new Found(text(first(app, "country")), text(first(app, "doc-number")), NumberType.APPLICATION, null));
        for (Element pc : elements(root, "priority-claim")) {
            found.add(new Found(text(first(pc, "country")), text(first(pc, "doc-number")), NumberType.PRIORITY,
                    date(text(first(pc, "date")))));
        }
        Element pct = first(first(root, "pct-or-regional-filing-data"), "document-id");
        found.add(new Found(text(first(pct, "country")), text(first(pct, "doc-number")), NumberType.APPLICATION, null));
        Element pctPub = first(first(root, "pct-or-regional-publishing-data"), "document-id");
        found.add(new Found(text(first(pctPub, "country")), text(first(pctPub, "doc-number")), NumberType.PUBLICATION, null));
        assertThat(found.stream().map(Found::normalised).toList()).containsExactly(
                "CN.200880114428.A",      // 200880114428.1, type 8: PCT national phase
                "US.98491007.P",          // priority US 60/984,910 of 2007-11-02, kind="international"
                "WO.2008US081493.W",      // PCT/US2008/081493 (country US in the data)
                "WO.2009058797");         // WO 2009/058797
    }

    @Test
    void cnipaNewDialectStandardFormIsSt13() throws Exception {
        Element root = parse(corpus().resolve("cnipa/cn_new1.xml")).getDocumentElement();
        String original = null;
        String standard = null;
        for (Element ref : elements(root, "ApplicationReference")) {
            String number = text(first(ref, "DocNumber"));
            if ("original".equals(ref.getAttribute("dataFormat"))) {
                original = number;
            } else if ("standard".equals(ref.getAttribute("dataFormat"))) {
                standard = number;
            }
        }
        assertThat(original).isEqualTo("202111286633.X");
        NormalizedNumber n = NORMALIZER.normalize("CN", original, NumberType.APPLICATION);
        assertThat(n.docdb()).isEqualTo("CN.202111286633.A");
        assertThat(n.st13()).isEqualTo("CN" + standard).isEqualTo("CN102021001286633");

        Element pub = first(first(root, "PublicationReference"), "DocumentID");
        NormalizedNumber p = NORMALIZER.normalize(text(first(pub, "WIPOST3Code")),
                text(first(pub, "DocNumber")) + text(first(pub, "Kind")), NumberType.PUBLICATION);
        assertThat(p.docdb()).isEqualTo("CN.113781974.A");
    }

    // ---------------------------------------------------------------- JSON from Global Dossier and the USPTO ODP

    private static final Pattern GD_MEMBER = Pattern.compile(
            "\"appNum\": ?\"(\\w+)\".*?\"countryCode\": ?\"(\\w+)\".*?\"appDateStr\": ?\"([\\d/]+)\".*?"
                    + "\"docNum\": ?\\{\\s*\"country\": ?\"(\\w+)\",\\s*\"docNumber\": ?\"(\\w+)\"",
            Pattern.DOTALL);
    private static final Pattern GD_PUBLICATION = Pattern.compile(
            "\"pubCountry\": \"(\\w+)\",\\s*\"pubNum\": \"(\\w+)\",\\s*\"pubDate\": \\d+,\\s*\"kindCode\": \"(\\w+)\"");
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/uuuu");

    @Test
    void globalDossierFamilyApplicationNumbersWithDatesGiveItsDocdbNumbers() throws IOException {
        String json = Files.readString(corpus().resolve("global-dossier/family_US16123456.json"));
        List<String> checked = new ArrayList<>();
        java.util.regex.Matcher m = GD_MEMBER.matcher(json);
        while (m.find()) {
            LocalDate date = LocalDate.parse(m.group(3), US_DATE);
            NormalizedNumber n = NORMALIZER.normalize(m.group(2), m.group(1), NumberType.APPLICATION, date);
            // Global Dossier's docNum is the DOCDB application number (year-prefixed for the US).
            assertThat(n.docdb()).isEqualTo(m.group(4) + "." + m.group(5) + ".A");
            checked.add(n.docdb());
        }
        assertThat(checked).containsExactly("JP.2017187096.A", "US.201816123456.A", "US.202017130468.A");

        List<String> publications = new ArrayList<>();
        m = GD_PUBLICATION.matcher(json);
        while (m.find()) {
            publications.add(NORMALIZER.normalize(m.group(1), m.group(2) + m.group(3), NumberType.PUBLICATION).docdb());
        }
        assertThat(publications).containsExactly("JP.2019061579.A", "JP.6768620.B2",
                "US.2019095759.A1", "US.10902286.B2", "US.2021110206.A1");
    }

    @Test
    void globalDossierCassetteFamilyOfSeventeenMembers() throws IOException {
        String yaml = Files.readString(corpus().resolve("global-dossier/cassette_issue99_US16740760_US17193105.yaml"));
        List<String> checked = new ArrayList<>();
        java.util.regex.Matcher m = GD_MEMBER.matcher(yaml);
        while (m.find()) {
            LocalDate date = LocalDate.parse(m.group(3), US_DATE);
            NormalizedNumber n = NORMALIZER.normalize(m.group(2), m.group(1), NumberType.APPLICATION, date);
            assertThat(n.key()).as(m.group(2) + " " + m.group(1) + " filed " + date)
                    .isEqualTo(m.group(4) + m.group(5));
            checked.add(n.docdb());
        }
        assertThat(checked).containsExactly(
                "US.55313006.A",        // 11/553,130 filed 2006: old DOCDB form serial + YY
                "US.201615083993.A", "US.202016740760.A", "US.202117329039.A", "US.202218077336.A",
                "US.201313835222.A", "CA.2878447.A", "MX.2015000344", "AU.2013287263.A", "TW.102123963",
                "AU.2018282372.A", "US.201916417733.A", "AU.2020227066.A", "US.202117193105.A",
                "AU.2022202904.A", "US.202217990993.A", "AU.2024201929.A");
    }

    @Test
    void globalDossierDocumentListNumber() throws IOException {
        String json = Files.readString(corpus().resolve("global-dossier/doclist_JP2017187096.json"));
        java.util.regex.Matcher m = Pattern.compile("\"docNumber\": \"([^\"]+)\"").matcher(json);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("2017187096.A");
        assertThat(NORMALIZER.normalize("JP", m.group(1), NumberType.APPLICATION).docdb()).isEqualTo("JP.2017187096.A");
    }

    @Test
    void usptoOpenDataPortalNumbers() throws IOException {
        Path odp = corpus().resolve("uspto/odp");
        String biblio = Files.readString(odp.resolve("biblio.json"));
        java.util.regex.Matcher pub = Pattern.compile("\"earliestPublicationNumber\": \"([^\"]+)\"").matcher(biblio);
        assertThat(pub.find()).isTrue();
        assertThat(NORMALIZER.normalize("US", pub.group(1), NumberType.PUBLICATION).docdb())
                .isEqualTo("US.2017071586.A1"); // "US 2017-0071586 A1"

        String priority = Files.readString(odp.resolve("foreign_priority.json"));
        java.util.regex.Matcher fp = Pattern.compile(
                "\"priorityNumberText\": \"([^\"]+)\",\\s*\"filingDate\": \"([^\"]+)\"").matcher(priority);
        assertThat(fp.find()).isTrue();
        assertThat(NORMALIZER.normalize("JP", fp.group(1), NumberType.PRIORITY, LocalDate.parse(fp.group(2))).docdb())
                .isEqualTo("JP.2017187096.A"); // "2017-187096"

        // Continuity: each parent with its filing date; the child bag carries the child's filing date.
        String continuity = Files.readString(odp.resolve("continuity.json"));
        java.util.regex.Matcher c = Pattern.compile(
                "\"filingDate\": \"([^\"]+)\".*?\"parentApplicationNumberText\": \"([^\"]+)\",\\s*"
                        + "\"childApplicationNumberText\": \"([^\"]+)\"", Pattern.DOTALL).matcher(continuity);
        List<String> parents = new ArrayList<>();
        List<String> children = new ArrayList<>();
        while (c.find()) {
            LocalDate date = LocalDate.parse(c.group(1));
            boolean childBag = continuity.lastIndexOf("childContinuityBag", c.start()) >= 0;
            parents.add(NORMALIZER.normalize("US", c.group(2), NumberType.APPLICATION, childBag ? null : date).docdb());
            children.add(NORMALIZER.normalize("US", c.group(3), NumberType.APPLICATION, childBag ? date : null).docdb());
        }
        assertThat(parents).containsExactly("WO.2015US027322.W", "US.201461983088.P", "US.15123456.A");
        assertThat(children).containsExactly("US.15123456.A", "WO.2015US027322.W", "US.201816132008.A");
    }

    // ---------------------------------------------------------------- XML helpers

    private static Document parse(Path file) throws Exception {
        return SecureXml.documentBuilder().parse(file.toFile());
    }

    private static String localName(Node n) {
        String name = n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    private static List<Element> elements(Element root, String localName) {
        List<Element> out = new ArrayList<>();
        NodeList all = root.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            if (localName.equals(localName(all.item(i)))) {
                out.add((Element) all.item(i));
            }
        }
        return out;
    }

    private static Element first(Element root, String localName) {
        if (root == null) {
            return null;
        }
        List<Element> e = elements(root, localName);
        return e.isEmpty() ? null : e.get(0);
    }

    private static String text(Element e) {
        return e == null ? "" : e.getTextContent().strip();
    }

    private static LocalDate date(String yyyymmdd) {
        return yyyymmdd.isEmpty() ? null : LocalDate.parse(yyyymmdd, YYYYMMDD);
    }

    private static List<OpsId> opsIds(Element parent) {
        List<OpsId> out = new ArrayList<>();
        for (Element id : elements(parent, "document-id")) {
            String country = first(id, "country") == null ? null : text(first(id, "country"));
            String kind = first(id, "kind") == null ? null : text(first(id, "kind"));
            out.add(new OpsId(id.getAttribute("document-id-type"), country, text(first(id, "doc-number")), kind,
                    date(text(first(id, "date")))));
        }
        return out;
    }
}
