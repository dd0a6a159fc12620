package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dossierlink.Corpus;
import org.dossierlink.dialect.DialectConverter.Direction;
import org.dossierlink.dossier.Classification;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.LocalizedText;
import org.dossierlink.dossier.Party;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.dossier.Publication;
import org.dossierlink.testsupport.TestDialects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/** The USPTO Red/Yellow Book stylesheet (to canonical) on every sample of the corpus. */
class UsptoDialectTest {

    static final List<String> FILES = List.of("US08926509.xml", "US08930553.xml", "US20050004437A1.xml",
            "US20210049351A1.xml");

    static Path corpus(String name) {
        return Corpus.file("uspto/redbook-samples/" + name);
    }

    static Stream<String> files() {
        return FILES.stream();
    }

    static Dossier dossier(String name) {
        byte[] canonical = TestDialects.toCanonical(Dialect.USPTO, corpus(name));
        List<CanonicalDossierXml.Entry> all = CanonicalDossierXml.read(new ByteArrayInputStream(canonical), name);
        assertThat(all).hasSize(1);
        return all.get(0).dossier();
    }

    @ParameterizedTest
    @MethodSource("files")
    void detectedAndValid(String name) {
        assertThat(DialectDetector.detect(corpus(name)).dialect()).isEqualTo(Dialect.USPTO);
        byte[] canonical = TestDialects.toCanonical(Dialect.USPTO, corpus(name));
        TestDialects.assertValid(canonical, TestDialects.canonicalSchema(), name);
        assertThat(dossier(name).source()).isEqualTo("uspto");
    }

    @Test
    void grantWithSeriesCode() {
        Dossier d = dossier("US08930553.xml");
        assertThat(d.application().originalNumber()).isEqualTo("13/648029");
        assertThat(d.application().docdb()).isEqualTo("US.201213648029.A");
        assertThat(d.application().filingDate()).isEqualTo(LocalDate.of(2012, 10, 9));
        assertThat(d.publications()).containsExactly(new Publication("US", "8930553", "B2", LocalDate.of(2015, 1, 6)));
        assertThat(d.priorityClaims()).isEmpty();
        assertThat(d.titles()).containsExactly(new LocalizedText("en", "Managing mid-dialog session initiation protocol (SIP) messages"));
        assertThat(d.applicants()).containsExactly(new Party(1, "International Business Machines Corporation", "US"));
        assertThat(d.inventors()).containsExactly(new Party(1, "Nissim, Nitzan", "IL"), new Party(2, "Pulito, Brian", "US"),
                new Party(3, "Zinger, Asaf", "IL"));
        assertThat(d.classifications()).containsExactly(new Classification(Classification.Scheme.IPC, "G06F 15/16"),
                new Classification(Classification.Scheme.NATIONAL, "709228"));
        assertThat(d.abstracts()).singleElement().satisfies(a -> {
            assertThat(a.lang()).isEqualTo("en");
            assertThat(a.text()).startsWith("Processing mid-dialog SIP messages by receiving");
        });
    }

    @Test
    void v40ApplicationWithForeignPriority() {
        Dossier d = dossier("US20050004437A1.xml");
        assertThat(d.application().originalNumber()).isEqualTo("10/830857");
        assertThat(d.application().filingDate()).isEqualTo(LocalDate.of(2004, 4, 23));
        assertThat(d.publications()).extracting(Publication::docdb).containsExactly("US.2005004437.A1");
        assertThat(d.priorityClaims()).containsExactly(new PriorityClaim(1, "CH", "197401", "1974/01",
                LocalDate.of(2001, 10, 26), PriorityKind.NATIONAL, true));
        assertThat(d.applicants()).extracting(Party::name).containsExactly("Kaufmann, Heiner", "Vering, Thomas");
        assertThat(d.inventors()).extracting(Party::name).containsExactly("Kaufmann, Heiner", "Vering, Thomas");
        assertThat(d.classifications()).contains(new Classification(Classification.Scheme.IPC, "A61B005/00"),
                new Classification(Classification.Scheme.NATIONAL, "600300000"));
    }

    @Test
    void v44ApplicationWithoutDoctype() {
        Dossier d = dossier("US20210049351A1.xml");
        assertThat(d.application().originalNumber()).isEqualTo("17/043275");
        assertThat(d.application().filingDate()).isEqualTo(LocalDate.of(2018, 4, 13));
        assertThat(d.publications()).extracting(Publication::docdb).containsExactly("US.2021049351.A1");
        assertThat(d.applicants()).containsExactly(new Party(1, "NEC Corporation", "JP"));
        assertThat(d.inventors()).extracting(Party::name).containsExactly("HOSOI, Toshinori", "KAWAI, Ryo");
        assertThat(d.classifications()).filteredOn(c -> c.scheme() == Classification.Scheme.CPC)
                .extracting(Classification::symbol).first().isEqualTo("G06K 9/00335");
        assertThat(d.abstracts().get(0).text()).contains("An action recognition apparatus 1 including");
    }

    static final Map<String, String> DOS = Map.of("dos", CanonicalDossierXml.NS);
    static final Path DEMO = Path.of("src/main/resources/demo/corpus-dossiers.xml");

    @TempDir
    static Path dtdDir;

    static byte[] canonical(String name) {
        return TestDialects.toCanonical(Dialect.USPTO, corpus(name));
    }

    static byte[] uspto(String name) {
        return TestDialects.fromCanonical(Dialect.USPTO, canonical(name), name);
    }

    /**
     * Validates against the DTD the document's DOCTYPE names, with xmllint --dtdvalid. The DTD is copied with
     * soextblx.dtd and wipo.ent from the corpus into a temporary folder beside a MathML stub (the corpus's
     * mathml2.dtd misses its module files, see SOURCES.md). Returns "validates" or xmllint's output.
     */
    static String dtdValidate(byte[] xml) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("<!DOCTYPE (us-patent-(?:grant|application)) SYSTEM \"([^\"]+)\"")
                .matcher(new String(xml, StandardCharsets.UTF_8));
        assertThat(m.find()).as("DOCTYPE in%n%s", new String(xml, StandardCharsets.UTF_8)).isTrue();
        String dtd = m.group(2);
        for (String f : List.of(dtd, "soextblx.dtd", "wipo.ent")) {
            Files.copy(Corpus.file("uspto/dtd/" + f), dtdDir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(Path.of("src/test/resources/uspto/mathml2-stub.dtd"), dtdDir.resolve("mathml2.dtd"),
                StandardCopyOption.REPLACE_EXISTING);
        Path doc = Files.createTempFile(dtdDir, "uspto", ".xml");
        Files.write(doc, xml);
        Process p = new ProcessBuilder("xmllint", "--noout", "--nonet", "--dtdvalid", dtdDir.resolve(dtd).toString(),
                doc.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // xmllint warns that the DOCTYPE's relative system id is not beside the temporary file; --dtdvalid is what counts
        return p.exitValue() == 0 ? "validates" : out;
    }

    @ParameterizedTest
    @MethodSource("files")
    void roundTrip(String name) {
        byte[] back = TestDialects.assertRoundTrip(Dialect.USPTO, corpus(name), Map.of());
        assertThat(DialectDetector.detect(new ByteArrayInputStream(back), name).dialect()).isEqualTo(Dialect.USPTO);
    }

    @ParameterizedTest
    @MethodSource("files")
    void canonicalRoundTrip(String name) {
        TestDialects.assertCanonicalRoundTrip(Dialect.USPTO, canonical(name), name);
    }

    @ParameterizedTest
    @MethodSource("files")
    void outputValidatesAgainstItsDtd(String name) throws Exception {
        assertThat(dtdValidate(uspto(name))).as(name).isEqualTo("validates");
    }

    @Test
    void grantIsWrittenAsV45RedBook() throws Exception {
        byte[] xml = uspto("US08930553.xml");
        String text = new String(xml, StandardCharsets.UTF_8);
        assertThat(text).contains("<!DOCTYPE us-patent-grant SYSTEM \"us-patent-grant-v45-2014-04-03.dtd\"");
        Document d = TestDialects.dom(xml);
        Map<String, String> none = Map.of();
        assertThat(TestDialects.text(d, "/us-patent-grant/@dtd-version", none)).isEqualTo("v4.5 2014-04-03");
        assertThat(TestDialects.text(d, "/us-patent-grant/@file", none)).isEqualTo("US08930553-20150106.XML");
        String b = "/us-patent-grant/us-bibliographic-data-grant/";
        assertThat(TestDialects.text(d, b + "publication-reference/document-id/doc-number", none)).isEqualTo("08930553");
        assertThat(TestDialects.text(d, b + "publication-reference/document-id/date", none)).isEqualTo("20150106");
        assertThat(TestDialects.text(d, b + "application-reference/document-id/doc-number", none)).isEqualTo("13648029");
        assertThat(TestDialects.text(d, b + "application-reference/document-id/date", none)).isEqualTo("20121009");
        assertThat(TestDialects.text(d, b + "application-reference/@appl-type", none)).isEqualTo("utility");
        assertThat(TestDialects.text(d, b + "us-application-series-code", none)).isEqualTo("13");
        assertThat(TestDialects.text(d, b + "us-parties/inventors/inventor[1]/@sequence", none)).isEqualTo("001");
        assertThat(TestDialects.text(d, b + "us-parties/inventors/inventor[1]/addressbook/last-name", none)).isEqualTo("Nissim");
        assertThat(TestDialects.text(d, b + "us-parties/us-applicants/us-applicant/addressbook/orgname", none))
                .isEqualTo("International Business Machines Corporation");
        assertThat(TestDialects.select(d, b + "classifications-ipcr/classification-ipcr[section='G'][class='06'][subclass='F'][main-group='15'][subgroup='16']", none)).hasSize(1);
        // the element order the DTD requires is checked by xmllint
        assertThat(dtdValidate(xml)).isEqualTo("validates");
    }

    @Test
    void application2021IsWrittenAsV44YellowBook() {
        byte[] xml = uspto("US20210049351A1.xml");
        assertThat(new String(xml, StandardCharsets.UTF_8))
                .contains("<!DOCTYPE us-patent-application SYSTEM \"us-patent-application-v44-2014-04-03.dtd\"");
        Document d = TestDialects.dom(xml);
        Map<String, String> none = Map.of();
        String b = "/us-patent-application/us-bibliographic-data-application/";
        assertThat(TestDialects.text(d, "/us-patent-application/@dtd-version", none)).isEqualTo("v4.4 2014-04-03");
        assertThat(TestDialects.text(d, b + "publication-reference/document-id/doc-number", none)).isEqualTo("20210049351");
        assertThat(TestDialects.text(d, b + "application-reference/document-id/doc-number", none)).isEqualTo("17043275");
        assertThat(TestDialects.text(d, b + "us-parties/inventors/inventor[2]/@sequence", none)).isEqualTo("01");
        assertThat(TestDialects.text(d, b + "classifications-cpc/main-cpc/classification-cpc/subgroup", none)).isEqualTo("00335");
    }

    /** Published in January 2005, before the IPC reform of 2006-01-01: v4.0 structure, as the original. */
    @Test
    void application2005IsWrittenInV40Structure() throws Exception {
        byte[] xml = uspto("US20050004437A1.xml");
        assertThat(new String(xml, StandardCharsets.UTF_8))
                .contains("<!DOCTYPE us-patent-application SYSTEM \"us-patent-application-v40-2004-12-02.dtd\"");
        Document d = TestDialects.dom(xml);
        Map<String, String> none = Map.of();
        String b = "/us-patent-application/us-bibliographic-data-application/";
        assertThat(TestDialects.text(d, "/us-patent-application/@dtd-version", none)).isEqualTo("v4.0 2004-12-02");
        assertThat(TestDialects.text(d, b + "publication-reference/document-id/doc-number", none)).isEqualTo("20050004437");
        assertThat(TestDialects.text(d, b + "priority-claims/priority-claim[@sequence='01'][@kind='national']/doc-number", none))
                .isEqualTo("1974/01");
        assertThat(TestDialects.text(d, b + "priority-claims/priority-claim/date", none)).isEqualTo("20011026");
        assertThat(TestDialects.text(d, b + "classification-ipc/main-classification", none)).isEqualTo("A61B005/00");
        assertThat(TestDialects.select(d, b + "parties/applicants/applicant[@app-type='applicant-inventor']", none)).hasSize(2);
        assertThat(TestDialects.select(d, b + "parties/inventors", none)).isEmpty();
        assertThat(dtdValidate(xml)).isEqualTo("validates");
    }

    /** The demo records of US applications. */
    static List<byte[]> demoUsRecords() throws IOException {
        String demo = Files.readString(DEMO);
        List<byte[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?s)<dos:dossier [^>]*>(?:(?!</dos:dossier>).)*</dos:dossier>").matcher(demo);
        while (m.find()) {
            if (m.group().contains("<dos:application><dos:office>US</dos:office>")) {
                out.add(("<dos:dossiers xmlns:dos=\"" + CanonicalDossierXml.NS + "\">" + m.group() + "</dos:dossiers>")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /**
     * Every US demo record is written as a DTD-valid document, and comes back with its publication, titles,
     * parties, classifications, abstract and priority claims (number, date), and the same application docdb.
     * The uspto records come back whole (canonical round trip); the global-dossier ones carry two publications
     * and kind="international" for a JP priority, which the way back decides from the number (national).
     */
    @Test
    void demoUsRecordsGoThroughUspto() throws Exception {
        List<byte[]> records = demoUsRecords();
        assertThat(records).hasSize(6);
        int whole = 0;
        for (byte[] c : records) {
            byte[] xml = TestDialects.fromCanonical(Dialect.USPTO, c, "demo");
            assertThat(dtdValidate(xml)).isEqualTo("validates");
            Dossier before = CanonicalDossierXml.read(new ByteArrayInputStream(c), "demo").get(0).dossier();
            byte[] backXml = TestDialects.converter().toCanonical(Dialect.USPTO, TestDialects.converter().parse(xml, "demo"), "demo");
            TestDialects.assertValid(backXml, TestDialects.canonicalSchema(), "demo back");
            Dossier after = CanonicalDossierXml.read(new ByteArrayInputStream(backXml), "demo").get(0).dossier();
            String what = before.application().docdb();
            assertThat(after.publications()).as(what).containsExactly(before.publications().get(0));
            assertThat(after.titles()).as(what).isEqualTo(before.titles());
            assertThat(after.applicants()).as(what).isEqualTo(before.applicants());
            assertThat(after.inventors()).as(what).isEqualTo(before.inventors());
            assertThat(after.classifications()).as(what).isEqualTo(before.classifications());
            assertThat(after.abstracts()).as(what).isEqualTo(before.abstracts());
            assertThat(after.priorityClaims()).extracting(PriorityClaim::key, PriorityClaim::date, PriorityClaim::originalNumber)
                    .as(what).isEqualTo(before.priorityClaims().stream().map(p -> org.assertj.core.groups.Tuple.tuple(
                            p.key(), p.date(), p.originalNumber())).toList());
            assertThat(after.application().filingDate()).as(what).isEqualTo(before.application().filingDate());
            // the demo writes originalNumber without the slash (12134151); it comes back as 12/134151
            assertThat(after.application()).as(what).usingRecursiveComparison().ignoringFields("originalNumber")
                    .isEqualTo(before.application());
            assertThat(after.application().originalNumber().replace("/", "")).as(what)
                    .isEqualTo(before.application().originalNumber().replaceAll("[/,]", ""));
            if (before.source().equals("uspto")) {
                TestDialects.assertCanonicalRoundTrip(Dialect.USPTO, c, "demo " + what);
                whole++;
            }
        }
        assertThat(whole).isEqualTo(4);
    }

    /**
     * A classification that is not a symbol stops the conversion with a message naming it, in the
     * classifications-ipcr/cpc (v4.x) and the classification-ipc (v4.0) paths alike.
     */
    @Test
    void aClassificationThatIsNotASymbolIsNamed() throws IOException {
        int changed = 0;
        for (byte[] c : demoUsRecords()) {
            String xml = new String(c, StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("<dos:classification scheme=\"(IPC|CPC)\">[^<]*</dos:classification>").matcher(xml);
            if (!m.find()) {
                continue;
            }
            String bad = xml.substring(0, m.start()) + "<dos:classification scheme=\"" + m.group(1)
                    + "\">H04W 84/20 extra</dos:classification>" + xml.substring(m.end());
            assertThatThrownBy(() -> TestDialects.fromCanonical(Dialect.USPTO, bad.getBytes(StandardCharsets.UTF_8), "bad"))
                    .isInstanceOf(DialectException.class)
                    .hasMessageContaining(m.group(1) + " symbol \"H04W 84/20 extra\" is not section, class, subclass");
            changed++;
        }
        assertThat(changed).isGreaterThanOrEqualTo(3);
        // the v4.0 application (published 2005) writes its IPC in the IPC7 form, from the same symbol
        byte[] v40 = TestDialects.toCanonical(Dialect.USPTO, Corpus.file("uspto/redbook-samples/US20050004437A1.xml"));
        String text = new String(v40, StandardCharsets.UTF_8).replaceFirst(
                "(<dos:classification scheme=\"IPC\">)[^<]*", "$1A61B 5/00/1");
        assertThatThrownBy(() -> TestDialects.fromCanonical(Dialect.USPTO, text.getBytes(StandardCharsets.UTF_8), "bad v4.0"))
                .isInstanceOf(DialectException.class)
                .hasMessageContaining("IPC symbol \"A61B 5/00/1\" is not section, class, subclass");
    }

    @Test
    void severalDossiersAreRefused() throws IOException {
        byte[] demo = Files.readAllBytes(DEMO);
        assertThatThrownBy(() -> TestDialects.fromCanonical(Dialect.USPTO, demo, "demo"))
                .isInstanceOf(DialectException.class).hasMessageContaining("holds exactly one dossier; the input has 11");
    }

    /** A DOCDB biblio answer of a US grant, through canonical, to a Red Book grant. */
    @Test
    void docdbUsGrantToRedBook() throws Exception {
        byte[] c = TestDialects.toCanonical(Dialect.DOCDB, Corpus.file("epo-ops/responses/biblio_US10047600B2.xml"));
        byte[] xml = TestDialects.fromCanonical(Dialect.USPTO, c, "docdb US10047600B2");
        assertThat(dtdValidate(xml)).isEqualTo("validates");
        Document d = TestDialects.dom(xml);
        assertThat(TestDialects.text(d, "/us-patent-grant/us-bibliographic-data-grant/publication-reference/document-id/doc-number", Map.of()))
                .isEqualTo("10047600");
        TestDialects.assertCanonicalRoundTrip(Dialect.USPTO, c, "docdb US10047600B2");
    }

    static byte[] withDocuments() {
        String c = new String(canonical("US08930553.xml"), StandardCharsets.UTF_8);
        return c.replace("<dos:dossier source=\"uspto\">", "<dos:dossier source=\"uspto\" familyId=\"1\">")
                .replaceFirst("(</dos:title>)", "$1<dos:title lang=\"de\">Verwaltung von SIP-Nachrichten</dos:title>")
                .replace("</dos:abstract>", "</dos:abstract><dos:abstract lang=\"de\">Verarbeitung von SIP-Nachrichten.</dos:abstract>")
                // a claim known only by its DOCDB number (as DOCDB gives US10047600B2's first claim)
                .replace("<dos:title lang=\"en\">", "<dos:priorityClaims><dos:priorityClaim sequence=\"1\" kind=\"national\">"
                        + "<dos:country>US</dos:country><dos:number>201261713164</dos:number><dos:docdb>US.201261713164</dos:docdb>"
                        + "<dos:originalNumber>201261713164</dos:originalNumber><dos:date>2012-10-12</dos:date></dos:priorityClaim>"
                        + "</dos:priorityClaims><dos:title lang=\"en\">")
                .replace("</dos:dossier>", "<dos:documents><dos:document><dos:id>d1</dos:id><dos:code>CLM</dos:code>"
                + "<dos:description>Claims</dos:description><dos:group>application</dos:group><dos:date>2012-10-09</dos:date>"
                + "<dos:direction>incoming</dos:direction><dos:mediaType>application/pdf</dos:mediaType><dos:size>10</dos:size>"
                + "<dos:sha256>" + "0".repeat(64) + "</dos:sha256></dos:document></dos:documents></dos:dossier>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void documentListFamilyAndOtherLanguagesAreDeclaredLost() {
        byte[] c = withDocuments();
        TestDialects.assertValid(c, TestDialects.canonicalSchema(), "with documents");
        byte[] back = TestDialects.assertCanonicalRoundTrip(Dialect.USPTO, c, "with documents");
        assertThat(new String(back, StandardCharsets.UTF_8)).doesNotContain("dos:documents").doesNotContain("familyId")
                .doesNotContain("Verwaltung").doesNotContain("Verarbeitung")
                .contains("Managing mid-dialog session initiation protocol");
    }

    static byte[] withInactiveClaim() {
        String c = new String(canonical("US20050004437A1.xml"), StandardCharsets.UTF_8)
                .replace("<dos:priorityClaim sequence=\"1\" kind=\"national\">",
                        "<dos:priorityClaim sequence=\"1\" kind=\"national\" active=\"false\">");
        assertThat(c).contains("active=\"false\"");
        return c.getBytes(StandardCharsets.UTF_8);
    }

    /** priority-claim has no active indicator: the claim is written, and comes back active. */
    @Test
    void inactivePriorityIsDeclaredLost() {
        byte[] back = TestDialects.assertCanonicalRoundTrip(Dialect.USPTO, withInactiveClaim(), "inactive claim");
        Dossier d = CanonicalDossierXml.read(new ByteArrayInputStream(back), "back").get(0).dossier();
        assertThat(d.priorityClaims()).singleElement().matches(PriorityClaim::active).extracting(PriorityClaim::key)
                .isEqualTo("CH197401");
    }

    @Test
    void lossesAreReal() throws IOException {
        List<Document> docs = new ArrayList<>();
        List<Document> canonical = new ArrayList<>();
        for (String n : FILES) {
            docs.add(TestDialects.dom(TestDialects.readAll(corpus(n))));
            canonical.add(TestDialects.dom(canonical(n)));
        }
        for (byte[] r : demoUsRecords()) {
            canonical.add(TestDialects.dom(r));
        }
        canonical.add(TestDialects.dom(withDocuments()));
        canonical.add(TestDialects.dom(withInactiveClaim()));
        canonical.add(TestDialects.dom(TestDialects.toCanonical(Dialect.DOCDB, Corpus.file("epo-ops/responses/biblio_US10047600B2.xml"))));
        TestDialects.assertLossesAreReal(Dialect.USPTO, Direction.TO_CANONICAL, docs, Map.of());
        TestDialects.assertLossesAreReal(Dialect.USPTO, Direction.FROM_CANONICAL, canonical, DOS);
    }
}
