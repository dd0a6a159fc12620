package org.dossierlink.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.dossier.Publication;
import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberType;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.StoreConfig;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The real family of EP2400812A1 (EPO OPS answer in the shared corpus): three applications, five
 * publications, all claiming EP10167109. The records are written here by hand; the corpus file
 * only tells which applications and publications the family must have.
 */
class FamilyEp2400812Test {

    static final PriorityClaim EP_PRIORITY =
            new PriorityClaim(1, "EP", "10167109", null, LocalDate.of(2010, 6, 24), PriorityKind.REGIONAL, true);

    static final List<Dossier> MEMBERS = List.of(
            dossier(new ApplicationRef("EP", "10167109", "A", null, LocalDate.of(2010, 6, 24)),
                    new Publication("EP", "2400812", "A1", LocalDate.of(2011, 12, 28)),
                    new Publication("EP", "2400812", "B1", LocalDate.of(2016, 8, 3))),
            dossier(new ApplicationRef("CA", "2744162", "A", null, LocalDate.of(2011, 6, 21)),
                    new Publication("CA", "2744162", "A1", LocalDate.of(2011, 12, 24))),
            dossier(new ApplicationRef("US", "201113167395", "A", null, LocalDate.of(2011, 6, 23)),
                    new Publication("US", "2012057518", "A1", LocalDate.of(2012, 3, 8)),
                    new Publication("US", "9648662", "B2", LocalDate.of(2017, 5, 9))));

    @TempDir
    Path dataDir;

    JdbcDossierStore store;
    FamilyLookup lookup;

    static Dossier dossier(ApplicationRef application, Publication... publications) {
        return new Dossier(application, List.of(publications), List.of(EP_PRIORITY), List.of(), List.of(),
                List.of(), List.of(), List.of(), "43088294", "test");
    }

    @BeforeEach
    void open() {
        store = JdbcDossierStore.open(StoreConfig.h2(dataDir));
        store.saveAll(MEMBERS);
        lookup = new FamilyLookup(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void extendedFamilyFromAnyMemberIsTheOpsFamily() throws Exception {
        Set<String> opsApplications = new TreeSet<>();
        Set<String> opsPublications = new TreeSet<>();
        readOpsFamily(opsApplications, opsPublications);
        assertThat(opsApplications).containsExactly("CA.2744162", "EP.10167109", "US.201113167395");
        assertThat(opsPublications).hasSize(5);

        for (Dossier member : MEMBERS) {
            ApplicationRef a = member.application();
            Family byApplication = lookup.lookup(new NormalizedNumber(a.office(), a.number(), a.kind(),
                    NumberType.APPLICATION, a.key(), null), FamilyType.EXTENDED);
            assertFamily(byApplication, opsApplications, opsPublications);
            assertThat(byApplication.queriedKey()).isEqualTo(a.key());

            for (Publication p : member.publications()) {
                Family byPublication = lookup.lookup(new NormalizedNumber(p.country(), p.number(), p.kind(),
                        NumberType.PUBLICATION, p.docdb(), null), FamilyType.EXTENDED);
                assertFamily(byPublication, opsApplications, opsPublications);
            }
        }
        Family byPriority = lookup.lookup(new NormalizedNumber("EP", "10167109", null, NumberType.PRIORITY,
                "EP 10167109", null), FamilyType.EXTENDED);
        assertFamily(byPriority, opsApplications, opsPublications);
        assertThat(byPriority.queriedKey()).isEqualTo("EP10167109");
    }

    @Test
    void simpleFamilyIsTheSameHere() {
        // every member claims exactly EP10167109, and EP10167109 claims itself
        Family simple = new SimpleFamilyResolver(store).resolve("CA2744162");
        assertThat(simple.applicationKeys()).containsExactly("CA2744162", "EP10167109", "US201113167395");
        assertThat(simple.members()).allSatisfy(m -> assertThat(m.linkedBy()).containsExactly("EP.10167109"));
    }

    private static void assertFamily(Family family, Set<String> applications, Set<String> publications) {
        assertThat(family.truncated()).isFalse();
        assertThat(family.members()).extracting(m -> m.dossier().application().office() + "."
                + m.dossier().application().number()).containsExactlyInAnyOrderElementsOf(applications);
        assertThat(family.members().stream().flatMap(m -> m.dossier().publications().stream())
                .map(Publication::docdb)).containsExactlyInAnyOrderElementsOf(publications);
        assertThat(family.members()).allSatisfy(m -> assertThat(m.linkedBy()).containsExactly("EP.10167109"));
        assertThat(family.members()).filteredOn(FamilyMember::queried).hasSize(1);
    }

    /** Application and publication numbers (DOCDB form) of the family members in the OPS answer. */
    private static void readOpsFamily(Set<String> applications, Set<String> publications) throws Exception {
        String corpus = System.getenv().getOrDefault("DOSSIERLINK_CORPUS", "../shared/corpus");
        Path file = Path.of(corpus, "epo-ops", "responses", "family_EP2400812A1.xml");
        Document doc;
        try (var in = Files.newInputStream(file)) {
            doc = SecureXml.documentBuilder().parse(in);
        }
        NodeList members = doc.getElementsByTagNameNS("http://ops.epo.org", "family-member");
        for (int i = 0; i < members.getLength(); i++) {
            Element member = (Element) members.item(i);
            applications.add(docdb(member, "application-reference", false));
            publications.add(docdb(member, "publication-reference", true));
        }
    }

    private static String docdb(Element member, String reference, boolean withKind) {
        Element ref = (Element) member.getElementsByTagNameNS("*", reference).item(0);
        NodeList ids = ref.getElementsByTagNameNS("*", "document-id");
        for (int i = 0; i < ids.getLength(); i++) {
            Element id = (Element) ids.item(i);
            if ("docdb".equals(id.getAttribute("document-id-type"))) {
                String s = text(id, "country") + "." + text(id, "doc-number");
                return withKind ? s + "." + text(id, "kind") : s;
            }
        }
        throw new AssertionError("no docdb document-id in " + reference);
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS("*", name).item(0).getTextContent().trim();
    }
}
