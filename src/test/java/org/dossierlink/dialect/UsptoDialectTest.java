package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Test
    void lossesAreReal() {
        List<Document> docs = new ArrayList<>();
        for (String n : FILES) {
            docs.add(TestDialects.dom(TestDialects.readAll(corpus(n))));
        }
        TestDialects.assertLossesAreReal(Dialect.USPTO, Direction.TO_CANONICAL, docs, Map.of());
    }
}
