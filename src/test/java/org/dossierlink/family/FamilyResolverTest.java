package org.dossierlink.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dossierlink.dossier.TestDossiers.claiming;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dossierlink.NotFoundException;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.TestDossiers;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.StoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simple and extended families, resolved through the real (embedded H2) store. */
class FamilyResolverTest {

    // two first filings and three applications claiming them
    static final String P1 = "EP10000001";
    static final String P2 = "GB10000002";
    static final String A = "US20110001";   // claims P1
    static final String B = "JP20110002";   // claims P1 and P2
    static final String C = "CN20110003";   // claims P2

    @TempDir
    Path dataDir;

    JdbcDossierStore store;
    SimpleFamilyResolver simple;
    ExtendedFamilyResolver extended;

    @BeforeEach
    void open() {
        store = JdbcDossierStore.open(StoreConfig.h2(dataDir));
        simple = new SimpleFamilyResolver(store);
        extended = new ExtendedFamilyResolver(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void save(Dossier... dossiers) {
        store.saveAll(List.of(dossiers));
    }

    private void saveOverlappingFamilies() {
        save(claiming(P1), claiming(P2), claiming(A, P1), claiming(B, P1, P2), claiming(C, P2));
    }

    @Test
    void simpleFamilyIsTheSamePrioritySet() {
        saveOverlappingFamilies();

        Family family = simple.resolve(A);
        assertThat(family.type()).isEqualTo(FamilyType.SIMPLE);
        assertThat(family.queriedKey()).isEqualTo(A);
        assertThat(family.truncated()).isFalse();
        // the first filing counts its own key as its priority, so it has the same set {P1}
        assertThat(family.applicationKeys()).containsExactly(A, P1);
        assertThat(family.members()).allSatisfy(m -> assertThat(m.linkedBy()).containsExactly("EP.10000001"));
        assertThat(family.members()).extracting(FamilyMember::queried).containsExactly(true, false);

        assertThat(simple.resolve(B).applicationKeys()).containsExactly(B);
        assertThat(simple.resolve(B).members().get(0).linkedBy()).containsExactly("EP.10000001", "GB.10000002");
        assertThat(simple.resolve(P2).applicationKeys()).containsExactly(P2, C);
    }

    @Test
    void extendedFamilyFollowsSharedPrioritiesTransitively() {
        saveOverlappingFamilies();

        Family family = extended.resolve(A);
        assertThat(family.type()).isEqualTo(FamilyType.EXTENDED);
        assertThat(family.applicationKeys()).containsExactly(A, C, P1, P2, B);
        assertThat(family.members().get(0).queried()).isTrue();
        assertThat(linkedBy(family, A)).containsExactly("EP.10000001");
        assertThat(linkedBy(family, P1)).containsExactly("EP.10000001");
        assertThat(linkedBy(family, B)).containsExactly("EP.10000001");
        assertThat(linkedBy(family, P2)).containsExactly("GB.10000002");
        assertThat(linkedBy(family, C)).containsExactly("GB.10000002");

        // the same family from any member
        for (String start : List.of(B, C, P1, P2)) {
            assertThat(extended.resolve(start).applicationKeys()).containsExactlyInAnyOrder(A, B, C, P1, P2)
                    .startsWith(start);
        }
    }

    @Test
    void membersAreOrderedQueriedFirstThenByKey() {
        saveOverlappingFamilies();
        List<String> keys = extended.resolve(B).applicationKeys();
        assertThat(keys.get(0)).isEqualTo(B);
        assertThat(keys.subList(1, keys.size())).isSorted();
    }

    @Test
    void chainIsOneExtendedFamilyButSeparateSimpleFamilies() {
        // A is a first filing, B claims A, C claims B (e.g. a continuation)
        save(claiming("US1"), claiming("US2", "US1"), claiming("US3", "US2"));

        assertThat(simple.resolve("US1").applicationKeys()).containsExactly("US1", "US2");
        assertThat(simple.resolve("US3").applicationKeys()).containsExactly("US3");
        assertThat(simple.resolve("US2").applicationKeys()).containsExactly("US2", "US1");

        Family fromEnd = extended.resolve("US3");
        assertThat(fromEnd.applicationKeys()).containsExactly("US3", "US1", "US2");
        assertThat(linkedBy(fromEnd, "US3")).containsExactly("US.2");
        assertThat(linkedBy(fromEnd, "US2")).containsExactly("US.2");
        assertThat(linkedBy(fromEnd, "US1")).containsExactly("US.1");
        assertThat(extended.resolve("US1").applicationKeys()).containsExactly("US1", "US2", "US3");
    }

    @Test
    void cyclesEnd() {
        // A claims B and B claims A
        save(claiming("EP1", "EP2"), claiming("EP2", "EP1"), claiming("EP3", "EP2"));
        assertThat(extended.resolve("EP1").applicationKeys()).containsExactly("EP1", "EP2", "EP3");
        assertThat(extended.resolve("EP2").applicationKeys()).containsExactly("EP2", "EP1", "EP3");
        assertThat(simple.resolve("EP1").applicationKeys()).containsExactly("EP1", "EP3");
        assertThat(simple.resolve("EP2").applicationKeys()).containsExactly("EP2");
    }

    @Test
    void applicationWithoutPrioritiesIsItsOwnFamily() {
        save(claiming("DE1"), claiming("DE2"));
        for (FamilyResolver resolver : List.of(simple, extended)) {
            Family family = resolver.resolve("DE1");
            assertThat(family.applicationKeys()).containsExactly("DE1");
            assertThat(family.members().get(0).linkedBy()).containsExactly("DE.1");
            assertThat(family.members().get(0).dossier()).isEqualTo(claiming("DE1"));
        }
    }

    @Test
    void inactivePrioritiesAreIgnored() {
        save(claiming(P1),
                claiming(A, P1),
                TestDossiers.of(B).claim(P1, false).claims(P2).build(),
                TestDossiers.of(C).claim(P1, false).build());

        assertThat(extended.resolve(A).applicationKeys()).containsExactly(A, P1);
        assertThat(simple.resolve(A).applicationKeys()).containsExactly(A, P1);
        // B's only active priority is P2 (not stored); C, with no active priority, is its own priority
        assertThat(simple.resolve(B).members().get(0).linkedBy()).containsExactly("GB.10000002");
        assertThat(extended.resolve(C).applicationKeys()).containsExactly(C);
        assertThat(extended.resolve(C).members().get(0).linkedBy()).containsExactly("CN.20110003");
        // the inactive claim is still part of the record
        assertThat(extended.resolve(C).members().get(0).dossier().priorityClaims()).hasSize(1);
    }

    @Test
    void priorityClaimedByManyApplications() {
        List<Dossier> dossiers = new ArrayList<>();
        dossiers.add(claiming(P1));
        for (int i = 0; i < 300; i++) {
            dossiers.add(claiming(String.format("US2011%04d", i), P1));
        }
        // one of them also claims a second priority: same extended family, other simple family
        dossiers.add(claiming("WO2011999999", P1, P2));
        store.saveAll(dossiers);

        Family ext = extended.resolve("US20110150");
        assertThat(ext.members()).hasSize(302);
        assertThat(ext.truncated()).isFalse();
        assertThat(ext.members().get(0).key()).isEqualTo("US20110150");

        Family simpleFamily = simple.resolve(P1);
        assertThat(simpleFamily.members()).hasSize(301);
        assertThat(simpleFamily.applicationKeys()).doesNotContain("WO2011999999");
    }

    @Test
    void familiesStopAtTheSizeLimitAndSaySo() {
        List<Dossier> dossiers = new ArrayList<>();
        dossiers.add(claiming(P1));
        for (int i = 0; i < 300; i++) {
            dossiers.add(claiming(String.format("US2011%04d", i), P1));
        }
        store.saveAll(dossiers);
        for (FamilyResolver resolver : List.of(new ExtendedFamilyResolver(store, 100),
                new SimpleFamilyResolver(store, 100))) {
            Family family = resolver.resolve("US20110299");
            assertThat(family.truncated()).isTrue();
            assertThat(family.members()).hasSize(100);
            assertThat(family.members().get(0).key()).isEqualTo("US20110299");
        }
        assertThat(new ExtendedFamilyResolver(store, 301).resolve(P1).truncated()).isFalse();
    }

    @Test
    void unknownApplicationIsNotFound() {
        saveOverlappingFamilies();
        for (FamilyResolver resolver : List.of(simple, extended)) {
            assertThatThrownBy(() -> resolver.resolve("EP99999999"))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.field()).isEqualTo("number"))
                    .hasMessageContaining("EP99999999");
        }
    }

    private static List<String> linkedBy(Family family, String key) {
        return family.members().stream().filter(m -> m.key().equals(key)).findFirst().orElseThrow().linkedBy();
    }
}
