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

class JpoDialectTest {

    private static final String DIR = "jpo/jp-gazette-st36/";
    private static final Map<String, String> JP = Map.of("jp", "http://www.jpo.go.jp");
    private static final Map<String, String> DOS = Map.of("dos", JpoCnipaTestFiles.DOS_NS);

    private static Path file(String name) {
        return Corpus.file(DIR + name);
    }

    private static Document canonical(String name) {
        return TestDialects.dom(TestDialects.toCanonical(Dialect.JPO, file(name)));
    }

    private static String t(Document d, String xpath) {
        return TestDialects.text(d, xpath, DOS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JP2021044377A.xml", "jp_example2.xml", "jp_example4.xml"})
    void everyGazetteIsDetectedConvertsValidlyAndRoundTrips(String name) {
        assertThat(DialectDetector.detect(file(name)).dialect()).isEqualTo(Dialect.JPO);
        byte[] canonical = TestDialects.toCanonical(Dialect.JPO, file(name));
        TestDialects.assertValid(canonical, TestDialects.canonicalSchema(), name);
        Document c = TestDialects.dom(canonical);
        assertThat(TestDialects.select(c, "/dos:dossiers/dos:dossier[@source='jpo']", DOS)).hasSize(1);

        byte[] back = TestDialects.assertRoundTrip(Dialect.JPO, file(name), JP);
        TestDialects.assertCanonicalRoundTrip(Dialect.JPO, canonical, name);

        // what the round trip ignores (cannot-hold) but canonical-to-jpo rebuilds by JPO's rules must still
        // come back as written for these gazettes
        Document orig = TestDialects.dom(TestDialects.readAll(file(name)));
        Document b = TestDialects.dom(back);
        for (String xpath : List.of("/jp-official-gazette/@kind-of-jp", "/jp-official-gazette/@kind-of-st16",
                "/jp-official-gazette/@lang", "/jp-official-gazette/@dtd-version",
                "/jp-official-gazette/bibliographic-data/publication-reference/document-id/kind",
                "/jp-official-gazette/bibliographic-data/classification-national/country")) {
            assertThat(TestDialects.text(b, xpath, JP)).as(xpath).isEqualTo(TestDialects.text(orig, xpath, JP));
        }
        assertThat(TestDialects.texts(b, "//priority-claim/@jp:kind", JP)).isEqualTo(TestDialects.texts(orig, "//priority-claim/@jp:kind", JP));
        // IPC symbols come back in the gazette's columns, only the version/flags part is lost
        List<String> ipcBack = TestDialects.texts(b, "//classification-ipc/*[self::main-clsf or self::further-clsf]", JP);
        List<String> ipcOrig = TestDialects.texts(orig, "//classification-ipc/*[self::main-clsf or self::further-clsf]", JP);
        assertThat(ipcBack).hasSameSizeAs(ipcOrig);
        for (int i = 0; i < ipcOrig.size(); i++) {
            assertThat(ipcOrig.get(i)).startsWith(ipcBack.get(i));
        }
    }

    @Test
    void publishedApplicationWithoutPriority() {
        Document c = canonical("JP2021044377A.xml");
        assertThat(t(c, "//dos:application/dos:office")).isEqualTo("JP");
        assertThat(t(c, "//dos:application/dos:number")).isEqualTo("2019165329");
        assertThat(t(c, "//dos:application/dos:docdb")).isEqualTo("JP.2019165329.A");
        assertThat(t(c, "//dos:application/dos:originalNumber")).isEqualTo("2019165329");
        assertThat(t(c, "//dos:application/dos:filingDate")).isEqualTo("2019-09-11");
        assertThat(TestDialects.texts(c, "//dos:publication/dos:docdb", DOS)).containsExactly("JP.2021044377.A");
        assertThat(t(c, "//dos:publication/dos:date")).isEqualTo("2021-03-18");
        assertThat(TestDialects.select(c, "//dos:priorityClaims", DOS)).isEmpty();
        assertThat(t(c, "//dos:title[@lang='ja']")).isEqualTo("ウェーハの加工方法");
        assertThat(TestDialects.texts(c, "//dos:applicant/dos:name", DOS)).containsExactly("株式会社ディスコ");
        assertThat(TestDialects.texts(c, "//dos:applicant/@sequence", DOS)).containsExactly("1");
        assertThat(TestDialects.texts(c, "//dos:inventor/dos:name", DOS)).hasSize(10).startsWith("原田 成規", "松澤 稔")
                .endsWith("大前 巻子");
        // agents are not applicants
        assertThat(TestDialects.texts(c, "//dos:applicant/dos:name", DOS)).doesNotContain("松本 昂");
        assertThat(TestDialects.texts(c, "//dos:classification[@scheme='IPC']", DOS))
                .containsExactly("H01L 21/301", "H01L 21/67", "H01L 21/683", "B23K 26/53");
        assertThat(TestDialects.texts(c, "//dos:classification[@scheme='national']", DOS)).hasSize(9)
                .startsWith("H01L21/78 M", "H01L21/78 B").endsWith("B23K26/53");
        String abs = t(c, "//dos:abstract[@lang='ja']");
        assertThat(abs).startsWith("【課題】品質を低下させることなくデバイスチップを形成する。\n【解決手段】")
                .endsWith("\n【選択図】図４");
    }

    @Test
    void usProvisionalPriorityIsNationalWhateverJpKindSays() {
        Document c = canonical("jp_example2.xml");
        assertThat(t(c, "//dos:application/dos:docdb")).isEqualTo("JP.2020185474.A");
        assertThat(t(c, "//dos:application/dos:filingDate")).isEqualTo("2020-11-06");
        assertThat(TestDialects.texts(c, "//dos:publication/dos:docdb", DOS)).containsExactly("JP.2021044249.A");
        assertThat(TestDialects.select(c, "//dos:priorityClaim", DOS)).hasSize(1);
        assertThat(t(c, "//dos:priorityClaim/@sequence")).isEqualTo("1");
        assertThat(t(c, "//dos:priorityClaim/@kind")).as("jp:kind=international is a Paris priority").isEqualTo("national");
        assertThat(TestDialects.select(c, "//dos:priorityClaim/@active", DOS)).isEmpty();
        assertThat(t(c, "//dos:priorityClaim/dos:country")).isEqualTo("US");
        assertThat(t(c, "//dos:priorityClaim/dos:number")).isEqualTo("201662359703");
        assertThat(t(c, "//dos:priorityClaim/dos:docdb")).isEqualTo("US.201662359703");
        assertThat(t(c, "//dos:priorityClaim/dos:originalNumber")).isEqualTo("62/359,703");
        assertThat(t(c, "//dos:priorityClaim/dos:date")).isEqualTo("2016-07-07");
        assertThat(t(c, "//dos:title")).isEqualTo("リチウムイオン電池のリサイクル方法");
        assertThat(TestDialects.texts(c, "//dos:applicant/dos:name", DOS)).containsExactly("ジーアールエスティー・インターナショナル・リミテッド");
        assertThat(TestDialects.texts(c, "//dos:inventor/dos:name", DOS)).containsExactly("ホ、カム・ピウ", "ワン、ランシ", "シェン、ペイフア");
        assertThat(TestDialects.texts(c, "//dos:classification[@scheme='IPC']", DOS)).containsExactly("H01M 10/54", "B09B 3/00");
        assertThat(TestDialects.texts(c, "//dos:classification[@scheme='national']", DOS)).containsExactly("H01M10/54", "B09B3/00 304H");
        // the divisional parent is not a priority claim nor a publication
        assertThat(new String(TestDialects.toCanonical(Dialect.JPO, file("jp_example2.xml")), StandardCharsets.UTF_8))
                .doesNotContain("2018566929").doesNotContain("6828214");
    }

    @Test
    void nationalPhaseEntryKeepsItsParentPctApplicationOutOfThePriorityClaims() {
        Document c = canonical("jp_example4.xml");
        assertThat(t(c, "//dos:application/dos:docdb")).isEqualTo("JP.2020536678.A");
        assertThat(t(c, "//dos:application/dos:filingDate")).isEqualTo("2018-12-27");
        assertThat(TestDialects.texts(c, "//dos:publication/dos:docdb", DOS)).as("the WO publication is the parent's")
                .containsExactly("JP.2021509175.A");
        assertThat(TestDialects.select(c, "//dos:priorityClaim", DOS)).hasSize(2);
        for (int i = 1; i <= 2; i++) {
            String p = "//dos:priorityClaim[@sequence='" + i + "']";
            assertThat(t(c, p + "/@kind")).isEqualTo("national");
            assertThat(t(c, p + "/dos:country")).isEqualTo("KR");
            assertThat(t(c, p + "/dos:number")).isEqualTo("2018000083" + (i - 1));
            assertThat(t(c, p + "/dos:docdb")).isEqualTo("KR.2018000083" + (i - 1));
            assertThat(t(c, p + "/dos:originalNumber")).isEqualTo("10-2018-000083" + (i - 1));
            assertThat(t(c, p + "/dos:date")).isEqualTo("2018-01-03");
        }
        assertThat(TestDialects.texts(c, "//dos:priorityClaim/dos:country", DOS)).doesNotContain("WO");
        assertThat(new String(TestDialects.toCanonical(Dialect.JPO, file("jp_example4.xml")), StandardCharsets.UTF_8))
                .doesNotContain("2018016728").doesNotContain("2019135546");
        assertThat(t(c, "//dos:title")).isEqualTo("着脱式体積測定装置、これを含む組織拡張装置及びこれを利用した胸の体積測定方法");
        assertThat(TestDialects.texts(c, "//dos:applicant/dos:name", DOS)).containsExactly("シージー バイオ カンパニー，リミテッド");
        assertThat(TestDialects.texts(c, "//dos:inventor/dos:name", DOS)).containsExactly("キム インホ", "ユ ボヨン", "ホン スンギ", "チョ ヨンユン");
        assertThat(TestDialects.texts(c, "//dos:classification[@scheme='IPC']", DOS)).containsExactly("G01F 17/00", "G01F 1/44", "A61B 5/107");
        assertThat(TestDialects.texts(c, "//dos:classification[@scheme='national']", DOS))
                .containsExactly("G01F17/00 C", "G01F1/44", "A61B5/107");

        // back in JPO form it is a kind T gazette again (publication serial 509175)
        Document back = TestDialects.dom(TestDialects.fromCanonical(Dialect.JPO,
                TestDialects.toCanonical(Dialect.JPO, file("jp_example4.xml")), "jp_example4"));
        assertThat(TestDialects.text(back, "/jp-official-gazette/@kind-of-jp", JP)).isEqualTo("T");
        assertThat(TestDialects.select(back, "//pct-or-regional-filing-data", JP)).isEmpty();
    }

    @Test
    void japaneseTextIsUtf8() {
        byte[] canonical = TestDialects.toCanonical(Dialect.JPO, file("JP2021044377A.xml"));
        assertThat(new String(canonical, StandardCharsets.UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<dos:title lang=\"ja\">ウェーハの加工方法</dos:title>");
        byte[] back = TestDialects.fromCanonical(Dialect.JPO, canonical, "JP2021044377A");
        assertThat(new String(back, StandardCharsets.UTF_8)).contains("<invention-title>ウェーハの加工方法</invention-title>")
                .contains("<name>株式会社ディスコ</name>");
    }

    @Test
    void jpKindIsRebuiltByJposRuleFromTheCanonicalClaim() {
        String canonical = """
                <dos:dossier xmlns:dos="urn:dossierlink:dossier:1">
                  <dos:application><dos:office>JP</dos:office><dos:number>2019165329</dos:number><dos:docdb>JP.2019165329.A</dos:docdb></dos:application>
                  <dos:priorityClaims>
                    <dos:priorityClaim sequence="1" kind="national"><dos:country>JP</dos:country><dos:number>2018123456</dos:number><dos:docdb>JP.2018123456.A</dos:docdb><dos:originalNumber>2018-123456</dos:originalNumber></dos:priorityClaim>
                    <dos:priorityClaim sequence="2" kind="international"><dos:country>WO</dos:country><dos:number>2018KR016728</dos:number><dos:docdb>WO.2018KR016728.W</dos:docdb><dos:originalNumber>PCT/KR2018/016728</dos:originalNumber></dos:priorityClaim>
                    <dos:priorityClaim sequence="3" kind="regional"><dos:country>EP</dos:country><dos:number>10167109</dos:number><dos:docdb>EP.10167109.A</dos:docdb></dos:priorityClaim>
                  </dos:priorityClaims>
                </dos:dossier>""";
        Document jpo = TestDialects.dom(TestDialects.fromCanonical(Dialect.JPO,
                canonical.getBytes(StandardCharsets.UTF_8), "kinds"));
        assertThat(TestDialects.texts(jpo, "//priority-claim/@jp:kind", JP)).containsExactly("patent", "pct", "international");
        assertThat(TestDialects.texts(jpo, "//priority-claim/doc-number", JP)).containsExactly("2018-123456", "PCT/KR2018/016728", "10167109");
        // and to canonical again the kinds are decided from the numbers
        Document back = TestDialects.dom(TestDialects.converter().toCanonical(Dialect.JPO,
                TestDialects.converter().parse(TestDialects.fromCanonical(Dialect.JPO,
                        canonical.getBytes(StandardCharsets.UTF_8), "kinds"), "kinds"), "kinds"));
        assertThat(TestDialects.texts(back, "//dos:priorityClaim/@kind", DOS)).containsExactly("national", "international", "regional");
    }

    @Test
    void demoRecordsRoundTripThroughJpo() {
        // the first gazette's record, and the Global Dossier record of JP 2017-187096 (two publications)
        TestDialects.assertCanonicalRoundTrip(Dialect.JPO, JpoCnipaTestFiles.demoRecord("JP.2019165329.A"), "demo JP.2019165329.A");
        byte[] gd = TestDialects.assertCanonicalRoundTrip(Dialect.JPO, JpoCnipaTestFiles.demoRecord("JP.2017187096.A"),
                "demo JP.2017187096.A");
        assertThat(TestDialects.texts(TestDialects.dom(gd), "//dos:publication/dos:docdb", DOS)).containsExactly("JP.2019061579.A");
    }

    /** A canonical record with what a gazette cannot hold: family id, documents, a second title and abstract. */
    private static byte[] richCanonical() {
        String c = new String(TestDialects.toCanonical(Dialect.JPO, file("JP2021044377A.xml")), StandardCharsets.UTF_8);
        c = JpoCnipaTestFiles.replaceOnce(c, "<dos:dossier source=\"jpo\">", "<dos:dossier source=\"jpo\" familyId=\"71234567\">");
        c = c.replace("</dos:title>", "</dos:title><dos:title lang=\"en\">Wafer processing method</dos:title>");
        c = c.replace("</dos:abstract>", "</dos:abstract><dos:abstract lang=\"en\">A wafer is divided.</dos:abstract>"
                + "<dos:documents><dos:document><dos:id>D1</dos:id><dos:code>A01</dos:code><dos:description>Request</dos:description>"
                + "<dos:group>application</dos:group><dos:date>2019-09-11</dos:date><dos:direction>incoming</dos:direction>"
                + "<dos:mediaType>application/pdf</dos:mediaType><dos:size>10</dos:size><dos:sha256>"
                + "0".repeat(64) + "</dos:sha256></dos:document></dos:documents>");
        return c.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void richCanonicalRecordLosesOnlyWhatIsListed() {
        byte[] rich = richCanonical();
        TestDialects.assertValid(rich, TestDialects.canonicalSchema(), "rich canonical");
        byte[] back = TestDialects.assertCanonicalRoundTrip(Dialect.JPO, rich, "rich canonical");
        Document b = TestDialects.dom(back);
        assertThat(TestDialects.texts(b, "//dos:title", DOS)).containsExactly("ウェーハの加工方法");
        assertThat(TestDialects.select(b, "//dos:documents | //@familyId", DOS)).isEmpty();
    }

    private static Path plainKindVariant() {
        String s = JpoCnipaTestFiles.read(file("jp_example2.xml"));
        return JpoCnipaTestFiles.variant(JpoCnipaTestFiles.replaceOnce(s, "<priority-claim sequence=\"1\" jp:kind=\"international\">",
                "<priority-claim sequence=\"1\" kind=\"international\" jp:kind=\"international\">"), "jpo-plain-kind");
    }

    @Test
    void plainKindAttributeIsIgnoredLikeJpKind() {
        Path p = plainKindVariant();
        Document c = TestDialects.dom(TestDialects.toCanonical(Dialect.JPO, p));
        assertThat(t(c, "//dos:priorityClaim/@kind")).isEqualTo("national");
        TestDialects.assertRoundTrip(Dialect.JPO, p, JP);
    }

    @Test
    void lossesAreRealInBothDirections() {
        List<Document> gazettes = new ArrayList<>();
        List<Document> canonicals = new ArrayList<>();
        for (String n : List.of("JP2021044377A.xml", "jp_example2.xml", "jp_example4.xml")) {
            gazettes.add(TestDialects.dom(TestDialects.readAll(file(n))));
            canonicals.add(canonical(n));
        }
        gazettes.add(TestDialects.dom(TestDialects.readAll(plainKindVariant())));
        canonicals.add(TestDialects.dom(JpoCnipaTestFiles.demoRecord("JP.2019165329.A")));
        canonicals.add(TestDialects.dom(JpoCnipaTestFiles.demoRecord("JP.2017187096.A")));
        canonicals.add(TestDialects.dom(richCanonical()));
        TestDialects.assertLossesAreReal(Dialect.JPO, Direction.TO_CANONICAL, gazettes, JP);
        TestDialects.assertLossesAreReal(Dialect.JPO, Direction.FROM_CANONICAL, canonicals, DOS);
        assertThat(TestDialects.converter().cannotHold(Dialect.JPO, Direction.TO_CANONICAL))
                .extracting(DialectConverter.Loss::path)
                .contains("/jp-official-gazette/bibliographic-data/priority-claims/priority-claim/@jp:kind",
                        "/jp-official-gazette/bibliographic-data/pct-or-regional-filing-data");
    }

    @Test
    void aGazetteHoldsOneDossier() {
        String one = new String(TestDialects.toCanonical(Dialect.JPO, file("JP2021044377A.xml")), StandardCharsets.UTF_8);
        String record = one.substring(one.indexOf("<dos:dossier "), one.indexOf("</dos:dossiers>"));
        byte[] two = JpoCnipaTestFiles.wrap(record + record);
        assertThatThrownBy(() -> TestDialects.fromCanonical(Dialect.JPO, two, "two"))
                .isInstanceOf(DialectException.class).hasMessageContaining("exactly one dossier")
                .hasMessageContaining("holds 2");
    }

    @Test
    void aNonJapaneseApplicationIsRefused() {
        byte[] us = JpoCnipaTestFiles.demoRecord("US.201816123456.A");
        assertThatThrownBy(() -> TestDialects.fromCanonical(Dialect.JPO, us, "us"))
                .isInstanceOf(DialectException.class).hasMessageContaining("JP application")
                .hasMessageContaining("US.201816123456.A");
    }
}
