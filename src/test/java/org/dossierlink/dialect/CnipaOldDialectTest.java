package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dossierlink.Corpus;
import org.dossierlink.dialect.DialectConverter.Direction;
import org.dossierlink.testsupport.TestDialects;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class CnipaOldDialectTest {

    private static final String NAME = "CN103492414A_cn_old.xml";
    private static final Map<String, String> NONE = Map.of();
    private static final Map<String, String> DOS = Map.of("dos", JpoCnipaTestFiles.DOS_NS);

    private static Path file() {
        return Corpus.file("cnipa/" + NAME);
    }

    private static byte[] canonicalBytes() {
        return TestDialects.toCanonical(Dialect.CNIPA_OLD, file());
    }

    private static String t(Document d, String xpath) {
        return TestDialects.text(d, xpath, DOS);
    }

    @Test
    void isDetectedConvertsValidlyAndRoundTrips() {
        assertThat(DialectDetector.detect(file()).dialect()).isEqualTo(Dialect.CNIPA_OLD);
        byte[] canonical = canonicalBytes();
        TestDialects.assertValid(canonical, TestDialects.canonicalSchema(), NAME);
        byte[] back = TestDialects.assertRoundTrip(Dialect.CNIPA_OLD, file(), NONE);
        TestDialects.assertCanonicalRoundTrip(Dialect.CNIPA_OLD, canonical, NAME);

        // rebuilt by CNIPA's rules, ignored by the round trip, still as written for this document
        Document orig = TestDialects.dom(TestDialects.readAll(file()));
        Document b = TestDialects.dom(back);
        for (String xpath : List.of("/cn-patent-document/@lang", "/cn-patent-document/@country",
                "//application-reference/@appl-type", "//priority-claim/@kind",
                "//cn-applicant/addressbook/@lang", "//cn-inventor[1]/@cn-not-to-be-published-request-by-inventor")) {
            assertThat(TestDialects.text(b, xpath, NONE)).as(xpath).isEqualTo(TestDialects.text(orig, xpath, NONE));
        }
        assertThat(TestDialects.text(b, "//classification-ipcr/text", NONE)).isEqualTo("C07K   16/18");
        assertThat(TestDialects.text(orig, "//classification-ipcr/text", NONE)).startsWith("C07K   16/18 ");
        assertThat(new String(back, StandardCharsets.UTF_8)).doesNotContain("xml-stylesheet");
    }

    @Test
    void bibliographicFields() {
        Document c = TestDialects.dom(canonicalBytes());
        assertThat(t(c, "/dos:dossiers/dos:dossier/@source")).isEqualTo("cnipa-old");
        assertThat(t(c, "//dos:application/dos:office")).isEqualTo("CN");
        assertThat(t(c, "//dos:application/dos:number")).as("check digit verified and dropped").isEqualTo("200880114428");
        assertThat(t(c, "//dos:application/dos:docdb")).isEqualTo("CN.200880114428.A");
        assertThat(t(c, "//dos:application/dos:originalNumber")).isEqualTo("200880114428.1");
        assertThat(t(c, "//dos:application/dos:filingDate")).isEqualTo("2008-10-29");
        assertThat(TestDialects.texts(c, "//dos:publication/dos:docdb", DOS)).containsExactly("CN.103492414.A");
        assertThat(t(c, "//dos:publication/dos:date")).isEqualTo("2014-01-01");

        assertThat(TestDialects.select(c, "//dos:priorityClaim", DOS)).hasSize(1);
        assertThat(t(c, "//dos:priorityClaim/@sequence")).isEqualTo("1");
        assertThat(t(c, "//dos:priorityClaim/@kind")).as("kind=international on a US provisional").isEqualTo("national");
        assertThat(t(c, "//dos:priorityClaim/dos:country")).isEqualTo("US");
        assertThat(t(c, "//dos:priorityClaim/dos:number")).isEqualTo("98491007");
        assertThat(t(c, "//dos:priorityClaim/dos:docdb")).isEqualTo("US.98491007");
        assertThat(t(c, "//dos:priorityClaim/dos:originalNumber")).isEqualTo("60/984,910");
        assertThat(t(c, "//dos:priorityClaim/dos:date")).isEqualTo("2007-11-02");
        // the parent PCT application is not a priority claim, its WO publication not a publication
        String text = new String(canonicalBytes(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("081493").doesNotContain("058797");

        assertThat(t(c, "//dos:title[@lang='zh']")).isEqualTo("抗HEPCIDIN抗体及其用途");
        assertThat(TestDialects.texts(c, "//dos:applicant/dos:name", DOS)).containsExactly("伊莱利利公司");
        assertThat(TestDialects.texts(c, "//dos:inventor/dos:name", DOS)).containsExactly("Y·A·蔡", "D·P·盖特利", "L·何", "D·D·梁", "P·栾",
                "B·A·斯万森", "Y·唐", "D·R·威彻");
        assertThat(TestDialects.texts(c, "//dos:inventor/@sequence", DOS)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(TestDialects.texts(c, "//dos:applicant/dos:name | //dos:inventor/dos:name", DOS)).doesNotContain("黄革生");
        assertThat(TestDialects.texts(c, "//dos:classification", DOS)).containsExactly("C07K 16/18");
        assertThat(t(c, "//dos:classification/@scheme")).isEqualTo("IPC");
        assertThat(t(c, "//dos:abstract[@lang='zh']")).startsWith("提供了选择性结合人hepcidin-25的单克隆抗体")
                .endsWith("例如贫血。");
    }

    @Test
    void anApplicationNumberWithAWrongCheckDigitIsRefused() {
        String s = JpoCnipaTestFiles.read(file());
        Path bad = JpoCnipaTestFiles.variant(JpoCnipaTestFiles.replaceOnce(s, "200880114428.1", "200880114428.2"), "cn-bad-check");
        assertThatThrownBy(() -> TestDialects.toCanonical(Dialect.CNIPA_OLD, bad))
                .isInstanceOf(DialectException.class).hasMessageContaining("check digit");
    }

    /** Canonical with what cn-patent-document cannot hold. */
    private static byte[] richCanonical() {
        String c = new String(canonicalBytes(), StandardCharsets.UTF_8);
        c = JpoCnipaTestFiles.replaceOnce(c, "<dos:dossier source=\"cnipa-old\">", "<dos:dossier source=\"cnipa-old\" familyId=\"40624522\">");
        c = c.replace("</dos:publications>", "<dos:publication><dos:country>CN</dos:country><dos:number>103492414</dos:number>"
                + "<dos:kind>B</dos:kind><dos:docdb>CN.103492414.B</dos:docdb><dos:date>2016-05-04</dos:date></dos:publication></dos:publications>");
        c = c.replace("<dos:name>伊莱利利公司</dos:name>", "<dos:name>伊莱利利公司</dos:name><dos:country>US</dos:country>");
        c = c.replace("</dos:title>", "</dos:title><dos:title lang=\"en\">Anti-hepcidin antibodies and uses thereof</dos:title>");
        c = c.replace("<dos:classification scheme=\"IPC\">C07K 16/18</dos:classification>",
                "<dos:classification scheme=\"IPC\">C07K 16/18</dos:classification><dos:classification scheme=\"CPC\">C07K 16/18</dos:classification>");
        c = c.replace("</dos:abstract>", "</dos:abstract><dos:abstract lang=\"en\">Anti-hepcidin antibodies.</dos:abstract>"
                + "<dos:documents/>");
        return c.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void richCanonicalRecordLosesOnlyWhatIsListed() {
        byte[] rich = richCanonical();
        TestDialects.assertValid(rich, TestDialects.canonicalSchema(), "rich canonical");
        Document back = TestDialects.dom(TestDialects.assertCanonicalRoundTrip(Dialect.CNIPA_OLD, rich, "rich canonical"));
        assertThat(TestDialects.texts(back, "//dos:publication/dos:docdb", DOS)).containsExactly("CN.103492414.A");
        assertThat(TestDialects.texts(back, "//dos:classification/@scheme", DOS)).containsExactly("IPC");
        assertThat(TestDialects.texts(back, "//dos:title/@lang", DOS)).containsExactly("zh", "en");
        assertThat(t(back, "//dos:title[@lang='en']")).isEqualTo("Anti-hepcidin antibodies and uses thereof");
    }

    @Test
    void aPriorityKindThatContradictsItsNumberDoesNotSurviveAndTheRoundTripSaysSo() {
        // the demo record with its US provisional priority marked "international" (the office's own word):
        // the number decides national. The canonical round trip must report that difference (this also
        // proves the comparison can fail).
        byte[] demo = new String(JpoCnipaTestFiles.demoRecord("CN.200880114428.A"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("kind=\"national\"", "kind=\"international\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestDialects.assertCanonicalRoundTrip(Dialect.CNIPA_OLD, demo, "demo cnipa"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("international").hasMessageContaining("national");
        Document back = TestDialects.dom(TestDialects.converter().toCanonical(Dialect.CNIPA_OLD,
                TestDialects.converter().parse(TestDialects.fromCanonical(Dialect.CNIPA_OLD, demo, "demo"), "demo"), "demo"));
        assertThat(t(back, "//dos:priorityClaim/@kind")).isEqualTo("national");
        assertThat(t(back, "//dos:priorityClaim/dos:docdb")).isEqualTo("US.98491007");
        assertThat(t(back, "//dos:application/dos:originalNumber")).isEqualTo("200880114428.1");
    }

    @Test
    void lossesAreRealInBothDirections() {
        TestDialects.assertLossesAreReal(Dialect.CNIPA_OLD, Direction.TO_CANONICAL,
                List.of(TestDialects.dom(TestDialects.readAll(file()))), NONE);
        TestDialects.assertLossesAreReal(Dialect.CNIPA_OLD, Direction.FROM_CANONICAL,
                List.of(TestDialects.dom(canonicalBytes()), TestDialects.dom(richCanonical())), DOS);
    }

    @Test
    void oneDossierOnlyAndCnOnly() {
        String one = new String(canonicalBytes(), StandardCharsets.UTF_8);
        String record = one.substring(one.indexOf("<dos:dossier "), one.indexOf("</dos:dossiers>"));
        assertThatThrownBy(() -> TestDialects.fromCanonical(Dialect.CNIPA_OLD, JpoCnipaTestFiles.wrap(record + record), "two"))
                .isInstanceOf(DialectException.class).hasMessageContaining("exactly one dossier").hasMessageContaining("holds 2");
        assertThatThrownBy(() -> TestDialects.fromCanonical(Dialect.CNIPA_OLD,
                JpoCnipaTestFiles.demoRecord("JP.2019165329.A"), "jp"))
                .isInstanceOf(DialectException.class).hasMessageContaining("CN application").hasMessageContaining("JP.2019165329.A");
    }
}
