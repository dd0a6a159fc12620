package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.dossierlink.Corpus;
import org.dossierlink.dossier.Classification;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.LocalizedText;
import org.dossierlink.dossier.Party;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.dossier.Publication;
import org.dossierlink.number.NumberNormalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocdbExchangeReaderTest {

    private final DocdbExchangeReader reader = new DocdbExchangeReader(new NumberNormalizer());

    private List<Dossier> read(String corpusFile) throws Exception {
        Path p = Corpus.file(corpusFile);
        try (InputStream in = Files.newInputStream(p)) {
            return reader.read(in, p.toString());
        }
    }

    @Test
    void familyWithBiblioMergesPublicationsPerApplication() throws Exception {
        Map<String, Dossier> byKey = read("epo-ops/responses/family_biblio_EP2400812A1.xml").stream()
                .collect(Collectors.toMap(d -> d.application().key(), Function.identity()));
        assertThat(byKey).containsOnlyKeys("EP10167109", "CA2744162", "US201113167395");

        Dossier ep = byKey.get("EP10167109");
        assertThat(ep.application().filingDate()).isEqualTo(LocalDate.of(2010, 6, 24));
        assertThat(ep.application().kind()).isEqualTo("A");
        assertThat(ep.familyId()).isEqualTo("43088294");
        assertThat(ep.publications()).extracting(Publication::docdb).containsExactly("EP.2400812.A1", "EP.2400812.B1");
        assertThat(ep.publications().get(1).date()).isEqualTo(LocalDate.of(2019, 11, 27));
        assertThat(ep.priorityClaims()).containsExactly(new PriorityClaim(1, "EP", "10167109", null,
                LocalDate.of(2010, 6, 24), PriorityKind.REGIONAL, true));
        assertThat(ep.titles()).contains(new LocalizedText("en", "BLUETOOTH NETWORKING"),
                new LocalizedText("de", "BLUETOOTH-VERNETZUNG"));
        assertThat(ep.applicants()).first().isEqualTo(new Party(1, "9SOLUTIONS OY", "FI"));
        assertThat(ep.inventors()).extracting(Party::name).contains("HERRALA SAMI", "KYLMAENEN JARI", "NIEMI JAAKKO");
        assertThat(ep.classifications()).contains(new Classification(Classification.Scheme.IPC, "H04W 84/20"),
                new Classification(Classification.Scheme.CPC, "H04W 84/20"));
        assertThat(ep.abstracts()).singleElement().satisfies(a -> assertThat(a.text()).startsWith("An apparatus enabling"));

        Dossier us = byKey.get("US201113167395");
        assertThat(us.publications()).extracting(Publication::docdb).containsExactly("US.2012057518.A1", "US.9648662.B2");
        assertThat(us.priorityClaims()).extracting(PriorityClaim::key).containsExactly("EP10167109");
        // the DOCDB claim carries no original text; the exchange document's original form is kept
        assertThat(us.priorityClaims().get(0).originalNumber()).isEqualTo("10167109.7");
        assertThat(byKey.get("CA2744162").publications()).extracting(Publication::docdb).containsExactly("CA.2744162.A1");
    }

    @Test
    void exchangeDocumentPrioritiesAreNormalisedFromEpodoc() throws Exception {
        Dossier cn = read("epo-ops/responses/biblio_CN104968889A.xml").get(0);
        assertThat(cn.priorityClaims()).extracting(PriorityClaim::docdb)
                .containsExactly("WO.2013US064552", "US.201261713164");
        assertThat(cn.priorityClaims()).extracting(PriorityClaim::originalNumber)
                .containsExactly("PCT/US2013/064552", "61/713,164");
        assertThat(cn.priorityClaims().get(1).date()).isEqualTo(LocalDate.of(2012, 10, 12));
        assertThat(cn.priorityClaims().get(0).isPct()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"biblio_EP2400812A1.xml", "biblio_US10047600B2.xml", "biblio_WO2018148832A1.xml",
            "biblio_application_US2016015853W.xml", "biblio_CN104968889A.xml", "family_EP2400812A1.xml",
            "family_legal_EP2400812A1.xml"})
    void everyOpsExchangeResponseInTheCorpusReads(String file) throws Exception {
        List<Dossier> dossiers = read("epo-ops/responses/" + file);
        assertThat(dossiers).isNotEmpty().allSatisfy(d -> {
            assertThat(d.application().office()).matches("[A-Z]{2}");
            assertThat(d.publications()).isNotEmpty();
        });
    }

    @Test
    void refusesDocumentsOfOtherFormatsWithAClearMessage() {
        assertThatThrownBy(() -> read("epo-ops/responses/register_biblio_EP2400812.xml"))
                .isInstanceOf(DialectException.class)
                .hasMessageContaining("register_biblio_EP2400812.xml")
                .hasMessageContaining("no ops:family-member or exchange-document found");
        assertThatThrownBy(() -> read("st96/examples/PatentPublication_Example.xml"))
                .isInstanceOf(DialectException.class)
                .hasMessageContaining("not a DOCDB exchange document");
    }

    @Test
    void ipcTextBecomesASymbol() {
        assertThat(DocdbExchangeReader.ipcSymbol("H04W  84/    20            A I                    ")).isEqualTo("H04W 84/20");
        assertThat(DocdbExchangeReader.ipcSymbol("   ")).isNull();
    }
}
