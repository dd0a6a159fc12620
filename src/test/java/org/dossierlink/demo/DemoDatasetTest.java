package org.dossierlink.demo;

import org.dossierlink.testsupport.TestDialects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.dialect.CanonicalDossierXml;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.StoredDocument;
import org.dossierlink.family.FamilyLookup;
import org.dossierlink.family.FamilyType;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.number.NumberType;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.StoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDatasetTest {

    @TempDir
    Path dir;
    private JdbcDossierStore store;
    private final NumberNormalizer normalizer = new NumberNormalizer();

    @BeforeEach
    void open() {
        store = JdbcDossierStore.open(StoreConfig.h2Url(dir), null, null);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void loadsRealFamiliesWithDocumentsAndLoadingAgainChangesNothing() {
        DemoDataset.Summary first = new DemoDataset(store, normalizer, TestDialects.converter()).load();
        assertThat(first.applications()).isEqualTo(store.applicationCount()).isGreaterThanOrEqualTo(18);
        assertThat(first.documents()).isGreaterThan(first.applications() * 4);

        FamilyLookup families = new FamilyLookup(store);
        // the EP2400812 family from OPS: 3 applications
        assertThat(families.lookup(normalizer.normalize("EP", "EP 2400812 A1", NumberType.PUBLICATION), FamilyType.EXTENDED)
                .applicationKeys()).containsExactlyInAnyOrder("EP10167109", "CA2744162", "US201113167395");
        // the Global Dossier family of US 16/123,456: the continuation claims one more priority,
        // so the simple family leaves it out and the extended family takes it in
        var query = normalizer.normalize("JP", "2017-187096", NumberType.APPLICATION);
        assertThat(families.lookup(query, FamilyType.SIMPLE).applicationKeys())
                .containsExactlyInAnyOrder("JP2017187096", "US201816123456");
        assertThat(families.lookup(query, FamilyType.EXTENDED).applicationKeys())
                .containsExactlyInAnyOrder("JP2017187096", "US201816123456", "US202017130468");

        // JP 2017-187096 carries its real Global Dossier document list: translated/original pairs
        List<DocumentInfo> jp = store.documents("JP2017187096");
        assertThat(jp).extracting(DocumentInfo::id).contains("Abstract_51702045047", "Abstract_51702045047_JP",
                "Notice_of_Reasons_for_Refusal_06120285658", "JP2017187096-BIB");
        assertThat(jp).filteredOn(d -> d.code().equals("A131")).singleElement()
                .satisfies(d -> assertThat(d.direction().wireName()).isEqualTo("outgoing"));

        DemoDataset.Summary again = new DemoDataset(store, normalizer, TestDialects.converter()).load();
        assertThat(again).isEqualTo(first);
        assertThat(store.applicationCount()).isEqualTo(first.applications());
    }

    @Test
    void everyDocumentsContentMatchesItsDigestAndMediaType() {
        new DemoDataset(store, normalizer, TestDialects.converter()).load();
        for (Dossier d : store.findByApplicationKeys(List.of("EP10167109", "CN200880114428", "US201213648029"))) {
            List<DocumentInfo> docs = store.documents(d.application().key());
            assertThat(docs).extracting(DocumentInfo::mediaType).contains("application/pdf", "application/xml");
            for (DocumentInfo info : docs) {
                StoredDocument doc = store.document(d.application().key(), info.id()).orElseThrow();
                assertThat(doc.content()).hasSize((int) info.size());
                assertThat(ContentDigest.sha256(doc.content())).isEqualTo(info.sha256());
                String head = new String(doc.content(), 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(head).startsWith(info.isXml() ? "<?xml" : "%PDF-1.4");
                if (info.isXml()) {
                    assertThat(CanonicalDossierXml.read(new java.io.ByteArrayInputStream(doc.content()), info.id()))
                            .singleElement().satisfies(e -> assertThat(e.dossier()).isEqualTo(d));
                }
            }
        }
    }

    /** The canonical demo records carry numbers already in the normaliser's form, so lookups find them. */
    @Test
    void transcribedRecordsAreNormalised() {
        var entries = CanonicalDossierXml.read(
                DemoDataset.class.getClassLoader().getResourceAsStream(DemoDataset.CANONICAL_RESOURCE), "demo");
        assertThat(entries).hasSizeGreaterThanOrEqualTo(11);
        for (var e : entries) {
            var a = e.dossier().application();
            assertThat(normalizer.normalize(a.office(), a.docdb(), NumberType.APPLICATION).key()).isEqualTo(a.key());
            for (PriorityClaim c : e.dossier().priorityClaims()) {
                assertThat(normalizer.normalize(c.country(), c.originalNumber(), NumberType.PRIORITY, c.date()).key())
                        .as("priority %s of %s", c.originalNumber(), a.docdb()).isEqualTo(c.key());
            }
        }
    }
}
