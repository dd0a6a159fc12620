package org.dossierlink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.InvalidRequestException;
import org.dossierlink.NotFoundException;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Classification;
import org.dossierlink.dossier.Direction;
import org.dossierlink.dossier.DocumentGroup;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore;
import org.dossierlink.dossier.DossierStore.PriorityLinks;
import org.dossierlink.dossier.DossierStore.SaveOutcome;
import org.dossierlink.dossier.LocalizedText;
import org.dossierlink.dossier.Party;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.dossier.Publication;
import org.dossierlink.dossier.StoredDocument;
import org.dossierlink.dossier.TestDossiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The store contract, written once and run against each database by a subclass. One store per
 * class; every test uses its own office code, so tests do not see each other's rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcDossierStoreTest {

    private static final AtomicInteger OFFICES = new AtomicInteger();

    protected JdbcDossierStore store;

    /** A fresh, empty store. */
    protected abstract JdbcDossierStore openStore() throws Exception;

    /** Removes what {@link #openStore()} created. */
    protected abstract void dropStore() throws Exception;

    @BeforeAll
    void open() throws Exception {
        store = openStore();
    }

    @AfterAll
    void close() throws Exception {
        if (store != null) {
            store.close();
        }
        dropStore();
    }

    /** A two-letter office code no other test of this class uses. */
    private static String office() {
        int n = OFFICES.getAndIncrement();
        return "" + (char) ('A' + n / 26 % 26) + (char) ('A' + n % 26);
    }

    static Dossier everyField(String office) {
        return new Dossier(
                new ApplicationRef(office, "201113167395", "A", "13/167,395", LocalDate.of(2011, 6, 23)),
                List.of(new Publication("US", "2012057518", "A1", LocalDate.of(2012, 3, 8)),
                        new Publication("US", "9648662", "B2", LocalDate.of(2017, 5, 9)),
                        new Publication("WO", "2012000001", null, null)),
                List.of(new PriorityClaim(1, "EP", "10167109", "EP 10167109.5", LocalDate.of(2010, 6, 24),
                                PriorityKind.REGIONAL, true),
                        new PriorityClaim(2, "US", "201061357993P", "61/357,993", LocalDate.of(2010, 6, 24),
                                PriorityKind.NATIONAL, false),
                        new PriorityClaim(3, "JP", "2010123456", null, null, PriorityKind.INTERNATIONAL, true),
                        new PriorityClaim(4, "CN", "201010001234", null, null, null, true)),
                List.of(new LocalizedText("en", "Wireless \"device\" with a \\ backslash"),
                        new LocalizedText("fr", "Dispositif sans fil — accentué"),
                        new LocalizedText(null, "no language\nsecond line\ttab \u0001 control"),
                        new LocalizedText("ja", "無線装置 😀")),
                List.of(new Party(1, "Research In Motion Limited", "CA"), new Party(2, "Nobody, Inc.", null)),
                List.of(new Party(1, "Rao, Hemant", "US"), new Party(2, "Müller, Jörg", "DE")),
                List.of(new Classification(Classification.Scheme.IPC, "H04W 84/20"),
                        new Classification(Classification.Scheme.CPC, "H04W 84/20"),
                        new Classification(Classification.Scheme.NATIONAL, "455/41.2")),
                List.of(new LocalizedText("en", "An abstract, with {braces} and [brackets] and \"quotes\".")),
                "43088294", "docdb");
    }

    @Test
    void everyFieldRoundTrips() {
        Dossier d = everyField(office());
        assertThat(store.save(d)).isEqualTo(SaveOutcome.INSERTED);
        assertThat(store.findByApplicationKey(d.application().key())).contains(d);
        assertThat(store.findByApplicationKeys(List.of(d.application().key()))).containsExactly(d);
    }

    @Test
    void minimalRecordRoundTrips() {
        Dossier d = new Dossier(new ApplicationRef(office(), "1", null, null, null), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), null, null);
        assertThat(store.save(d)).isEqualTo(SaveOutcome.INSERTED);
        assertThat(store.findByApplicationKey(d.application().key())).contains(d);
    }

    @Test
    void unknownApplicationIsEmpty() {
        assertThat(store.findByApplicationKey(office() + "404")).isEmpty();
        assertThat(store.findByApplicationKeys(List.of())).isEmpty();
    }

    @Test
    void savingAnIdenticalRecordIsUnchanged() {
        Dossier d = everyField(office());
        assertThat(store.save(d)).isEqualTo(SaveOutcome.INSERTED);
        // an equal record, built again
        Dossier same = everyField(d.application().office());
        assertThat(store.save(same)).isEqualTo(SaveOutcome.UNCHANGED);
        store.saveAll(List.of(same));
        assertThat(store.save(same)).isEqualTo(SaveOutcome.UNCHANGED);
        assertThat(store.findByApplicationKey(d.application().key())).contains(d);
    }

    @Test
    void changedRecordIsUpdatedAndChildrenReplaced() {
        String office = office();
        Dossier d = everyField(office);
        String key = d.application().key();
        store.save(d);
        Dossier changed = new Dossier(d.application(), List.of(new Publication("US", "9999999", "B1", null)),
                List.of(new PriorityClaim(1, "EP", "10167109", null, null, PriorityKind.REGIONAL, true)),
                List.of(new LocalizedText("en", "New title")), d.applicants(), d.inventors(),
                d.classifications(), d.abstracts(), d.familyId(), "canonical");
        assertThat(store.save(changed)).isEqualTo(SaveOutcome.UPDATED);
        assertThat(store.findByApplicationKey(key)).contains(changed);
        assertThat(store.applicationKeysByPublication("US2012057518")).doesNotContain(key);
        assertThat(store.applicationKeysByPublication("US9999999")).contains(key);
        assertThat(store.linksByApplications(List.of(key)))
                .containsExactly(new PriorityLinks(key, List.of("EP10167109")));
        assertThat(store.linksByPriorities(List.of("JP2010123456")))
                .extracting(PriorityLinks::applicationKey).doesNotContain(key);

        // a change in one field only (here the family id) is a change
        Dossier otherFamily = new Dossier(changed.application(), changed.publications(), changed.priorityClaims(),
                changed.titles(), changed.applicants(), changed.inventors(), changed.classifications(),
                changed.abstracts(), "1", changed.source());
        assertThat(store.save(otherFamily)).isEqualTo(SaveOutcome.UPDATED);
        assertThat(store.save(otherFamily)).isEqualTo(SaveOutcome.UNCHANGED);
    }

    @Test
    void saveAllInsertsUpdatesAndSkipsAcrossChunks() {
        String office = office();
        int n = JdbcDossierStore.CHUNK * 2 + 17;
        long before = store.applicationCount();
        List<Dossier> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(TestDossiers.of(office + i).claims(office + "P" + (i / 3))
                    .publication(office, "9" + i, "A1", null).build());
        }
        store.saveAll(batch);
        assertThat(store.applicationCount()).isEqualTo(before + n);

        // again, with one record changed and one key given twice (the last one wins)
        List<Dossier> again = new ArrayList<>(batch);
        again.set(5, TestDossiers.of(office + 5).claims(office + "Q").build());
        again.add(TestDossiers.of(office + 7).title("en", "first").build());
        again.add(TestDossiers.of(office + 7).title("en", "last").build());
        store.saveAll(again);
        assertThat(store.applicationCount()).isEqualTo(before + n);
        assertThat(store.findByApplicationKey(office + 5).orElseThrow().priorityClaims())
                .extracting(PriorityClaim::key).containsExactly(office + "Q");
        // the indexes follow the updated record
        assertThat(store.linksByPriorities(List.of(office + "Q")))
                .containsExactly(new PriorityLinks(office + 5, List.of(office + "Q")));
        assertThat(store.linksByPriorities(List.of(office + "P1")))
                .extracting(PriorityLinks::applicationKey).containsExactly(office + 3, office + 4);
        assertThat(store.applicationKeysByPublication(office + "95")).isEmpty();
        assertThat(store.applicationKeysByPublication(office + "94")).containsExactly(office + 4);
        assertThat(store.findByApplicationKey(office + 7).orElseThrow().titles())
                .containsExactly(new LocalizedText("en", "last"));
        assertThat(store.save(batch.get(0))).isEqualTo(SaveOutcome.UNCHANGED);

        // more keys than one IN list holds, in the order asked, unknown ones skipped
        List<String> keys = new ArrayList<>();
        for (int i = 1200; i >= 0; i--) {
            keys.add(office + i);
            if (i % 100 == 0) {
                keys.add(office + "missing" + i);
            }
        }
        List<Dossier> found = store.findByApplicationKeys(keys);
        assertThat(found).hasSize(1201);
        assertThat(found.get(0).application().key()).isEqualTo(office + 1200);
        assertThat(found.get(1200).application().key()).isEqualTo(office + 0);
        assertThat(found.get(300).publications()).containsExactly(new Publication(office, "9900", "A1", null));
    }

    @Test
    void publicationLookupIgnoresKind() {
        String office = office();
        Dossier d = TestDossiers.of(office + "10167109")
                .publication(office, "2400812", "A1", LocalDate.of(2011, 12, 28))
                .publication(office, "2400812", "B1", LocalDate.of(2016, 8, 3)).build();
        store.save(d);
        store.save(TestDossiers.of(office + "2").publication(office, "77", "A1", null).build());
        assertThat(store.applicationKeysByPublication(office + "2400812")).containsExactly(office + "10167109");
        assertThat(store.applicationKeysByPublication(office + "240081")).isEmpty();
    }

    @Test
    void priorityIndexFindsClaimantsAndThePriorityItself() {
        String o = office();
        store.saveAll(List.of(
                TestDossiers.claiming(o + "1"),                                   // a first filing
                TestDossiers.claiming(o + "2", o + "1"),
                TestDossiers.claiming(o + "3", o + "1", o + "9"),
                TestDossiers.of(o + "4").claim(o + "1", false).claims(o + "8").build(),  // inactive claim of 1
                TestDossiers.claiming(o + "5", o + "8")));

        assertThat(store.linksByPriorities(List.of(o + "1"))).containsExactly(
                new PriorityLinks(o + "1", List.of()),
                new PriorityLinks(o + "2", List.of(o + "1")),
                new PriorityLinks(o + "3", List.of(o + "1", o + "9")));
        assertThat(store.linksByPriorities(List.of(o + "8", o + "9", o + "404"))).containsExactly(
                new PriorityLinks(o + "3", List.of(o + "1", o + "9")),
                new PriorityLinks(o + "4", List.of(o + "8")),
                new PriorityLinks(o + "5", List.of(o + "8")));
        assertThat(store.linksByPriorities(List.of())).isEmpty();
        assertThat(store.linksByApplications(List.of(o + "4", o + "1", o + "404"))).containsExactly(
                new PriorityLinks(o + "1", List.of()),
                new PriorityLinks(o + "4", List.of(o + "8")));
    }

    /**
     * The same index entries when each record is saved alone (on PostgreSQL a new record's rows are written by
     * one statement): no claims, several, an inactive one, two kinds of one publication.
     */
    @Test
    void indexesFromSingleSaves() {
        String o = office();
        for (Dossier d : indexed(o)) {
            assertThat(store.save(d)).isEqualTo(SaveOutcome.INSERTED);
        }
        assertIndexed(store, o);
    }

    /** Three applications of office {@code o} (two letters) whose index entries {@link #assertIndexed} checks. */
    static List<Dossier> indexed(String o) {
        return List.of(
                TestDossiers.of(o + "1").build(),
                TestDossiers.claiming(o + "2", o + "1"),
                TestDossiers.of(o + "3").claims(o + "1").claims(o + "9").claim(o + "8", false)
                        .publication(o, "31", "A1", null).publication(o, "31", "B1", null)
                        .publication(o, "32", "A1", null).build());
    }

    /** The links and publication entries of {@link #indexed}{@code (o)}, once they are stored. */
    static void assertIndexed(DossierStore store, String o) {
        assertThat(store.linksByPriorities(List.of(o + "1"))).containsExactly(
                new PriorityLinks(o + "1", List.of()),
                new PriorityLinks(o + "2", List.of(o + "1")),
                new PriorityLinks(o + "3", List.of(o + "1", o + "9")));
        assertThat(store.linksByPriorities(List.of(o + "8"))).isEmpty();
        assertThat(store.linksByApplications(List.of(o + "3"))).containsExactly(
                new PriorityLinks(o + "3", List.of(o + "1", o + "9")));
        assertThat(store.applicationKeysByPublication(o + "31")).containsExactly(o + "3");
        assertThat(store.applicationKeysByPublication(o + "32")).containsExactly(o + "3");
    }

    @Test
    void priorityClaimedByManyIsOneIndexedLookup() {
        String o = office();
        List<Dossier> claimants = new ArrayList<>();
        List<String> priorities = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            claimants.add(TestDossiers.claiming(o + "C" + i, o + "P", o + "X" + i));
            priorities.add(o + "X" + i);
        }
        store.saveAll(claimants);
        assertThat(store.linksByPriorities(List.of(o + "P"))).hasSize(700);
        // more priority keys than one IN list
        assertThat(store.linksByPriorities(priorities)).hasSize(700)
                .allSatisfy(l -> assertThat(l.priorityKeys()).hasSize(2));
    }

    @Test
    void documentsWithContentAndDigest() {
        String o = office();
        String app = o + "1";
        store.save(TestDossiers.claiming(app));
        byte[] pdf = new byte[3 * 1024 * 1024 + 7];
        new Random(42).nextBytes(pdf);
        byte[] xml = "<claims>1. A device.</claims>".getBytes(StandardCharsets.UTF_8);
        DocumentInfo pdfInfo = new DocumentInfo("D2", "CTNF", "Non-final rejection", DocumentGroup.OFFICE_ACTION,
                LocalDate.of(2013, 5, 2), Direction.OUTGOING, "en", "application/pdf", 12, pdf.length,
                ContentDigest.sha256(pdf));
        DocumentInfo xmlInfo = new DocumentInfo("D1", "CLM", null, DocumentGroup.APPLICATION,
                LocalDate.of(2011, 6, 23), Direction.INCOMING, null, "application/xml", null, xml.length,
                ContentDigest.sha256(xml));

        assertThat(store.saveDocument(app, pdfInfo, pdf)).isEqualTo(SaveOutcome.INSERTED);
        assertThat(store.saveDocument(app, xmlInfo, xml)).isEqualTo(SaveOutcome.INSERTED);
        assertThat(store.saveDocument(app, pdfInfo, pdf.clone())).isEqualTo(SaveOutcome.UNCHANGED);
        assertThat(store.documents(app)).containsExactly(xmlInfo, pdfInfo);

        StoredDocument stored = store.document(app, "D2").orElseThrow();
        assertThat(stored.info()).isEqualTo(pdfInfo);
        assertThat(stored.content()).isEqualTo(pdf);
        assertThat(ContentDigest.sha256(stored.content())).isEqualTo(stored.info().sha256());

        // new content for D1, and new metadata only for D2
        byte[] xml2 = "<claims>1. A better device.</claims>".getBytes(StandardCharsets.UTF_8);
        DocumentInfo xml2Info = new DocumentInfo("D1", "CLM", "Claims", DocumentGroup.APPLICATION,
                LocalDate.of(2011, 6, 23), Direction.INCOMING, "en", "application/xml", 1, xml2.length,
                ContentDigest.sha256(xml2));
        assertThat(store.saveDocument(app, xml2Info, xml2)).isEqualTo(SaveOutcome.UPDATED);
        assertThat(store.document(app, "D1").orElseThrow().content()).isEqualTo(xml2);
        DocumentInfo pdfRenamed = new DocumentInfo("D2", "CTNF", "Rejection", DocumentGroup.OFFICE_ACTION,
                LocalDate.of(2013, 5, 2), Direction.OUTGOING, "en", "application/pdf", 12, pdf.length,
                ContentDigest.sha256(pdf));
        assertThat(store.saveDocument(app, pdfRenamed, pdf)).isEqualTo(SaveOutcome.UPDATED);
        assertThat(store.document(app, "D2").orElseThrow().info()).isEqualTo(pdfRenamed);

        // saving the dossier again keeps its documents
        store.save(TestDossiers.of(app).title("en", "changed").build());
        assertThat(store.documents(app)).hasSize(2);

        assertThat(store.document(app, "D404")).isEmpty();
        assertThat(store.documents(o + "404")).isEmpty();
    }

    @Test
    void documentsAreChecked() {
        String app = office() + "1";
        byte[] bytes = {1, 2, 3};
        DocumentInfo info = new DocumentInfo("D1", "CLM", null, DocumentGroup.APPLICATION, LocalDate.of(2020, 1, 1),
                Direction.INCOMING, null, "application/pdf", null, 3, ContentDigest.sha256(bytes));
        assertThatThrownBy(() -> store.saveDocument(app, info, bytes))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(app);
        store.save(TestDossiers.claiming(app));
        assertThatThrownBy(() -> store.saveDocument(app, info, new byte[] {1, 2, 4}))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("sha256");
        DocumentInfo wrongSize = new DocumentInfo("D1", "CLM", null, DocumentGroup.APPLICATION,
                LocalDate.of(2020, 1, 1), Direction.INCOMING, null, "application/pdf", null, 4,
                ContentDigest.sha256(bytes));
        assertThatThrownBy(() -> store.saveDocument(app, wrongSize, bytes))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("size");
        assertThat(store.documents(app)).isEmpty();
    }

    @Test
    void concurrentSavesOfOneNewApplicationInsertOnce() throws Exception {
        String o = office();
        Dossier d = everyField(o);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<SaveOutcome>> saves = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                saves.add(() -> store.save(d));
            }
            List<SaveOutcome> outcomes = new ArrayList<>();
            for (Future<SaveOutcome> f : pool.invokeAll(saves)) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsOnlyOnce(SaveOutcome.INSERTED).doesNotContain(SaveOutcome.UPDATED);
        } finally {
            pool.shutdown();
        }
        assertThat(store.findByApplicationKey(d.application().key())).contains(d);
    }
}
