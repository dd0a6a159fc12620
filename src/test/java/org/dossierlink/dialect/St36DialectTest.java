package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dossierlink.dialect.DialectConverter.Direction;
import org.dossierlink.testsupport.TestDialects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Generic WIPO ST.36 patent-document. The corpus has no generic ST.36 instance: the test instance
 * (src/test/resources/dialect/st36/US08936998B2-st36.xml) carries the bibliographic values of the WIPO
 * ST.96 example written in ST.36 v2.3 by WIPO's mapping tables, so its canonical form must equal the
 * ST.96 example's apart from what ST.36 v2.3 has no element for (CPC) and the source.
 */
class St36DialectTest {

    static final Path INSTANCE = Path.of("src/test/resources/dialect/st36/US08936998B2-st36.xml");
    static final Map<String, String> NS = Map.of("dos", "urn:dossierlink:dossier:1");
    static final Map<String, String> NONE = Map.of();

    private static Document canonical() {
        return TestDialects.dom(TestDialects.toCanonical(Dialect.ST36, INSTANCE));
    }

    private static String t(Document d, String xpath) {
        return TestDialects.text(d, xpath, NS);
    }

    private static List<String> all(Document d, String xpath) {
        return TestDialects.texts(d, xpath, NS);
    }

    @Test
    void detectsTheInstance() {
        assertThat(DialectDetector.detect(INSTANCE).dialect()).isEqualTo(Dialect.ST36);
    }

    @Test
    void instanceConvertsToValidCanonical() {
        byte[] c = TestDialects.toCanonical(Dialect.ST36, INSTANCE);
        TestDialects.assertValid(c, TestDialects.canonicalSchema(), INSTANCE + " as canonical");
        Document d = TestDialects.dom(c);
        assertThat(TestDialects.select(d, "/dos:dossiers/dos:dossier", NS)).hasSize(1);
        assertThat(t(d, "/dos:dossiers/dos:dossier/@source")).isEqualTo("st36");
    }

    @Test
    void applicationPublicationsAndPriority() {
        Document d = canonical();
        String app = "/dos:dossiers/dos:dossier/dos:application/";
        assertThat(t(d, app + "dos:office")).isEqualTo("US");
        assertThat(t(d, app + "dos:number")).isEqualTo("201313797521");
        assertThat(t(d, app + "dos:docdb")).isEqualTo("US.201313797521.A");
        assertThat(t(d, app + "dos:originalNumber")).isEqualTo("13797521");
        assertThat(t(d, app + "dos:filingDate")).isEqualTo("2013-03-12");
        assertThat(all(d, "//dos:publication/dos:docdb")).containsExactly("US.8936998.B2", "US.2013213561.A1");
        assertThat(all(d, "//dos:publication/dos:date")).containsExactly("2015-01-20", "2013-08-22");
        assertThat(TestDialects.select(d, "//dos:priorityClaim", NS)).hasSize(1);
        assertThat(t(d, "//dos:priorityClaim/@sequence")).isEqualTo("1");
        assertThat(t(d, "//dos:priorityClaim/@kind")).isEqualTo("national");
        assertThat(t(d, "//dos:priorityClaim/dos:country")).isEqualTo("JP");
        assertThat(t(d, "//dos:priorityClaim/dos:number")).isEqualTo("2007290922");
        assertThat(t(d, "//dos:priorityClaim/dos:docdb")).isEqualTo("JP.2007290922");
        assertThat(t(d, "//dos:priorityClaim/dos:originalNumber")).isEqualTo("2007-290922");
        assertThat(t(d, "//dos:priorityClaim/dos:date")).isEqualTo("2007-11-08");
    }

    @Test
    void titlePartiesClassificationsAbstract() {
        Document d = canonical();
        assertThat(t(d, "//dos:title")).isEqualTo("Manufcaturing method for room-temperature substrate bonding");
        assertThat(t(d, "//dos:title/@lang")).isEqualTo("en");
        assertThat(all(d, "//dos:applicant/dos:name"))
                .containsExactly("Utsumi Jun", "Goto Takayuki", "Ide Kensuke", "Takagi Hideki", "Funayama Masahiro");
        assertThat(all(d, "//dos:inventor/@sequence")).containsExactly("1", "2", "3", "4", "5");
        assertThat(all(d, "//dos:applicant/dos:name | //dos:inventor/dos:name"))
                .doesNotContain("Mitsubishi Heavy Industries, Ltd.", "Birch, Stewart, Kolasch & Birch, LLP");
        assertThat(all(d, "//dos:classification[@scheme='IPC']")).containsExactly("H01L 21/30", "H01L 21/302",
                "H01L 21/324", "H01L 21/20", "H01L 23/00", "H01L 31/0203");
        // field-of-search classes are not the document's
        assertThat(all(d, "//dos:classification[@scheme='national']")).isEmpty();
        assertThat(t(d, "//dos:abstract")).startsWith("A device is provided with:");
        assertThat(t(d, "//dos:abstract/@lang")).isEqualTo("en");
    }

    @Test
    void canonicalEqualsTheSt96ExamplesApartFromCpcAndSource() {
        // the instance is the ST.96 example by WIPO's tables: both must give the same dossier
        Document st36 = canonical();
        Document st96 = TestDialects.dom(TestDialects.toCanonical(Dialect.ST96,
                org.dossierlink.Corpus.file(St96DialectTest.EXAMPLE)));
        for (Document d : List.of(st36, st96)) {
            for (Node n : TestDialects.select(d, "//dos:classification[@scheme='CPC'] | //@source", NS)) {
                if (n instanceof org.w3c.dom.Attr a) {
                    a.getOwnerElement().removeAttributeNode(a);
                } else {
                    n.getParentNode().removeChild(n);
                }
            }
        }
        var diff = org.xmlunit.builder.DiffBuilder.compare(st96).withTest(st36).ignoreWhitespace()
                .checkForSimilar().build();
        assertThat(diff.hasDifferences()).as(diff.fullDescription()).isFalse();
    }

    @Test
    void priorityKindComesFromTheNumber() throws Exception {
        String xml = Files.readString(INSTANCE, StandardCharsets.UTF_8);
        // kind="international" on a JP number (as JP and CN data write it) stays national
        Document jp = canonicalOf(xml.replace("kind=\"national\"", "kind=\"international\""));
        assertThat(t(jp, "//dos:priorityClaim/@kind")).isEqualTo("national");
        // a PCT number said national is international, country WO, date converted
        Document pct = canonicalOf(xml.replace("<country>JP</country><doc-number>2007-290922</doc-number><date>20071108</date>",
                "<country>WO</country><doc-number>PCT/JP2008/068544</doc-number><date>20081014</date>"));
        assertThat(t(pct, "//dos:priorityClaim/@kind")).isEqualTo("international");
        assertThat(t(pct, "//dos:priorityClaim/dos:country")).isEqualTo("WO");
        assertThat(t(pct, "//dos:priorityClaim/dos:date")).isEqualTo("2008-10-14");
        Document back = TestDialects.dom(TestDialects.fromCanonical(Dialect.ST36,
                TestDialects.converter().toCanonical(Dialect.ST36, TestDialects.converter().parse(
                        xml.replace("kind=\"national\"", "kind=\"international\"").getBytes(StandardCharsets.UTF_8),
                        "x"), "x"), "x"));
        assertThat(TestDialects.text(back, "//priority-claim/@kind", NONE)).isEqualTo("national");
    }

    private static Document canonicalOf(String st36) {
        var c = TestDialects.converter();
        byte[] canonical = c.toCanonical(Dialect.ST36, c.parse(st36.getBytes(StandardCharsets.UTF_8), "edited"), "edited");
        TestDialects.assertValid(canonical, TestDialects.canonicalSchema(), "edited instance as canonical");
        return TestDialects.dom(canonical);
    }

    @Test
    void instanceRoundTripsThroughCanonical() {
        Document back = TestDialects.dom(TestDialects.assertRoundTrip(Dialect.ST36, INSTANCE, NONE));
        // what the cannot-hold list lets the comparison skip is checked here
        assertThat(TestDialects.select(back, "//classification-ipcr/text", NONE).stream().map(Node::getTextContent))
                .containsExactly("H01L 21/30", "H01L 21/302", "H01L 21/324", "H01L 21/20", "H01L 23/00", "H01L 31/0203");
        assertThat(TestDialects.select(back, "//applicant/addressbook/name", NONE).stream().map(Node::getTextContent))
                .containsExactly("Utsumi Jun", "Goto Takayuki", "Ide Kensuke", "Takagi Hideki", "Funayama Masahiro");
        assertThat(TestDialects.text(back, "/patent-document/@doc-number", NONE)).isEqualTo("08936998");
        assertThat(TestDialects.text(back, "/patent-document/@date-publ", NONE)).isEqualTo("20150120");
        assertThat(TestDialects.text(back, "//priority-claim/date", NONE)).isEqualTo("20071108");
    }

    @Test
    void instanceCanonicalRoundTripsThroughSt36() {
        TestDialects.assertCanonicalRoundTrip(Dialect.ST36, TestDialects.toCanonical(Dialect.ST36, INSTANCE),
                "ST.36 instance (canonical)");
    }

    static Stream<String> demoRecords() {
        return St96DialectTest.records(St96DialectTest.DEMO).stream();
    }

    @ParameterizedTest(name = "demo record {index}")
    @MethodSource("demoRecords")
    void demoRecordsConvertToSt36AndBack(String record) {
        byte[] canonical = record.getBytes(StandardCharsets.UTF_8);
        byte[] st36 = TestDialects.fromCanonical(Dialect.ST36, canonical, "demo record");
        assertThat(DialectDetector.detect(new java.io.ByteArrayInputStream(st36), "out").dialect()).isEqualTo(Dialect.ST36);
        Document in = TestDialects.dom(canonical);
        Document out = TestDialects.dom(st36);
        assertThat(TestDialects.text(out, "//application-reference/document-id/doc-number", NONE))
                .isEqualTo(t(in, "//dos:application/dos:originalNumber"));
        assertThat(TestDialects.text(out, "//application-reference/document-id/date", NONE))
                .isEqualTo(t(in, "//dos:application/dos:filingDate").replace("-", ""));
        assertThat(TestDialects.select(out, "//priority-claim/doc-number", NONE).stream().map(Node::getTextContent).toList())
                .isEqualTo(all(in, "//dos:priorityClaim/dos:originalNumber"));
        assertThat(TestDialects.select(out, "//priority-claim/date", NONE).stream().map(Node::getTextContent).toList())
                .isEqualTo(all(in, "//dos:priorityClaim/dos:date").stream().map(s -> s.replace("-", "")).toList());
        assertThat(TestDialects.select(out, "//invention-title", NONE).stream().map(Node::getTextContent).toList())
                .isEqualTo(all(in, "//dos:title"));
        TestDialects.assertCanonicalRoundTrip(Dialect.ST36, canonical, "demo record");
    }

    @ParameterizedTest(name = "DOCDB record {index}")
    @MethodSource("org.dossierlink.dialect.St96DialectTest#docdbRecords")
    void docdbRecordsConvertToSt36AndBack(String record) {
        TestDialects.assertCanonicalRoundTrip(Dialect.ST36, record.getBytes(StandardCharsets.UTF_8), "DOCDB record");
    }

    static Stream<String> edgeRecords() {
        return St96DialectTest.records(St96DialectTest.EDGE).stream();
    }

    @ParameterizedTest(name = "edge case {index}")
    @MethodSource("edgeRecords")
    void edgeCasesConvertToSt36AndBack(String record) {
        TestDialects.assertCanonicalRoundTrip(Dialect.ST36, record.getBytes(StandardCharsets.UTF_8), "edge case");
    }

    @Test
    void edgeCaseContent() {
        Document out = TestDialects.dom(TestDialects.fromCanonical(Dialect.ST36,
                St96DialectTest.records(St96DialectTest.EDGE).get(0).getBytes(StandardCharsets.UTF_8), "edge"));
        assertThat(TestDialects.text(out, "//publication-reference/document-id/doc-number", NONE)).isEqualTo("09648662");
        assertThat(TestDialects.text(out, "//related-publication/document-id/doc-number", NONE)).isEqualTo("20120057518");
        assertThat(TestDialects.select(out, "//priority-claim/@kind", NONE).stream().map(Node::getTextContent))
                .containsExactly("regional", "international", "national");
        assertThat(TestDialects.select(out, "//priority-claim/@sequence", NONE).stream().map(Node::getTextContent))
                .containsExactly("01", "02", "03");
        assertThat(TestDialects.text(out, "//classification-national/main-classification", NONE)).isEqualTo("455/41.2");
        assertThat(TestDialects.text(out, "//classification-national/further-classification", NONE)).isEqualTo("455/66.1");
        assertThat(TestDialects.select(out, "//invention-title/@lang", NONE).stream().map(Node::getTextContent))
                .containsExactly("en", "de");
    }

    @Test
    void severalDossiersAreRefusedWithTheirCount() {
        byte[] demo = TestDialects.readAll(St96DialectTest.DEMO);
        assertThatThrownBy(() -> TestDialects.fromCanonical(Dialect.ST36, demo, "demo"))
                .isInstanceOf(DialectException.class).hasMessageContaining("exactly one dossier")
                .hasMessageContaining("11");
    }

    @Test
    void lossesAreRealBothWays() throws Exception {
        TestDialects.assertLossesAreReal(Dialect.ST36, Direction.TO_CANONICAL,
                List.of(TestDialects.dom(TestDialects.readAll(INSTANCE))), NONE);
        List<Document> canonical = new ArrayList<>();
        canonical.add(canonical());
        canonical.add(TestDialects.dom(TestDialects.readAll(St96DialectTest.DEMO)));
        canonical.add(TestDialects.dom(TestDialects.readAll(St96DialectTest.EDGE)));
        for (String f : St96DialectTest.DOCDB_FILES) {
            canonical.add(TestDialects.dom(St96DialectTest.docdbCanonical(f)));
        }
        TestDialects.assertLossesAreReal(Dialect.ST36, Direction.FROM_CANONICAL, canonical, NS);
    }
}
