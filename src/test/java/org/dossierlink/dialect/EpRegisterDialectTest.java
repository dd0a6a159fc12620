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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** ep-register: the EP Register as OPS serves it (reg:register-documents), both ways. */
class EpRegisterDialectTest {

    static final String R = "epo-ops/responses/";
    static final String BIBLIO = R + "register_biblio_EP2400812.xml";
    static final String EURO_PCT = R + "register_biblio_EP3221665A1.xml";
    static final String EVENTS = R + "register_events_EP2400812.xml";
    static final String STEPS = R + "register_procedural_steps_EP2400812.xml";
    static final String STEPS_PCT = R + "register_procedural_steps_EP3221665A1.xml";
    static final String SEARCH = R + "register_search.xml";
    static final String UNIP = R + "register_unip_EP2400812.xml";
    static final String[] ALL = {BIBLIO, EURO_PCT, EVENTS, STEPS, STEPS_PCT, SEARCH, UNIP};

    static final Map<String, String> NS = Map.of("ops", "http://ops.epo.org", "reg", "http://www.epo.org/register");
    static final Map<String, String> DOS = Map.of("dos", "urn:dossierlink:dossier:1");
    static final Dialect REG = Dialect.EP_REGISTER;
    static final String D1 = "/dos:dossiers/dos:dossier[1]/";

    static Path corpus(String f) {
        return Corpus.file(f);
    }

    static Document canonical(String f) {
        return TestDialects.dom(TestDialects.toCanonical(REG, corpus(f)));
    }

    static String text(Document d, String xpath) {
        return TestDialects.text(d, xpath, DOS);
    }

    static List<String> texts(Document d, String xpath) {
        return TestDialects.texts(d, xpath, DOS);
    }

    @ParameterizedTest
    @ValueSource(strings = {BIBLIO, EURO_PCT, EVENTS, STEPS, STEPS_PCT, SEARCH, UNIP})
    void detectsTheCorpusFiles(String f) {
        assertThat(DialectDetector.detect(corpus(f)).dialect()).isEqualTo(REG);
    }

    @ParameterizedTest(name = "{0} gives {1} dossiers")
    @CsvSource({BIBLIO + ",1", EURO_PCT + ",1", EVENTS + ",0", STEPS + ",0", STEPS_PCT + ",0", SEARCH + ",5", UNIP + ",1"})
    void canonicalValidatesWithOneDossierPerBibliographicRegisterDocument(String f, int dossiers) {
        byte[] c = TestDialects.toCanonical(REG, corpus(f));
        TestDialects.assertValid(c, TestDialects.canonicalSchema(), f);
        Document d = TestDialects.dom(c);
        assertThat(TestDialects.select(d, "/dos:dossiers/dos:dossier", DOS)).hasSize(dossiers);
        assertThat(TestDialects.select(d, "/dos:dossiers/dos:dossier[@source != 'ep-register']", DOS)).isEmpty();
        Document orig = TestDialects.dom(TestDialects.readAll(corpus(f)));
        assertThat(TestDialects.select(orig, "//reg:register-document[reg:bibliographic-data]", NS)).hasSize(dossiers);
    }

    @ParameterizedTest
    @ValueSource(strings = {BIBLIO, UNIP})
    void ep2400812Fields(String f) {
        Document d = canonical(f);
        assertThat(text(d, D1 + "dos:application/dos:office")).isEqualTo("EP");
        assertThat(text(d, D1 + "dos:application/dos:number")).isEqualTo("10167109");
        assertThat(text(d, D1 + "dos:application/dos:docdb")).isEqualTo("EP.10167109.A");
        assertThat(text(d, D1 + "dos:application/dos:originalNumber")).isEqualTo("10167109");
        assertThat(text(d, D1 + "dos:application/dos:filingDate")).isEqualTo("2010-06-24");
        assertThat(texts(d, D1 + "dos:publications/dos:publication/dos:docdb")).containsExactly("EP.2400812.A1", "EP.2400812.B1");
        assertThat(texts(d, D1 + "dos:publications/dos:publication/dos:date")).containsExactly("2011-12-28", "2019-11-27");
        assertThat(TestDialects.select(d, D1 + "dos:priorityClaims", DOS)).isEmpty();
        // the current titles (2019/30), not the 2011/52 ones
        assertThat(texts(d, D1 + "dos:title")).containsExactly("BLUETOOTH-VERNETZUNG", "BLUETOOTH NETWORKING",
                "MISE EN RÉSEAU BLUETOOTH");
        assertThat(texts(d, D1 + "dos:title/@lang")).containsExactly("de", "en", "fr");
        assertThat(texts(d, D1 + "dos:applicant/dos:name")).containsExactly("9Solutions Oy");
        assertThat(texts(d, D1 + "dos:applicant/dos:country")).containsExactly("FI");
        assertThat(texts(d, D1 + "dos:applicant/@sequence")).containsExactly("1");
        assertThat(texts(d, D1 + "dos:inventor/dos:name")).containsExactly("Herrala, Sami", "Kylmänen, Jari", "Niemi, Jaakko");
        assertThat(texts(d, D1 + "dos:inventor/@sequence")).containsExactly("1", "2", "3");
        assertThat(texts(d, D1 + "dos:inventor/dos:country")).containsExactly("FI", "FI", "FI");
        // the current classifications (2019/26: "H04W84/20,  // H04W88/04"), not the 2011/52 ones ("H04W84/20")
        assertThat(texts(d, D1 + "dos:classification[@scheme='IPC']")).containsExactly("H04W 84/20", "H04W 88/04");
    }

    @Test
    void euroPctFields() {
        Document d = canonical(EURO_PCT);
        assertThat(text(d, D1 + "dos:application/dos:docdb")).isEqualTo("EP.15860753.A");
        assertThat(text(d, D1 + "dos:application/dos:filingDate")).isEqualTo("2015-11-19");
        assertThat(texts(d, D1 + "dos:publications/dos:publication/dos:docdb")).containsExactly("WO.2016081758.A1", "EP.3221665.A1");
        assertThat(texts(d, D1 + "dos:publications/dos:publication/dos:date")).containsExactly("2016-05-26", "2017-09-27");
        assertThat(TestDialects.select(d, D1 + "dos:priorityClaims/dos:priorityClaim", DOS)).hasSize(1);
        String pc = D1 + "dos:priorityClaims/dos:priorityClaim[1]/";
        assertThat(text(d, pc + "@sequence")).isEqualTo("1");
        assertThat(text(d, pc + "@kind")).isEqualTo("national");
        assertThat(TestDialects.select(d, pc + "@active", DOS)).isEmpty();
        assertThat(text(d, pc + "dos:country")).isEqualTo("US");
        assertThat(text(d, pc + "dos:number")).isEqualTo("201462081944");
        assertThat(text(d, pc + "dos:docdb")).isEqualTo("US.201462081944");
        assertThat(text(d, pc + "dos:originalNumber")).isEqualTo("201462081944P");
        assertThat(text(d, pc + "dos:date")).isEqualTo("2014-11-19");
        assertThat(texts(d, D1 + "dos:title")).containsExactly("INERTE KARUSSELLPOSITIONIERUNG",
                "INERTIAL CAROUSEL POSITIONING", "POSITIONNEMENT DE CARROUSEL INERTIEL");
        assertThat(texts(d, D1 + "dos:applicant/dos:name")).containsExactly("Scientific Drilling International, Inc.");
        assertThat(texts(d, D1 + "dos:applicant/dos:country")).containsExactly("US");
        assertThat(texts(d, D1 + "dos:inventor/dos:name")).containsExactly("VAN STEENWYK, Brett");
        assertThat(texts(d, D1 + "dos:classification[@scheme='IPC']")).containsExactly("G01C 25/00", "E21B 47/024");
        // the PCT application (WO2015US61659) is not the dossier's application
        assertThat(TestDialects.select(d, "//dos:application", DOS)).hasSize(1);
    }

    @Test
    void searchAnswerFields() {
        Document d = canonical(SEARCH);
        assertThat(texts(d, "/dos:dossiers/dos:dossier/dos:application/dos:docdb")).containsExactly(
                "EP.25198922.A", "EP.25193963.A", "EP.25171425.A", "EP.25171290.A", "EP.25171053.A");
        assertThat(TestDialects.select(d, "//dos:application/dos:filingDate", DOS)).isEmpty();
        // publications without kind
        assertThat(texts(d, "/dos:dossiers/dos:dossier/dos:publications/dos:publication/dos:docdb")).containsExactly(
                "EP.4636834", "EP.4636935", "EP.4636907", "EP.4636913", "EP.4636930");
        assertThat(TestDialects.select(d, "//dos:publication/dos:kind", DOS)).isEmpty();
        assertThat(texts(d, "/dos:dossiers/dos:dossier[3]/dos:classification")).containsExactly(
                "H01M 10/613", "H01M 10/617", "H01M 10/647", "H01M 10/6568", "H01M 50/209");
        assertThat(texts(d, "/dos:dossiers/dos:dossier[2]/dos:applicant/dos:name")).containsExactly("LG Energy Solution, Ltd.");
        assertThat(TestDialects.select(d, "//dos:applicant/dos:country", DOS)).isEmpty();
        assertThat(texts(d, "/dos:dossiers/dos:dossier[4]/dos:title[@lang='en']")).containsExactly("RECHARGEABLE BATTERY");
    }

    /** Canonical takes the first version of each register field; the register lists the newest first. */
    @ParameterizedTest
    @ValueSource(strings = {BIBLIO, EURO_PCT, UNIP})
    void theFirstVersionOfEachFieldIsTheNewest(String f) {
        Document orig = TestDialects.dom(TestDialects.readAll(corpus(f)));
        int checked = 0;
        for (String group : List.of("reg:classifications-ipcr", "reg:priority-claims", "reg:parties/reg:applicants",
                "reg:parties/reg:inventors", "reg:parties/reg:agents")) {
            List<Node> versions = TestDialects.select(orig, "//reg:bibliographic-data/" + group, NS);
            List<String> dates = new ArrayList<>();
            versions.forEach(n -> dates.add(((Element) n).getAttribute("change-date")));
            for (int i = 1; i < dates.size(); i++) {
                assertThat(dates.get(i - 1)).as(f + " " + group).isGreaterThan(dates.get(i));
                checked++;
            }
        }
        if (f.equals(BIBLIO)) {
            assertThat(checked).isGreaterThanOrEqualTo(3);
            List<Node> held = TestDialects.select(orig, "//reg:invention-title[not(@lang = preceding-sibling::reg:invention-title/@lang)]", NS);
            assertThat(held).extracting(n -> ((Element) n).getAttribute("change-gazette-num")).containsOnly("2019/30");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {BIBLIO, EURO_PCT, EVENTS, STEPS, STEPS_PCT, SEARCH, UNIP})
    void roundTripsThroughCanonical(String f) {
        byte[] back = TestDialects.assertRoundTrip(REG, corpus(f), NS);
        assertThat(DialectDetector.detect(new java.io.ByteArrayInputStream(back), f).dialect()).isEqualTo(REG);
    }

    @ParameterizedTest
    @ValueSource(strings = {BIBLIO, EURO_PCT, EVENTS, SEARCH, UNIP})
    void canonicalOutputRoundTrips(String f) {
        TestDialects.assertCanonicalRoundTrip(REG, TestDialects.toCanonical(REG, corpus(f)), f);
    }

    @Test
    void rebuildsOneRegisterDocumentPerDossierInTheRegistersForms() {
        Document search = TestDialects.dom(TestDialects.fromCanonical(REG, TestDialects.toCanonical(REG, corpus(SEARCH)), SEARCH));
        assertThat(TestDialects.select(search, "/ops:world-patent-data/ops:register-search/reg:register-documents/reg:register-document", NS))
                .hasSize(5);
        Document pct = TestDialects.dom(TestDialects.fromCanonical(REG, TestDialects.toCanonical(REG, corpus(EURO_PCT)), EURO_PCT));
        String bib = "//reg:register-document/reg:bibliographic-data/";
        assertThat(TestDialects.text(pct, bib + "reg:priority-claims/reg:priority-claim/reg:doc-number", NS)).isEqualTo("201462081944P");
        assertThat(TestDialects.text(pct, bib + "reg:priority-claims/reg:priority-claim/reg:date", NS)).isEqualTo("20141119");
        assertThat(TestDialects.text(pct, bib + "reg:priority-claims/reg:priority-claim/@kind", NS)).isEqualTo("national");
        assertThat(TestDialects.text(pct, bib + "reg:classifications-ipcr/reg:classification-ipcr/reg:text", NS))
                .isEqualTo("G01C25/00, E21B47/024");
        assertThat(TestDialects.text(pct, bib + "reg:parties/reg:inventors/reg:inventor/@sequence", NS)).isEqualTo("01");
        Document biblio = TestDialects.dom(TestDialects.fromCanonical(REG, TestDialects.toCanonical(REG, corpus(BIBLIO)), BIBLIO));
        assertThat(TestDialects.select(biblio, bib + "reg:classifications-ipcr", NS)).hasSize(1);
        assertThat(TestDialects.text(biblio, bib + "reg:classifications-ipcr/reg:classification-ipcr/reg:text", NS))
                .isEqualTo("H04W84/20, H04W88/04");
        assertThat(TestDialects.select(biblio, bib + "reg:parties/reg:applicants", NS)).hasSize(1);
        assertThat(TestDialects.select(biblio, bib + "reg:invention-title", NS)).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {EpPublicationDialectTest.A1, EpPublicationDialectTest.B1})
    void publicationDossiersRoundTripThroughTheRegister(String f) {
        byte[] c = TestDialects.toCanonical(Dialect.EP_PUBLICATION, corpus(f));
        TestDialects.assertCanonicalRoundTrip(REG, c, f);
    }

    @Test
    void aFullEuropeanDossierRoundTripsApartFromWhatTheDialectCannotHold() {
        byte[] full = EpPublicationDialectTest.FULL_EP_DOSSIER.getBytes(StandardCharsets.UTF_8);
        byte[] back = TestDialects.assertCanonicalRoundTrip(REG, full, "full EP dossier");
        Document d = TestDialects.dom(back);
        assertThat(texts(d, "//dos:publication/dos:docdb")).containsExactly("WO.2016081758.A1", "EP.2400812.A1", "EP.2400812.B1");
        assertThat(texts(d, "//dos:priorityClaim/dos:originalNumber")).containsExactly("2004351438", "516238 P");
        assertThat(texts(d, "//dos:classification")).containsExactly("H04W 84/20", "H01M 50/519");
        assertThat(TestDialects.select(d, "//dos:abstract | //dos:documents | //@familyId | //@active", DOS)).isEmpty();
    }

    /** The comparison is real: a priority kind that contradicts the number does not survive and is reported. */
    @Test
    void aRoundTripThatChangesAFieldFails() {
        String wrongKind = EpPublicationDialectTest.FULL_EP_DOSSIER
                .replace("<dos:priorityClaim sequence=\"1\" kind=\"national\">", "<dos:priorityClaim sequence=\"1\" kind=\"international\">");
        assertThat(wrongKind).isNotEqualTo(EpPublicationDialectTest.FULL_EP_DOSSIER);
        assertThatThrownBy(() -> TestDialects.assertCanonicalRoundTrip(REG, wrongKind.getBytes(StandardCharsets.UTF_8), "wrong kind"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("differs beyond the cannot-hold list")
                .hasMessageContaining("international");
    }

    /** The detector also accepts reg:register-documents without the OPS wrapper; it converts the same way. */
    @Test
    void convertsBareRegisterDocuments() {
        String xml = new String(TestDialects.readAll(corpus(EURO_PCT)), StandardCharsets.UTF_8);
        String bare = xml.substring(xml.indexOf("<reg:register-documents"), xml.indexOf("</reg:register-documents>"))
                .replaceFirst("<reg:register-documents", "<reg:register-documents xmlns:reg=\"http://www.epo.org/register\"")
                + "</reg:register-documents>";
        byte[] bytes = bare.getBytes(StandardCharsets.UTF_8);
        assertThat(DialectDetector.detect(new java.io.ByteArrayInputStream(bytes), "bare").dialect()).isEqualTo(REG);
        byte[] c = TestDialects.converter().toCanonical(REG, TestDialects.converter().parse(bytes, "bare"), "bare");
        TestDialects.assertValid(c, TestDialects.canonicalSchema(), "bare register-documents");
        assertThat(new String(c, StandardCharsets.UTF_8))
                .isEqualTo(new String(TestDialects.toCanonical(REG, corpus(EURO_PCT)), StandardCharsets.UTF_8));
    }

    @Test
    void refusesNonEuropeanApplications() {
        byte[] demo = TestDialects.readAll(Path.of("src/main/resources/demo/corpus-dossiers.xml"));
        assertThatThrownBy(() -> TestDialects.fromCanonical(REG, demo, "demo corpus"))
                .isInstanceOf(DialectException.class).hasMessageContaining("European applications only")
                .hasMessageContaining("JP.2019165329.A");
    }

    @Test
    void refusesAnOpsAnswerWithoutRegisterDocuments() {
        String ops = "<ops:world-patent-data xmlns:ops=\"http://ops.epo.org\"><ops:meta name=\"x\" value=\"y\"/></ops:world-patent-data>";
        assertThatThrownBy(() -> TestDialects.converter().toCanonical(REG,
                TestDialects.converter().parse(ops.getBytes(StandardCharsets.UTF_8), "empty"), "empty"))
                .isInstanceOf(DialectException.class).hasMessageContaining("register-documents");
    }

    @Test
    void everyDeclaredLossIsReal() {
        List<Document> originals = new ArrayList<>();
        List<Document> canonicals = new ArrayList<>();
        for (String f : ALL) {
            originals.add(TestDialects.dom(TestDialects.readAll(corpus(f))));
            canonicals.add(canonical(f));
        }
        TestDialects.assertLossesAreReal(REG, Direction.TO_CANONICAL, originals, NS);
        canonicals.add(TestDialects.dom(EpPublicationDialectTest.FULL_EP_DOSSIER.getBytes(StandardCharsets.UTF_8)));
        TestDialects.assertLossesAreReal(REG, Direction.FROM_CANONICAL, canonicals, DOS);
    }
}
