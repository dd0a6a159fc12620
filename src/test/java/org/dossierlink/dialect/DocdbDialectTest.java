package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.testsupport.TestDialects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/** The DOCDB stylesheet pair on every DOCDB answer of the OPS corpus. */
class DocdbDialectTest {

    static final Map<String, String> NS = Map.of("ex", "http://www.epo.org/exchange", "ops", "http://ops.epo.org");
    static final Map<String, String> DOS = Map.of("dos", CanonicalDossierXml.NS);

    static final List<String> BIBLIO = List.of("biblio_CN104968889A.xml", "biblio_EP2400812A1.xml",
            "biblio_US10047600B2.xml", "biblio_WO2018148832A1.xml", "biblio_application_US2016015853W.xml");
    static final List<String> FAMILY = List.of("family_EP2400812A1.xml", "family_biblio_EP2400812A1.xml",
            "family_legal_EP2400812A1.xml", "legal_CA2300029C.xml");

    static Path corpus(String name) {
        return Corpus.file("epo-ops/responses/" + name);
    }

    static Stream<String> all() {
        return Stream.concat(BIBLIO.stream(), FAMILY.stream());
    }

    static Stream<String> biblio() {
        return BIBLIO.stream();
    }

    static List<Dossier> viaStylesheet(String name) {
        byte[] canonical = TestDialects.toCanonical(Dialect.DOCDB, corpus(name));
        return CanonicalDossierXml.read(new ByteArrayInputStream(canonical), name).stream()
                .map(CanonicalDossierXml.Entry::dossier).toList();
    }

    static List<Dossier> viaReader(String name) throws IOException {
        try (InputStream in = Files.newInputStream(corpus(name))) {
            return new DocdbExchangeReader(new NumberNormalizer()).read(in, name);
        }
    }

    @ParameterizedTest
    @MethodSource("all")
    void detectedAsDocdb(String name) {
        assertThat(DialectDetector.detect(corpus(name)).dialect()).isEqualTo(Dialect.DOCDB);
    }

    @ParameterizedTest
    @MethodSource("all")
    void canonicalValidates(String name) {
        byte[] canonical = TestDialects.toCanonical(Dialect.DOCDB, corpus(name));
        TestDialects.assertValid(canonical, TestDialects.canonicalSchema(), name);
        Document d = TestDialects.dom(canonical);
        assertThat(TestDialects.select(d, "/dos:dossiers/dos:dossier[@source='docdb']", DOS)).isNotEmpty();
    }

    /**
     * The stylesheet gives the dossiers the streaming reader import uses (DocdbExchangeReader) gives, record
     * by record, priority kinds and active indicators included.
     */
    @ParameterizedTest
    @MethodSource("all")
    void sameDossiersAsTheJavaReader(String name) throws IOException {
        List<Dossier> xslt = viaStylesheet(name);
        List<Dossier> java = viaReader(name);
        assertThat(xslt).hasSameSizeAs(java);
        for (int i = 0; i < java.size(); i++) {
            Dossier x = xslt.get(i);
            Dossier j = java.get(i);
            String what = name + " dossier " + j.application().docdb();
            assertThat(x.application()).as(what).isEqualTo(j.application());
            assertThat(x.publications()).as(what).isEqualTo(j.publications());
            // both decide the kind from the number: biblio_CN104968889A's PCT priority, which DOCDB marks
            // kind="national", is international in both
            assertThat(x.priorityClaims()).as(what).isEqualTo(j.priorityClaims());
            List<String> docdbTexts = TestDialects.select(TestDialects.dom(TestDialects.toCanonical(Dialect.DOCDB, corpus(name))),
                    "/dos:dossiers/dos:dossier[" + (i + 1) + "]/dos:priorityClaims/dos:priorityClaim/dos:docdb", DOS)
                    .stream().map(org.w3c.dom.Node::getTextContent).toList();
            assertThat(docdbTexts).as(what + " priority docdb, as PriorityClaim.docdb()")
                    .isEqualTo(j.priorityClaims().stream().map(PriorityClaim::docdb).toList());
            assertThat(x.titles()).as(what).isEqualTo(j.titles());
            assertThat(x.applicants()).as(what).isEqualTo(j.applicants());
            assertThat(x.inventors()).as(what).isEqualTo(j.inventors());
            if (x.publications().size() > 1) {
                // reader: interleaves IPC and CPC per publication; the stylesheet writes IPC before CPC
                assertThat(x.classifications()).as(what).containsExactlyInAnyOrderElementsOf(j.classifications());
            } else {
                assertThat(x.classifications()).as(what).isEqualTo(j.classifications());
            }
            assertThat(x.abstracts()).as(what).isEqualTo(j.abstracts());
            assertThat(x.familyId()).as(what).isEqualTo(j.familyId());
            assertThat(x.source()).isEqualTo("docdb");
        }
    }

    private static List<PriorityClaim> withoutKind(List<PriorityClaim> claims) {
        return claims.stream().map(c -> new PriorityClaim(c.sequence(), c.country(), c.number(), c.originalNumber(),
                c.date(), null, c.active())).toList();
    }

    @Test
    void ep2400812Biblio() {
        List<Dossier> ds = viaStylesheet("biblio_EP2400812A1.xml");
        assertThat(ds).hasSize(1);
        Dossier d = ds.get(0);
        assertThat(d.application().docdb()).isEqualTo("EP.10167109.A");
        assertThat(d.application().originalNumber()).isEqualTo("10167109");
        assertThat(d.application().filingDate()).isEqualTo(LocalDate.of(2010, 6, 24));
        assertThat(d.familyId()).isEqualTo("43088294");
        assertThat(d.publications()).containsExactly(new Publication("EP", "2400812", "A1", LocalDate.of(2011, 12, 28)));
        assertThat(d.priorityClaims()).containsExactly(
                new PriorityClaim(1, "EP", "10167109", null, LocalDate.of(2010, 6, 24), PriorityKind.REGIONAL, true));
        assertThat(TestDialects.text(TestDialects.dom(TestDialects.toCanonical(Dialect.DOCDB, corpus("biblio_EP2400812A1.xml"))),
                "//dos:priorityClaim/dos:docdb", DOS)).isEqualTo("EP.10167109");
        assertThat(d.titles()).containsExactly(new LocalizedText("de", "BLUETOOTH-VERNETZUNG"),
                new LocalizedText("fr", "MISE EN RÉSEAU BLUETOOTH"), new LocalizedText("en", "BLUETOOTH NETWORKING"));
        assertThat(d.applicants()).containsExactly(new Party(1, "9SOLUTIONS OY", "FI"));
        assertThat(d.inventors()).containsExactly(new Party(1, "HERRALA SAMI", "FI"),
                new Party(2, "KYLMAENEN JARI", "FI"), new Party(3, "NIEMI JAAKKO", "FI"));
        assertThat(d.classifications()).containsExactly(
                new Classification(Classification.Scheme.IPC, "H04W 84/20"),
                new Classification(Classification.Scheme.CPC, "H04W 84/20"),
                new Classification(Classification.Scheme.CPC, "H04W 88/04"));
        assertThat(d.abstracts()).hasSize(1);
        assertThat(d.abstracts().get(0).text()).startsWith("An apparatus enabling establishment of a Bluetooth mesh");
    }

    @Test
    void pctApplicationFiledUnderTheReceivingOfficeIsWo() {
        Dossier d = viaStylesheet("biblio_application_US2016015853W.xml").get(0);
        assertThat(d.application().office()).isEqualTo("WO");
        assertThat(d.application().number()).isEqualTo("2016US015853");
        assertThat(d.application().docdb()).isEqualTo("WO.2016US015853.W");
        assertThat(d.application().originalNumber()).isEqualTo("US2016/015853");
        assertThat(d.application().filingDate()).isEqualTo(LocalDate.of(2016, 1, 30));
        assertThat(d.publications()).extracting(Publication::docdb).containsExactly("WO.2016123588.A1");
        assertThat(d.priorityClaims()).containsExactly(new PriorityClaim(1, "US", "201562110109", "62/110,109",
                LocalDate.of(2015, 1, 30), PriorityKind.NATIONAL, true));
        assertThat(d.applicants()).containsExactly(new Party(1, "SCIENT DRILLING INT", "US"));
        assertThat(d.inventors()).extracting(Party::name)
                .containsExactly("WHITE MATTHEW", "WHITACRE TIMOTHY", "GLEASON BRIAN", "YOUSSEF MOHAMED");
        assertThat(d.classifications()).filteredOn(c -> c.scheme() == Classification.Scheme.IPC)
                .extracting(Classification::symbol).containsExactly("E21B 47/18", "E21B 47/16");
        assertThat(d.classifications()).filteredOn(c -> c.scheme() == Classification.Scheme.CPC).hasSize(9);
        assertThat(d.titles()).extracting(LocalizedText::lang).containsExactly("fr", "en");
    }

    @Test
    void cnPctPriorityIsInternationalWhateverDocdbSays() {
        Dossier d = viaStylesheet("biblio_CN104968889A.xml").get(0);
        assertThat(d.priorityClaims()).hasSize(2);
        PriorityClaim pct = d.priorityClaims().get(0);
        assertThat(pct.country()).isEqualTo("WO");
        assertThat(pct.number()).isEqualTo("2013US064552");
        assertThat(pct.originalNumber()).isEqualTo("PCT/US2013/064552");
        assertThat(pct.date()).isEqualTo(LocalDate.of(2013, 10, 11));
        assertThat(pct.kind()).isEqualTo(PriorityKind.INTERNATIONAL);
        PriorityClaim prov = d.priorityClaims().get(1);
        assertThat(prov.key()).isEqualTo("US201261713164");
        assertThat(prov.originalNumber()).isEqualTo("61/713,164");
        assertThat(prov.date()).isEqualTo(LocalDate.of(2012, 10, 12));
        assertThat(prov.kind()).isEqualTo(PriorityKind.NATIONAL);
    }

    @Test
    void usGrantAndWoPublication() {
        Dossier us = viaStylesheet("biblio_US10047600B2.xml").get(0);
        assertThat(us.publications()).extracting(Publication::docdb).containsExactly("US.10047600.B2");
        assertThat(us.priorityClaims()).extracting(PriorityClaim::key, PriorityClaim::originalNumber)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("US201615044813", null),
                        org.assertj.core.groups.Tuple.tuple("US201314052000", "14052000"),
                        org.assertj.core.groups.Tuple.tuple("US201261713164", "61713164"));
        Dossier wo = viaStylesheet("biblio_WO2018148832A1.xml").get(0);
        assertThat(wo.publications()).extracting(Publication::docdb).containsExactly("WO.2018148832.A1");
        assertThat(wo.priorityClaims()).hasSize(1);
        assertThat(wo.priorityClaims().get(0).country()).isEqualTo("GB");
        assertThat(wo.priorityClaims().get(0).originalNumber()).isEqualTo("1702530.5");
        assertThat(wo.priorityClaims().get(0).date()).isEqualTo(LocalDate.of(2017, 2, 16));
    }

    @Test
    void familyMembersMergePerApplicationWithActivePriorities() {
        List<Dossier> ds = viaStylesheet("family_EP2400812A1.xml");
        assertThat(ds).extracting(d -> d.application().docdb())
                .containsExactly("EP.10167109.A", "CA.2744162.A", "US.201113167395.A");
        assertThat(ds.get(0).publications()).extracting(Publication::docdb)
                .containsExactly("EP.2400812.A1", "EP.2400812.B1");
        assertThat(ds.get(2).publications()).extracting(Publication::docdb)
                .containsExactly("US.2012057518.A1", "US.9648662.B2");
        assertThat(ds.get(2).application().filingDate()).isEqualTo(LocalDate.of(2011, 6, 23));
        for (Dossier d : ds) {
            assertThat(d.familyId()).isEqualTo("43088294");
            assertThat(d.priorityClaims()).containsExactly(new PriorityClaim(1, "EP", "10167109", null,
                    LocalDate.of(2010, 6, 24), PriorityKind.REGIONAL, true));
        }
        Dossier ca = viaStylesheet("legal_CA2300029C.xml").get(0);
        assertThat(ca.application().docdb()).isEqualTo("CA.2300029.A");
        assertThat(ca.publications()).extracting(Publication::docdb).containsExactly("CA.2300029.C");
        assertThat(ca.priorityClaims()).containsExactly(new PriorityClaim(1, "US", "26562999", null,
                LocalDate.of(1999, 3, 9), PriorityKind.NATIONAL, true));
    }

    @Test
    void inactivePriorityIsKeptAsInactiveBothWays() {
        String xml = read("family_EP2400812A1.xml").replaceFirst("<priority-active-indicator>YES", "<priority-active-indicator>N");
        byte[] canonical = TestDialects.converter().toCanonical(Dialect.DOCDB,
                TestDialects.converter().parse(xml.getBytes(StandardCharsets.UTF_8), "inactive"), "inactive");
        // the EP application's later member (B1) is active; the CA member is first of its own
        String first = new String(canonical, StandardCharsets.UTF_8);
        assertThat(CanonicalDossierXml.read(new ByteArrayInputStream(canonical), "x").get(0).dossier()
                .priorityClaims()).allMatch(PriorityClaim::active);
        String ca = xml.replaceFirst("(?s)(CA</country>.*?<priority-active-indicator>)YES", "$1NO");
        canonical = TestDialects.converter().toCanonical(Dialect.DOCDB,
                TestDialects.converter().parse(ca.getBytes(StandardCharsets.UTF_8), "inactive"), "inactive");
        Dossier caDossier = CanonicalDossierXml.read(new ByteArrayInputStream(canonical), "x").get(1).dossier();
        assertThat(caDossier.application().office()).isEqualTo("CA");
        assertThat(caDossier.priorityClaims()).singleElement().matches(c -> !c.active());
        byte[] docdb = TestDialects.fromCanonical(Dialect.DOCDB, canonical, "inactive");
        assertThat(new String(docdb, StandardCharsets.UTF_8)).contains("<priority-active-indicator>NO</priority-active-indicator>");
        TestDialects.assertCanonicalRoundTrip(Dialect.DOCDB, canonical, "inactive CA claim");
        assertThat(first).contains("dos:priorityClaim");
    }

    @ParameterizedTest
    @MethodSource("biblio")
    void roundTrip(String name) {
        byte[] back = TestDialects.assertRoundTrip(Dialect.DOCDB, corpus(name), NS);
        assertThat(DialectDetector.detect(new ByteArrayInputStream(back), name).dialect()).isEqualTo(Dialect.DOCDB);
    }

    @ParameterizedTest
    @MethodSource("all")
    void canonicalRoundTrip(String name) {
        TestDialects.assertCanonicalRoundTrip(Dialect.DOCDB, TestDialects.toCanonical(Dialect.DOCDB, corpus(name)), name);
    }

    @Test
    void pctApplicationIsWrittenUnderTheReceivingOffice() {
        byte[] back = TestDialects.fromCanonical(Dialect.DOCDB,
                TestDialects.toCanonical(Dialect.DOCDB, corpus("biblio_application_US2016015853W.xml")), "pct");
        Document d = TestDialects.dom(back);
        String app = "//ex:application-reference/ex:document-id[@document-id-type='docdb']/";
        assertThat(TestDialects.text(d, app + "ex:country", NS)).isEqualTo("US");
        assertThat(TestDialects.text(d, app + "ex:doc-number", NS)).isEqualTo("2016015853");
        assertThat(TestDialects.text(d, app + "ex:kind", NS)).isEqualTo("W");
        assertThat(TestDialects.text(d, "//ex:application-reference/ex:document-id[@document-id-type='epodoc']/ex:doc-number", NS))
                .isEqualTo("WO2016US15853");
        assertThat(TestDialects.text(d, "//ex:application-reference/ex:document-id[@document-id-type='epodoc']/ex:date", NS))
                .isEqualTo("20160130");
    }

    /**
     * The demo records without priority claims. Those with claims carry kind="international" for ordinary
     * foreign priorities (copied from JP/CN data); DOCDB's way back decides the kind from the number, so they
     * cannot come back equal and are checked field by field instead.
     */
    @Test
    void demoRecordsRoundTripThroughDocdb() throws IOException {
        String demo = Files.readString(Path.of("src/main/resources/demo/corpus-dossiers.xml"));
        String withoutClaims = demo.replaceAll("(?s)<dos:dossier [^>]*>(?:(?!</dos:dossier>).)*<dos:priorityClaims>.*?</dos:dossier>", "");
        assertThat(withoutClaims).contains("<dos:dossier ").doesNotContain("priorityClaim");
        TestDialects.assertCanonicalRoundTrip(Dialect.DOCDB, withoutClaims.getBytes(StandardCharsets.UTF_8),
                "demo corpus-dossiers.xml without priority claims");
        byte[] back = TestDialects.converter().toCanonical(Dialect.DOCDB, TestDialects.converter().parse(
                TestDialects.fromCanonical(Dialect.DOCDB, demo.getBytes(StandardCharsets.UTF_8), "demo"), "demo"), "demo");
        List<Dossier> before = CanonicalDossierXml.read(new ByteArrayInputStream(demo.getBytes(StandardCharsets.UTF_8)), "demo")
                .stream().map(CanonicalDossierXml.Entry::dossier).toList();
        List<Dossier> after = CanonicalDossierXml.read(new ByteArrayInputStream(back), "demo back")
                .stream().map(CanonicalDossierXml.Entry::dossier).toList();
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).application()).isEqualTo(before.get(i).application());
            assertThat(withoutKind(after.get(i).priorityClaims())).isEqualTo(withoutKind(before.get(i).priorityClaims()));
            for (PriorityClaim c : after.get(i).priorityClaims()) {
                assertThat(c.kind()).isEqualTo(c.isPct() ? PriorityKind.INTERNATIONAL
                        : Set.of("EP", "EA", "AP", "OA", "GC").contains(c.country()) ? PriorityKind.REGIONAL : PriorityKind.NATIONAL);
            }
        }
    }

    /** A canonical record with a document list: DOCDB drops the list, and says so. */
    static byte[] withDocuments() {
        String c = new String(TestDialects.toCanonical(Dialect.DOCDB, corpus("biblio_EP2400812A1.xml")), StandardCharsets.UTF_8);
        return c.replace("</dos:dossier>", "<dos:documents><dos:document><dos:id>d1</dos:id><dos:code>SRPT</dos:code>"
                + "<dos:description>Search report</dos:description><dos:group>search</dos:group><dos:date>2011-12-28</dos:date>"
                + "<dos:direction>outgoing</dos:direction><dos:mediaType>application/pdf</dos:mediaType><dos:size>10</dos:size>"
                + "<dos:sha256>" + "0".repeat(64) + "</dos:sha256></dos:document></dos:documents></dos:dossier>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void documentListIsDeclaredLostAndTheRestComesBack() {
        byte[] c = withDocuments();
        TestDialects.assertValid(c, TestDialects.canonicalSchema(), "with documents");
        byte[] back = TestDialects.assertCanonicalRoundTrip(Dialect.DOCDB, c, "with documents");
        assertThat(new String(back, StandardCharsets.UTF_8)).doesNotContain("dos:documents").contains("BLUETOOTH NETWORKING");
    }

    @Test
    void severalDossiersGiveSeveralExchangeDocuments() {
        byte[] canonical = TestDialects.toCanonical(Dialect.DOCDB, corpus("family_biblio_EP2400812A1.xml"));
        byte[] docdb = TestDialects.fromCanonical(Dialect.DOCDB, canonical, "family");
        assertThat(TestDialects.select(TestDialects.dom(docdb), "/ops:world-patent-data/ex:exchange-documents/ex:exchange-document", NS))
                .hasSize(3);
    }

    /** DOCDB splits CPC symbols into their parts: one that is not a symbol stops the conversion, named. */
    @Test
    void cpcThatIsNotASymbolIsNamed() {
        String canonical = new String(TestDialects.toCanonical(Dialect.DOCDB, corpus("biblio_US10047600B2.xml")),
                StandardCharsets.UTF_8);
        assertThat(canonical).contains("<dos:classification scheme=\"CPC\">");
        String bad = canonical.replaceFirst("(<dos:classification scheme=\"CPC\">)[^<]*", "$1G06F 3/0x");
        assertThatThrownBy(() -> TestDialects.fromCanonical(Dialect.DOCDB, bad.getBytes(StandardCharsets.UTF_8), "bad"))
                .isInstanceOf(DialectException.class).hasMessageContaining("CPC symbol 'G06F 3/0x' is not in the form H04W 84/20");
    }

    @Test
    void noRecordIsRefused() {
        byte[] empty = "<exchange-documents xmlns='http://www.epo.org/exchange'/>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestDialects.converter().toCanonical(Dialect.DOCDB,
                TestDialects.converter().parse(empty, "empty"), "empty"))
                .isInstanceOf(DialectException.class).hasMessageContaining("the DOCDB document holds no dossier");
    }

    @Test
    void lossesAreReal() throws IOException {
        List<Document> docdb = new ArrayList<>();
        List<Document> canonical = new ArrayList<>();
        for (String n : all().toList()) {
            docdb.add(TestDialects.dom(TestDialects.readAll(corpus(n))));
            canonical.add(TestDialects.dom(TestDialects.toCanonical(Dialect.DOCDB, corpus(n))));
        }
        canonical.add(TestDialects.dom(Files.readAllBytes(Path.of("src/main/resources/demo/corpus-dossiers.xml"))));
        canonical.add(TestDialects.dom(withDocuments()));
        TestDialects.assertLossesAreReal(Dialect.DOCDB, Direction.TO_CANONICAL, docdb, NS);
        TestDialects.assertLossesAreReal(Dialect.DOCDB, Direction.FROM_CANONICAL, canonical, DOS);
    }

    private static String read(String name) {
        return new String(TestDialects.readAll(corpus(name)), StandardCharsets.UTF_8);
    }
}
