package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dossierlink.Corpus;
import org.dossierlink.dialect.DialectConverter.Direction;
import org.dossierlink.testsupport.TestDialects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/** ep-publication: the EPO ep-patent-document v1.x with INID B-codes, both ways. */
class EpPublicationDialectTest {

    static final String A1 = "st36/ep-publication/EP1667425A1_DOC00001.xml";
    static final String B1 = "st36/ep-publication/EP1599469B1_DOC00001.xml";
    static final Map<String, String> DOS = Map.of("dos", "urn:dossierlink:dossier:1");
    static final Dialect EP = Dialect.EP_PUBLICATION;

    /** A European dossier with everything canonical can say, some of which ep-patent-document cannot. */
    static final String FULL_EP_DOSSIER = """
            <dos:dossiers xmlns:dos="urn:dossierlink:dossier:1">
              <dos:dossier source="canonical" familyId="42330">
                <dos:application><dos:office>EP</dos:office><dos:number>10167109</dos:number><dos:kind>A</dos:kind><dos:docdb>EP.10167109.A</dos:docdb><dos:originalNumber>10167109.7</dos:originalNumber><dos:filingDate>2010-06-24</dos:filingDate></dos:application>
                <dos:publications>
                  <dos:publication><dos:country>WO</dos:country><dos:number>2016081758</dos:number><dos:kind>A1</dos:kind><dos:docdb>WO.2016081758.A1</dos:docdb><dos:date>2016-05-26</dos:date></dos:publication>
                  <dos:publication><dos:country>EP</dos:country><dos:number>2400812</dos:number><dos:kind>A1</dos:kind><dos:docdb>EP.2400812.A1</dos:docdb><dos:date>2011-12-28</dos:date></dos:publication>
                  <dos:publication><dos:country>EP</dos:country><dos:number>2400812</dos:number><dos:kind>B1</dos:kind><dos:docdb>EP.2400812.B1</dos:docdb><dos:date>2019-11-27</dos:date></dos:publication>
                </dos:publications>
                <dos:priorityClaims>
                  <dos:priorityClaim sequence="1" kind="national"><dos:country>JP</dos:country><dos:number>2004351438</dos:number><dos:docdb>JP.2004351438</dos:docdb><dos:originalNumber>2004351438</dos:originalNumber><dos:date>2004-12-03</dos:date></dos:priorityClaim>
                  <dos:priorityClaim sequence="2" kind="national" active="false"><dos:country>US</dos:country><dos:number>51623803</dos:number><dos:docdb>US.51623803</dos:docdb><dos:originalNumber>516238 P</dos:originalNumber><dos:date>2003-10-31</dos:date></dos:priorityClaim>
                </dos:priorityClaims>
                <dos:title lang="en">Bluetooth networking</dos:title>
                <dos:title lang="de">Bluetooth-Vernetzung</dos:title>
                <dos:applicant sequence="1"><dos:name>9Solutions Oy</dos:name><dos:country>FI</dos:country></dos:applicant>
                <dos:inventor sequence="1"><dos:name>Herrala, Sami</dos:name><dos:country>FI</dos:country></dos:inventor>
                <dos:inventor sequence="2"><dos:name>Niemi, Jaakko</dos:name></dos:inventor>
                <dos:classification scheme="IPC">H04W 84/20</dos:classification>
                <dos:classification scheme="IPC">H01M 50/519</dos:classification>
                <dos:classification scheme="CPC">H04W 84/20</dos:classification>
                <dos:abstract lang="en">First paragraph of the abstract.

            Second paragraph.</dos:abstract>
                <dos:documents>
                  <dos:document><dos:id>D1</dos:id><dos:code>CLM</dos:code><dos:description>Claims</dos:description><dos:group>application</dos:group><dos:date>2010-06-24</dos:date><dos:direction>incoming</dos:direction><dos:mediaType>application/pdf</dos:mediaType><dos:size>1234</dos:size><dos:sha256>0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef</dos:sha256></dos:document>
                </dos:documents>
              </dos:dossier>
            </dos:dossiers>
            """;

    static Path corpus(String f) {
        return Corpus.file(f);
    }

    static Document canonical(String f) {
        return TestDialects.dom(TestDialects.toCanonical(EP, corpus(f)));
    }

    static String text(Document d, String xpath) {
        return TestDialects.text(d, xpath, DOS);
    }

    static int count(Document d, String xpath) {
        return TestDialects.select(d, xpath, DOS).size();
    }

    @ParameterizedTest
    @ValueSource(strings = {A1, B1})
    void detectsTheCorpusFiles(String f) {
        assertThat(DialectDetector.detect(corpus(f)).dialect()).isEqualTo(EP);
    }

    @ParameterizedTest
    @ValueSource(strings = {A1, B1})
    void canonicalValidates(String f) {
        byte[] c = TestDialects.toCanonical(EP, corpus(f));
        TestDialects.assertValid(c, TestDialects.canonicalSchema(), f);
        Document d = TestDialects.dom(c);
        assertThat(count(d, "/dos:dossiers/dos:dossier")).isEqualTo(1);
        assertThat(text(d, "/dos:dossiers/dos:dossier/@source")).isEqualTo("ep-publication");
    }

    @Test
    void a1Fields() {
        Document d = canonical(A1);
        String dos = "/dos:dossiers/dos:dossier/";
        assertThat(text(d, dos + "dos:application/dos:office")).isEqualTo("EP");
        assertThat(text(d, dos + "dos:application/dos:number")).isEqualTo("05255002");
        assertThat(text(d, dos + "dos:application/dos:docdb")).isEqualTo("EP.05255002.A");
        assertThat(text(d, dos + "dos:application/dos:originalNumber")).isEqualTo("05255002.7");
        assertThat(text(d, dos + "dos:application/dos:filingDate")).isEqualTo("2005-08-11");
        assertThat(count(d, dos + "dos:publications/dos:publication")).isEqualTo(1);
        assertThat(text(d, dos + "dos:publications/dos:publication/dos:docdb")).isEqualTo("EP.1667425.A1");
        assertThat(text(d, dos + "dos:publications/dos:publication/dos:date")).isEqualTo("2006-06-07");
        assertThat(count(d, dos + "dos:priorityClaims/dos:priorityClaim")).isEqualTo(1);
        String pc = dos + "dos:priorityClaims/dos:priorityClaim[1]/";
        assertThat(text(d, pc + "@sequence")).isEqualTo("1");
        assertThat(text(d, pc + "@kind")).isEqualTo("national");
        assertThat(count(d, pc + "@active")).isZero();
        assertThat(text(d, pc + "dos:country")).isEqualTo("JP");
        assertThat(text(d, pc + "dos:number")).isEqualTo("2004351438");
        assertThat(text(d, pc + "dos:docdb")).isEqualTo("JP.2004351438");
        assertThat(text(d, pc + "dos:originalNumber")).isEqualTo("2004351438");
        assertThat(text(d, pc + "dos:date")).isEqualTo("2004-12-03");
        assertThat(text(d, dos + "dos:title[@lang='de']")).isEqualTo("Bilderzeugungsverfahren und -apparat");
        assertThat(text(d, dos + "dos:title[@lang='en']")).isEqualTo("Image forming method and image forming apparatus");
        assertThat(text(d, dos + "dos:title[@lang='fr']")).isEqualTo("Méthode et appareil de formation d'image");
        assertThat(count(d, dos + "dos:applicant")).isEqualTo(1);
        assertThat(text(d, dos + "dos:applicant[@sequence='1']/dos:name")).isEqualTo("Wedg Co. Ltd");
        assertThat(text(d, dos + "dos:applicant[@sequence='1']/dos:country")).isEqualTo("JP");
        assertThat(count(d, dos + "dos:inventor")).isEqualTo(2);
        assertThat(text(d, dos + "dos:inventor[@sequence='1']/dos:name")).isEqualTo("Yoshida, Naoki c/o Wedg Co., Ltd.");
        assertThat(text(d, dos + "dos:inventor[@sequence='2']/dos:name")).isEqualTo("Kasahara, Hiroyuki c/o Wedg Co., Ltd.");
        assertThat(text(d, dos + "dos:inventor[@sequence='2']/dos:country")).isEqualTo("JP");
        assertThat(count(d, dos + "dos:classification")).isEqualTo(1);
        assertThat(text(d, dos + "dos:classification[@scheme='IPC']")).isEqualTo("H04N 1/40");
        assertThat(text(d, dos + "dos:abstract/@lang")).isEqualTo("en");
        assertThat(text(d, dos + "dos:abstract")).startsWith("An image with sufficient gray-scale representation")
                .endsWith("converted gray-scale values of the pixels of the original image.")
                .doesNotContain("\n");
        assertThat(count(d, dos + "dos:documents")).isZero();
    }

    @Test
    void b1Fields() {
        Document d = canonical(B1);
        String dos = "/dos:dossiers/dos:dossier/";
        assertThat(text(d, dos + "dos:application/dos:number")).isEqualTo("04818324");
        assertThat(text(d, dos + "dos:application/dos:docdb")).isEqualTo("EP.04818324.A");
        assertThat(text(d, dos + "dos:application/dos:originalNumber")).isEqualTo("04818324.8");
        assertThat(text(d, dos + "dos:application/dos:filingDate")).isEqualTo("2004-10-29");
        assertThat(text(d, dos + "dos:publications/dos:publication/dos:docdb")).isEqualTo("EP.1599469.B1");
        assertThat(text(d, dos + "dos:publications/dos:publication/dos:date")).isEqualTo("2006-06-07");
        // the US provisional '516238 P' (B310) with its claim date
        assertThat(count(d, dos + "dos:priorityClaims/dos:priorityClaim")).isEqualTo(1);
        String pc = dos + "dos:priorityClaims/dos:priorityClaim[1]/";
        assertThat(text(d, pc + "@kind")).isEqualTo("national");
        assertThat(text(d, pc + "dos:country")).isEqualTo("US");
        assertThat(text(d, pc + "dos:originalNumber")).isEqualTo("516238 P");
        assertThat(text(d, pc + "dos:docdb")).startsWith("US.").contains("516238");
        assertThat(text(d, pc + "dos:date")).isEqualTo("2003-10-31");
        assertThat(text(d, dos + "dos:title[@lang='en']"))
                .isEqualTo("TETRAZOLE DERIVATIVES AND METHODS OF TREATMENT OF METABOLIC-RELATED DISORDERS THEREOF");
        assertThat(count(d, dos + "dos:title")).isEqualTo(3);
        // proprietors (B730) are the applicants of a granted patent
        assertThat(count(d, dos + "dos:applicant")).isEqualTo(2);
        assertThat(text(d, dos + "dos:applicant[@sequence='1']/dos:name")).isEqualTo("Arena Pharmaceuticals, Inc.");
        assertThat(text(d, dos + "dos:applicant[@sequence='2']/dos:name")).isEqualTo("Merck & Co., Inc.");
        assertThat(text(d, dos + "dos:applicant[@sequence='2']/dos:country")).isEqualTo("US");
        assertThat(count(d, dos + "dos:inventor")).isEqualTo(11);
        assertThat(text(d, dos + "dos:inventor[@sequence='11']/dos:name")).isEqualTo("TATA, James, R.");
        assertThat(TestDialects.select(d, dos + "dos:classification[@scheme='IPC']", DOS).stream()
                .map(n -> n.getTextContent()).toList())
                .containsExactly("C07D 403/04", "C07D 495/04", "C07D 491/04", "A61K 31/41");
        assertThat(count(d, dos + "dos:abstract")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {A1, B1})
    void roundTripsThroughCanonical(String f) {
        byte[] back = TestDialects.assertRoundTrip(EP, corpus(f), Map.of());
        String xml = new String(back, StandardCharsets.UTF_8);
        assertThat(xml).contains("<!DOCTYPE ep-patent-document")
                .contains("\"-//EPO//EP PATENT DOCUMENT 1.0//EN\"").contains("\"ep-patent-document-v1-0.dtd\"");
        assertThat(DialectDetector.detect(new java.io.ByteArrayInputStream(back), f).dialect()).isEqualTo(EP);
    }

    @Test
    void rebuildsTheRootAttributesAndTheFixedWidthIpcSymbols() {
        Document a1 = TestDialects.dom(TestDialects.fromCanonical(EP, TestDialects.toCanonical(EP, corpus(A1)), A1));
        Map<String, String> none = Map.of();
        assertThat(TestDialects.text(a1, "/ep-patent-document/@id", none)).isEqualTo("EP05255002A1");
        assertThat(TestDialects.text(a1, "/ep-patent-document/@file", none)).isEqualTo("05255002.xml");
        assertThat(TestDialects.text(a1, "/ep-patent-document/@date-publ", none)).isEqualTo("20060607");
        assertThat(TestDialects.text(a1, "//B210", none)).isEqualTo("05255002.7");
        assertThat(TestDialects.text(a1, "//B121", none)).isEqualTo("EUROPEAN PATENT APPLICATION");
        assertThat(TestDialects.text(a1, "//B510EP/classification-ipcr[1]/text", none)).startsWith("H04N   1/40 ");
        Document b1 = TestDialects.dom(TestDialects.fromCanonical(EP, TestDialects.toCanonical(EP, corpus(B1)), B1));
        assertThat(TestDialects.text(b1, "/ep-patent-document/@id", none)).isEqualTo("EP04818324B1");
        assertThat(TestDialects.text(b1, "//B210", none)).isEqualTo("04818324.8");
        assertThat(TestDialects.text(b1, "//B310", none)).isEqualTo("516238 P");
        assertThat(TestDialects.text(b1, "//B121", none)).isEqualTo("EUROPEAN PATENT SPECIFICATION");
        assertThat(TestDialects.select(b1, "//B510EP/classification-ipcr/text", none).stream()
                .map(n -> n.getTextContent()).toList())
                .containsExactly("C07D 403/04        ", "C07D 495/04        ", "C07D 491/04        ", "A61K  31/41        ");
        // same symbols as the original's fixed-width records, before their version data
        Document orig = TestDialects.dom(TestDialects.readAll(corpus(B1)));
        List<String> originals = new ArrayList<>();
        TestDialects.select(orig, "//B510EP/classification-ipcr/text", none)
                .forEach(n -> originals.add(n.getTextContent().substring(0, 19)));
        assertThat(originals).containsExactly("C07D 403/04        ", "C07D 495/04        ", "C07D 491/04        ",
                "A61K  31/41        ");
        assertThat(TestDialects.select(b1, "//B700/*", none).stream().map(n -> n.getNodeName()).toList())
                .containsExactly("B720", "B730");
    }

    @ParameterizedTest
    @ValueSource(strings = {A1, B1})
    void canonicalOutputRoundTrips(String f) {
        TestDialects.assertCanonicalRoundTrip(EP, TestDialects.toCanonical(EP, corpus(f)), f);
    }

    @Test
    void aFullEuropeanDossierRoundTripsApartFromWhatTheDialectCannotHold() {
        byte[] full = FULL_EP_DOSSIER.getBytes(StandardCharsets.UTF_8);
        TestDialects.assertValid(full, TestDialects.canonicalSchema(), "full EP dossier");
        byte[] back = TestDialects.assertCanonicalRoundTrip(EP, full, "full EP dossier");
        Document d = TestDialects.dom(back);
        String dos = "/dos:dossiers/dos:dossier/";
        assertThat(text(d, dos + "dos:publications/dos:publication/dos:docdb")).isEqualTo("EP.2400812.A1");
        assertThat(count(d, dos + "dos:publications/dos:publication")).isEqualTo(1);
        assertThat(text(d, dos + "dos:priorityClaims/dos:priorityClaim[2]/dos:originalNumber")).isEqualTo("516238 P");
        assertThat(text(d, dos + "dos:abstract")).isEqualTo("First paragraph of the abstract.\n\nSecond paragraph.");
        assertThat(TestDialects.select(d, dos + "dos:classification", DOS).stream().map(n -> n.getTextContent()).toList())
                .containsExactly("H04W 84/20", "H01M 50/519");
        Document ep = TestDialects.dom(TestDialects.fromCanonical(EP, full, "full EP dossier"));
        assertThat(TestDialects.select(ep, "/ep-patent-document/abstract/p", Map.of())).hasSize(2);
        assertThat(TestDialects.text(ep, "//B210", Map.of())).isEqualTo("10167109.7");
    }

    @Test
    void refusesANonEuropeanApplication() {
        byte[] demo = TestDialects.readAll(Path.of("src/main/resources/demo/corpus-dossiers.xml"));
        String first = new String(demo, StandardCharsets.UTF_8)
                .replaceAll("(?s)(<dos:dossier .*?</dos:dossier>).*", "$1")
                .replaceAll("(?s)^.*?(<dos:dossier )", "<dos:dossiers xmlns:dos=\"urn:dossierlink:dossier:1\">$1")
                + "</dos:dossiers>";
        assertThatThrownBy(() -> TestDialects.fromCanonical(EP, first.getBytes(StandardCharsets.UTF_8), "JP record"))
                .isInstanceOf(DialectException.class)
                .hasMessageContaining("European applications only").hasMessageContaining("JP.2019165329");
    }

    @Test
    void refusesSeveralDossiers() {
        byte[] demo = TestDialects.readAll(Path.of("src/main/resources/demo/corpus-dossiers.xml"));
        assertThatThrownBy(() -> TestDialects.fromCanonical(EP, demo, "demo corpus"))
                .isInstanceOf(DialectException.class)
                .hasMessageContaining("exactly one dossier").hasMessageContaining("holds 11");
    }

    @Test
    void refusesADocumentWithoutApplicationNumber() {
        String doc = "<ep-patent-document id=\"x\"><SDOBI><B100><B110>1667425</B110></B100></SDOBI></ep-patent-document>";
        assertThatThrownBy(() -> TestDialects.converter().toCanonical(EP,
                TestDialects.converter().parse(doc.getBytes(StandardCharsets.UTF_8), "no-b210"), "no-b210"))
                .isInstanceOf(DialectException.class).hasMessageContaining("B210");
    }

    @Test
    void everyDeclaredLossIsReal() {
        List<Document> originals = List.of(TestDialects.dom(TestDialects.readAll(corpus(A1))),
                TestDialects.dom(TestDialects.readAll(corpus(B1))));
        TestDialects.assertLossesAreReal(EP, Direction.TO_CANONICAL, originals, Map.of());
        List<Document> canonical = List.of(canonical(A1), canonical(B1),
                TestDialects.dom(FULL_EP_DOSSIER.getBytes(StandardCharsets.UTF_8)));
        TestDialects.assertLossesAreReal(EP, Direction.FROM_CANONICAL, canonical, DOS);
    }
}
