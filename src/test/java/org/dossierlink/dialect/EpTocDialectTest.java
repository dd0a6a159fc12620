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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/** ep-toc: the table of contents of an EP publication package (Application-body), both ways. */
class EpTocDialectTest {

    static final String A1 = "st36/ep-publication/EP1667425A1_toc.xml";
    static final String B1 = "st36/ep-publication/EP1599469B1_toc.xml";
    static final Map<String, String> DOS = Map.of("dos", "urn:dossierlink:dossier:1");
    static final Dialect TOC = Dialect.EP_TOC;

    static Path corpus(String f) {
        return Corpus.file(f);
    }

    static Document canonical(String f) {
        return TestDialects.dom(TestDialects.toCanonical(TOC, corpus(f)));
    }

    static String text(Document d, String xpath) {
        return TestDialects.text(d, xpath, DOS);
    }

    static List<String> texts(Document d, String xpath) {
        return TestDialects.texts(d, xpath, DOS);
    }

    @ParameterizedTest
    @ValueSource(strings = {A1, B1})
    void detectsTheCorpusFiles(String f) {
        assertThat(DialectDetector.detect(corpus(f)).dialect()).isEqualTo(TOC);
    }

    @ParameterizedTest
    @ValueSource(strings = {A1, B1})
    void canonicalValidates(String f) {
        byte[] c = TestDialects.toCanonical(TOC, corpus(f));
        TestDialects.assertValid(c, TestDialects.canonicalSchema(), f);
        Document d = TestDialects.dom(c);
        assertThat(TestDialects.select(d, "/dos:dossiers/dos:dossier[@source='ep-toc']", DOS)).hasSize(1);
    }

    @Test
    void a1Fields() {
        Document d = canonical(A1);
        String dos = "/dos:dossiers/dos:dossier/";
        assertThat(text(d, dos + "dos:application/dos:office")).isEqualTo("EP");
        assertThat(text(d, dos + "dos:application/dos:number")).isEqualTo("05255002");
        assertThat(text(d, dos + "dos:application/dos:docdb")).isEqualTo("EP.05255002.A");
        assertThat(text(d, dos + "dos:application/dos:originalNumber")).isEqualTo("05255002");
        assertThat(text(d, dos + "dos:application/dos:filingDate")).isNull();
        assertThat(texts(d, dos + "dos:publications/dos:publication/dos:docdb")).containsExactly("EP.1667425.A1");
        assertThat(text(d, dos + "dos:publications/dos:publication/dos:date")).isEqualTo("2006-06-07");
        assertThat(texts(d, dos + "dos:classification[@scheme='IPC']")).containsExactly("H04N 1/40");
        // the table of contents has no priority claims, titles, parties, abstract or documents
        assertThat(TestDialects.select(d, dos + "dos:priorityClaims | " + dos + "dos:title | " + dos + "dos:applicant | "
                + dos + "dos:inventor | " + dos + "dos:abstract | " + dos + "dos:documents", DOS)).isEmpty();
    }

    @Test
    void b1Fields() {
        Document d = canonical(B1);
        String dos = "/dos:dossiers/dos:dossier/";
        assertThat(text(d, dos + "dos:application/dos:docdb")).isEqualTo("EP.04818324.A");
        assertThat(texts(d, dos + "dos:publications/dos:publication/dos:docdb")).containsExactly("EP.1599469.B1");
        assertThat(text(d, dos + "dos:publications/dos:publication/dos:date")).isEqualTo("2006-06-07");
        assertThat(texts(d, dos + "dos:classification[@scheme='IPC']"))
                .containsExactly("A61K 31/41", "C07D 403/04", "C07D 491/04", "C07D 495/04");
    }

    @Test
    void agreesWithThePublicationItDescribes() {
        // the package's table of contents and its ep-patent-document give the same application and publication
        for (String[] pair : new String[][] {{A1, EpPublicationDialectTest.A1}, {B1, EpPublicationDialectTest.B1}}) {
            Document toc = canonical(pair[0]);
            Document pub = TestDialects.dom(TestDialects.toCanonical(Dialect.EP_PUBLICATION, corpus(pair[1])));
            for (String x : List.of("//dos:application/dos:docdb", "//dos:publication/dos:docdb", "//dos:publication/dos:date")) {
                assertThat(text(toc, x)).as(pair[0] + " " + x).isEqualTo(text(pub, x));
            }
            assertThat(texts(toc, "//dos:classification")).containsExactlyInAnyOrderElementsOf(texts(pub, "//dos:classification"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {A1, B1})
    void roundTripsThroughCanonical(String f) {
        byte[] back = TestDialects.assertRoundTrip(TOC, corpus(f), Map.of());
        Document d = TestDialects.dom(back);
        Document orig = TestDialects.dom(TestDialects.readAll(corpus(f)));
        for (String a : List.of("id", "country", "kind", "appnum", "ipc", "pubdate", "dtd")) {
            assertThat(TestDialects.text(d, "/Application-body/@" + a, Map.of())).as(a)
                    .isEqualTo(TestDialects.text(orig, "/Application-body/@" + a, Map.of()));
        }
        assertThat(DialectDetector.detect(new java.io.ByteArrayInputStream(back), f).dialect()).isEqualTo(TOC);
    }

    @ParameterizedTest
    @ValueSource(strings = {A1, B1})
    void canonicalOutputRoundTrips(String f) {
        TestDialects.assertCanonicalRoundTrip(TOC, TestDialects.toCanonical(TOC, corpus(f)), f);
    }

    @ParameterizedTest
    @ValueSource(strings = {EpPublicationDialectTest.A1, EpPublicationDialectTest.B1})
    void publicationDossiersRoundTripApartFromWhatATableOfContentsCannotHold(String f) {
        byte[] c = TestDialects.toCanonical(Dialect.EP_PUBLICATION, corpus(f));
        TestDialects.assertCanonicalRoundTrip(TOC, c, f);
    }

    @Test
    void aFullEuropeanDossierRoundTripsApartFromWhatTheDialectCannotHold() {
        byte[] full = EpPublicationDialectTest.FULL_EP_DOSSIER.getBytes(StandardCharsets.UTF_8);
        byte[] back = TestDialects.assertCanonicalRoundTrip(TOC, full, "full EP dossier");
        Document d = TestDialects.dom(back);
        assertThat(texts(d, "//dos:publication/dos:docdb")).containsExactly("EP.2400812.A1");
        assertThat(texts(d, "//dos:classification")).containsExactly("H04W 84/20", "H01M 50/519");
        Document toc = TestDialects.dom(TestDialects.fromCanonical(TOC, full, "full EP dossier"));
        assertThat(TestDialects.text(toc, "/Application-body/@ipc", Map.of())).isEqualTo("H04W008420 H01M0050519");
        assertThat(TestDialects.text(toc, "/Application-body/@pubdate", Map.of())).isEqualTo("2011/12/28");
        assertThat(TestDialects.text(toc, "/Application-body/@appnum", Map.of())).isEqualTo("10167109");
    }

    @Test
    void refusesNonEuropeanAndSeveralDossiers() {
        byte[] demo = TestDialects.readAll(Path.of("src/main/resources/demo/corpus-dossiers.xml"));
        assertThatThrownBy(() -> TestDialects.fromCanonical(TOC, demo, "demo corpus"))
                .isInstanceOf(DialectException.class).hasMessageContaining("ep-toc holds exactly one dossier")
                .hasMessageContaining("holds 11");
        String jp = new String(demo, StandardCharsets.UTF_8)
                .replaceAll("(?s)(<dos:dossier .*?</dos:dossier>).*", "$1")
                .replaceAll("(?s)^.*?(<dos:dossier )", "<dos:dossier xmlns:dos=\"urn:dossierlink:dossier:1\" ");
        jp = jp.replaceFirst("<dos:dossier xmlns:dos=\"urn:dossierlink:dossier:1\" <dos:dossier ", "<dos:dossier xmlns:dos=\"urn:dossierlink:dossier:1\" ");
        String single = jp;
        assertThatThrownBy(() -> TestDialects.fromCanonical(TOC, single.getBytes(StandardCharsets.UTF_8), "JP record"))
                .isInstanceOf(DialectException.class).hasMessageContaining("European applications only");
    }

    @Test
    void refusesATableOfContentsWithoutApplicationNumber() {
        String toc = "<Application-body id=\"1667425\" country=\"EP\" kind=\"A1\" pubdate=\"2006/06/07\" dtd=\"v0.01\" lang=\"FR\" status=\"\"/>";
        assertThatThrownBy(() -> TestDialects.converter().toCanonical(TOC,
                TestDialects.converter().parse(toc.getBytes(StandardCharsets.UTF_8), "no-appnum"), "no-appnum"))
                .isInstanceOf(DialectException.class).hasMessageContaining("appnum");
    }

    /**
     * The compact IPC symbols of the ipc attribute are read as the regex {@code ([A-H][0-9]{2}[A-Z])([0-9]{4})([0-9]{2,6})}
     * read them (the stylesheet checks them with substring and translate): every symbol the regex takes gives
     * "subclass main-group/subgroup", main group without leading zeros; every other one is refused, named.
     */
    @Test
    void readsCompactIpcSymbolsAsTheRegexDid() {
        java.util.regex.Pattern compact = java.util.regex.Pattern.compile("([A-H][0-9]{2}[A-Z])([0-9]{4})([0-9]{2,6})");
        List<String> symbols = new java.util.ArrayList<>(List.of("H04N000140", "A01B000100", "H04W0084123456",
                "H04W00841234567", "H04W008", "I04N000140", "H0AN000140", "H04n000140", "H04N00014X", "H04N0001", "H04N00014",
                "H4NN000140", "h04N000140", "H04N０00140", "Z99Z999999"));
        java.util.Random random = new java.util.Random(27);
        String alphabet = "ABHIZ0159a ";
        for (int i = 0; i < 300; i++) {
            StringBuilder b = new StringBuilder(i % 2 == 0 ? "H04N" : "");
            for (int n = 6 + random.nextInt(9); b.length() < n; ) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length() - 1)));
            }
            symbols.add(b.toString());
        }
        for (int i = 0; i < 200; i++) { // well-formed symbols, half of them with one character changed
            StringBuilder b = new StringBuilder().append("ABCDEFGH".charAt(random.nextInt(8)))
                    .append(random.nextInt(10)).append(random.nextInt(10)).append((char) ('A' + random.nextInt(26)));
            for (int n = 4 + 2 + random.nextInt(5); n > 0; n--) {
                b.append(random.nextInt(10));
            }
            if (i % 2 == 1) {
                b.setCharAt(random.nextInt(b.length()), "Z1aI0".charAt(random.nextInt(5)));
            }
            symbols.add(b.toString());
        }
        int accepted = 0;
        for (String symbol : symbols) {
            String toc = "<Application-body id=\"1667425\" country=\"EP\" kind=\"A1\" appnum=\"05255002\" ipc=\"" + symbol
                    + "\" pubdate=\"2006/06/07\" dtd=\"v0.01\" lang=\"FR\" status=\"\"/>";
            java.util.regex.Matcher m = compact.matcher(symbol);
            java.util.function.Supplier<byte[]> convert = () -> TestDialects.converter().toCanonical(TOC,
                    TestDialects.converter().parse(toc.getBytes(StandardCharsets.UTF_8), symbol), symbol);
            if (m.matches()) {
                accepted++;
                assertThat(texts(TestDialects.dom(convert.get()), "//dos:classification[@scheme='IPC']")).as(symbol)
                        .containsExactly(m.group(1) + " " + Integer.parseInt(m.group(2)) + "/" + m.group(3));
            } else {
                assertThatThrownBy(convert::get).as(symbol).isInstanceOf(DialectException.class)
                        .hasMessageContaining("'" + symbol + "'");
            }
        }
        assertThat(accepted).as("symbols the regex takes").isGreaterThan(100);
    }

    @Test
    void everyDeclaredLossIsReal() {
        TestDialects.assertLossesAreReal(TOC, Direction.TO_CANONICAL,
                List.of(TestDialects.dom(TestDialects.readAll(corpus(A1))), TestDialects.dom(TestDialects.readAll(corpus(B1)))),
                Map.of());
        TestDialects.assertLossesAreReal(TOC, Direction.FROM_CANONICAL,
                List.of(canonical(A1), canonical(B1),
                        TestDialects.dom(TestDialects.toCanonical(Dialect.EP_PUBLICATION, corpus(EpPublicationDialectTest.A1))),
                        TestDialects.dom(EpPublicationDialectTest.FULL_EP_DOSSIER.getBytes(StandardCharsets.UTF_8))),
                DOS);
    }
}
