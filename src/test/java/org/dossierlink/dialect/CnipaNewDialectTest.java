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

class CnipaNewDialectTest {

    private static final String NAME = "cn_new1.xml";
    private static final Map<String, String> CN = Map.of(
            "business", "http://www.sipo.gov.cn/XMLSchema/business",
            "base", "http://www.sipo.gov.cn/XMLSchema/base",
            "xsi", "http://www.w3.org/2001/XMLSchema-instance");
    private static final Map<String, String> DOS = Map.of("dos", JpoCnipaTestFiles.DOS_NS);
    private static final String BIB = "/business:PatentDocumentAndRelated/business:BibliographicData";

    private static Path file() {
        return Corpus.file("cnipa/" + NAME);
    }

    private static byte[] canonicalBytes() {
        return TestDialects.toCanonical(Dialect.CNIPA_NEW, file());
    }

    private static String t(Document d, String xpath) {
        return TestDialects.text(d, xpath, DOS);
    }

    @Test
    void isDetectedConvertsValidlyAndRoundTrips() {
        assertThat(DialectDetector.detect(file()).dialect()).isEqualTo(Dialect.CNIPA_NEW);
        byte[] canonical = canonicalBytes();
        TestDialects.assertValid(canonical, TestDialects.canonicalSchema(), NAME);
        byte[] back = TestDialects.assertRoundTrip(Dialect.CNIPA_NEW, file(), CN);
        TestDialects.assertCanonicalRoundTrip(Dialect.CNIPA_NEW, canonical, NAME);

        Document b = TestDialects.dom(back);
        // the standard-format records are compared by the round trip; checked here by value too
        assertThat(TestDialects.text(b, BIB + "/business:ApplicationReference[@dataFormat='standard']/base:DocumentID/base:DocNumber", CN))
                .isEqualTo("102021001286633");
        assertThat(TestDialects.text(b, BIB + "/business:ApplicationReference[@dataFormat='original']/@applType", CN)).isEqualTo("10");
        assertThat(TestDialects.text(b, BIB + "/business:PriorityDetails/business:Priority[@dataFormat='standard']/base:DocNumber", CN))
                .isEqualTo("102016000063019");
        // kind is listed as cannot-hold, and rebuilt by CNIPA's usage as written here
        Document orig = TestDialects.dom(TestDialects.readAll(file()));
        assertThat(TestDialects.texts(b, BIB + "/business:PriorityDetails/business:Priority/@kind", CN))
                .isEqualTo(TestDialects.texts(orig, BIB + "/business:PriorityDetails/business:Priority/@kind", CN))
                .containsExactly("international", "international");
    }

    @Test
    void bibliographicFields() {
        Document c = TestDialects.dom(canonicalBytes());
        assertThat(t(c, "/dos:dossiers/dos:dossier/@source")).isEqualTo("cnipa-new");
        assertThat(t(c, "//dos:application/dos:office")).isEqualTo("CN");
        assertThat(t(c, "//dos:application/dos:number")).as("check digit X verified and dropped").isEqualTo("202111286633");
        assertThat(t(c, "//dos:application/dos:kind")).isEqualTo("A");
        assertThat(t(c, "//dos:application/dos:docdb")).isEqualTo("CN.202111286633.A");
        assertThat(t(c, "//dos:application/dos:originalNumber")).isEqualTo("202111286633.X");
        assertThat(t(c, "//dos:application/dos:filingDate")).isEqualTo("2017-04-24");
        assertThat(TestDialects.texts(c, "//dos:publication/dos:docdb", DOS)).as("original and standard records are one publication")
                .containsExactly("CN.113781974.A");
        assertThat(t(c, "//dos:publication/dos:date")).isEqualTo("2021-12-10");

        assertThat(TestDialects.select(c, "//dos:priorityClaim", DOS)).as("original and standard records are one claim").hasSize(1);
        assertThat(t(c, "//dos:priorityClaim/@sequence")).isEqualTo("1");
        assertThat(t(c, "//dos:priorityClaim/@kind")).as("kind=international on a KR application").isEqualTo("national");
        assertThat(t(c, "//dos:priorityClaim/dos:country")).isEqualTo("KR");
        assertThat(t(c, "//dos:priorityClaim/dos:number")).isEqualTo("20160063019");
        assertThat(t(c, "//dos:priorityClaim/dos:docdb")).isEqualTo("KR.20160063019");
        assertThat(t(c, "//dos:priorityClaim/dos:originalNumber")).isEqualTo("10-2016-0063019");
        assertThat(t(c, "//dos:priorityClaim/dos:date")).isEqualTo("2016-05-23");
        // the divisional parent is neither a priority nor a publication
        assertThat(new String(canonicalBytes(), StandardCharsets.UTF_8)).doesNotContain("201710269973");

        assertThat(t(c, "//dos:title[@lang='zh']")).isEqualTo("显示设备");
        assertThat(TestDialects.select(c, "//dos:title", DOS)).hasSize(1);
        assertThat(TestDialects.texts(c, "//dos:applicant/dos:name", DOS)).containsExactly("三星显示有限公司");
        assertThat(t(c, "//dos:applicant/dos:country")).isEqualTo("KR");
        assertThat(TestDialects.texts(c, "//dos:inventor/dos:name", DOS)).containsExactly("金驲柱", "田武经", "李安洙");
        assertThat(TestDialects.texts(c, "//dos:inventor/@sequence", DOS)).containsExactly("1", "2", "3");
        assertThat(TestDialects.texts(c, "//dos:applicant/dos:name | //dos:inventor/dos:name", DOS)).doesNotContain("王达佐", "刘铮");
        assertThat(TestDialects.texts(c, "//dos:classification[@scheme='IPC']", DOS)).containsExactly("G09G 3/36", "G09G 3/3208", "G09G 3/34");
        assertThat(t(c, "//dos:abstract[@lang='zh']")).startsWith("公开了一种显示设备。").endsWith("的像素的一侧相邻。");
    }

    @Test
    void aPriorityWithoutAnSt13NumberHasNoStandardRecord() {
        String canonical = new String(canonicalBytes(), StandardCharsets.UTF_8)
                .replace("</dos:priorityClaims>", "<dos:priorityClaim sequence=\"2\" kind=\"national\"><dos:country>US</dos:country>"
                        + "<dos:number>98491007</dos:number><dos:docdb>US.98491007</dos:docdb><dos:originalNumber>60/984,910</dos:originalNumber>"
                        + "<dos:date>2007-11-02</dos:date></dos:priorityClaim>"
                        + "<dos:priorityClaim sequence=\"3\" kind=\"national\"><dos:country>CN</dos:country>"
                        + "<dos:number>201710269973</dos:number><dos:docdb>CN.201710269973</dos:docdb><dos:originalNumber>201710269973.9</dos:originalNumber>"
                        + "<dos:date>2017-04-24</dos:date></dos:priorityClaim></dos:priorityClaims>");
        Document d = TestDialects.dom(TestDialects.fromCanonical(Dialect.CNIPA_NEW, canonical.getBytes(StandardCharsets.UTF_8), "x"));
        String p = BIB + "/business:PriorityDetails/business:Priority";
        assertThat(TestDialects.texts(d, p + "[@sequence='2']/@dataFormat", CN)).containsExactly("original");
        assertThat(TestDialects.texts(d, p + "[@sequence='3']/base:DocNumber", CN)).containsExactly("201710269973.9", "102017000269973");
        assertThat(TestDialects.texts(d, p + "/@kind", CN)).containsExactly("international", "international", "international", "national", "national");
        TestDialects.assertCanonicalRoundTrip(Dialect.CNIPA_NEW, canonical.getBytes(StandardCharsets.UTF_8), "three priorities");
    }

    /** Canonical with what the document cannot hold. */
    private static byte[] richCanonical() {
        String c = new String(canonicalBytes(), StandardCharsets.UTF_8);
        c = JpoCnipaTestFiles.replaceOnce(c, "<dos:dossier source=\"cnipa-new\">", "<dos:dossier source=\"cnipa-new\" familyId=\"56381453\">");
        c = c.replace("</dos:publications>", "<dos:publication><dos:country>CN</dos:country><dos:number>113781974</dos:number>"
                + "<dos:kind>B</dos:kind><dos:docdb>CN.113781974.B</dos:docdb></dos:publication></dos:publications>");
        c = c.replace("</dos:title>", "</dos:title><dos:title lang=\"en\">Display device</dos:title>");
        c = c.replace("<dos:classification scheme=\"IPC\">G09G 3/34</dos:classification>",
                "<dos:classification scheme=\"IPC\">G09G 3/34</dos:classification><dos:classification scheme=\"CPC\">G09G 3/3648</dos:classification>");
        c = c.replace("</dos:abstract>", "</dos:abstract><dos:abstract lang=\"en\">A display device.</dos:abstract><dos:documents/>");
        return c.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void richCanonicalRecordLosesOnlyWhatIsListed() {
        byte[] rich = richCanonical();
        TestDialects.assertValid(rich, TestDialects.canonicalSchema(), "rich canonical");
        Document back = TestDialects.dom(TestDialects.assertCanonicalRoundTrip(Dialect.CNIPA_NEW, rich, "rich canonical"));
        assertThat(TestDialects.texts(back, "//dos:title", DOS)).containsExactly("显示设备");
        assertThat(TestDialects.texts(back, "//dos:classification/@scheme", DOS)).containsOnly("IPC");
    }

    @Test
    void lossesAreRealInBothDirections() {
        TestDialects.assertLossesAreReal(Dialect.CNIPA_NEW, Direction.TO_CANONICAL,
                List.of(TestDialects.dom(TestDialects.readAll(file()))), CN);
        TestDialects.assertLossesAreReal(Dialect.CNIPA_NEW, Direction.FROM_CANONICAL,
                List.of(TestDialects.dom(canonicalBytes()), TestDialects.dom(richCanonical())), DOS);
    }

    @Test
    void oneDossierOnlyAndCnOnly() {
        String one = new String(canonicalBytes(), StandardCharsets.UTF_8);
        String record = one.substring(one.indexOf("<dos:dossier "), one.indexOf("</dos:dossiers>"));
        assertThatThrownBy(() -> TestDialects.fromCanonical(Dialect.CNIPA_NEW, JpoCnipaTestFiles.wrap(record + record + record), "three"))
                .isInstanceOf(DialectException.class).hasMessageContaining("exactly one dossier").hasMessageContaining("holds 3");
        assertThatThrownBy(() -> TestDialects.fromCanonical(Dialect.CNIPA_NEW,
                JpoCnipaTestFiles.demoRecord("JP.2019165329.A"), "jp"))
                .isInstanceOf(DialectException.class).hasMessageContaining("CN application");
    }

    @Test
    void convertsToTheOldCnipaFormatThroughCanonical() {
        byte[] old = TestDialects.converter().convert(TestDialects.converter().parse(TestDialects.readAll(file()), NAME),
                Dialect.CNIPA_NEW, Dialect.CNIPA_OLD, NAME);
        Document d = TestDialects.dom(old);
        Map<String, String> none = Map.of();
        assertThat(TestDialects.text(d, "//application-reference/document-id/doc-number", none)).isEqualTo("202111286633.X");
        assertThat(TestDialects.text(d, "//application-reference/@appl-type", none)).isEqualTo("发明专利");
        assertThat(TestDialects.text(d, "//priority-claim/doc-number", none)).isEqualTo("10-2016-0063019");
        assertThat(TestDialects.text(d, "//invention-title", none)).isEqualTo("显示设备");
    }
}
