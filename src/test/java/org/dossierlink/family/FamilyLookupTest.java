package org.dossierlink.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dossierlink.dossier.TestDossiers.claiming;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.dossierlink.NotFoundException;
import org.dossierlink.dossier.TestDossiers;
import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberType;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.StoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Family lookup from application, publication and priority numbers. */
class FamilyLookupTest {

    @TempDir
    Path dataDir;

    JdbcDossierStore store;
    FamilyLookup lookup;

    @BeforeEach
    void open() {
        store = JdbcDossierStore.open(StoreConfig.h2(dataDir));
        lookup = new FamilyLookup(store);
        // US60123456 is a provisional that is not stored; two applications claim it, one also claims JP1
        store.saveAll(List.of(
                TestDossiers.of("US201113167395").claims("US60123456")
                        .publication("US", "2012057518", "A1", LocalDate.of(2012, 3, 8))
                        .publication("US", "9648662", "B2", LocalDate.of(2017, 5, 9)).build(),
                TestDossiers.of("EP11170001").claims("US60123456", "JP1")
                        .publication("EP", "2400999", "A1", null).build(),
                TestDossiers.of("WO2011000001").claims("US60123456").build(),
                claiming("JP1")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static NormalizedNumber number(String country, String number, String kind, NumberType type) {
        return new NormalizedNumber(country, number, kind, type, country + number + (kind == null ? "" : kind), null);
    }

    @Test
    void byApplication() {
        Family family = lookup.lookup(number("US", "201113167395", "A", NumberType.APPLICATION), FamilyType.SIMPLE);
        assertThat(family.queriedKey()).isEqualTo("US201113167395");
        assertThat(family.applicationKeys()).containsExactly("US201113167395", "WO2011000001");
        assertThat(family.members().get(1).linkedBy()).containsExactly("US.60123456");
    }

    @Test
    void byPublicationOfAnyKind() {
        for (String kind : new String[] {"A1", "B2", null}) {
            Family family = lookup.lookup(number("US", "9648662", kind, NumberType.PUBLICATION), FamilyType.EXTENDED);
            assertThat(family.queriedKey()).isEqualTo("US201113167395");
            assertThat(family.applicationKeys())
                    .containsExactly("US201113167395", "EP11170001", "JP1", "WO2011000001");
        }
    }

    @Test
    void byPriorityThatIsNotStored() {
        NormalizedNumber provisional = number("US", "60123456", "P", NumberType.PRIORITY);
        // starts from the first application whose only priority it is
        assertThat(lookup.startingApplication(provisional)).isEqualTo("US201113167395");
        assertThat(lookup.lookup(provisional, FamilyType.SIMPLE).applicationKeys())
                .containsExactly("US201113167395", "WO2011000001");
        assertThat(lookup.lookup(provisional, FamilyType.EXTENDED).applicationKeys())
                .containsExactlyInAnyOrder("US201113167395", "EP11170001", "JP1", "WO2011000001");
    }

    @Test
    void byPriorityThatIsStored() {
        NormalizedNumber jp = number("JP", "1", null, NumberType.PRIORITY);
        assertThat(lookup.startingApplication(jp)).isEqualTo("JP1");
        assertThat(lookup.lookup(jp, FamilyType.SIMPLE).applicationKeys()).containsExactly("JP1");
        assertThat(lookup.lookup(jp, FamilyType.EXTENDED).applicationKeys()).hasSize(4).startsWith("JP1");
    }

    @Test
    void nothingMatchingIsNotFound() {
        for (NumberType type : NumberType.values()) {
            NormalizedNumber unknown = number("EP", "99999999", null, type);
            for (FamilyType familyType : FamilyType.values()) {
                assertThatThrownBy(() -> lookup.lookup(unknown, familyType))
                        .isInstanceOfSatisfying(NotFoundException.class, e -> {
                            assertThat(e.field()).isEqualTo("number");
                            assertThat(e.code()).isEqualTo(NotFoundException.ErrorCode.NOT_FOUND);
                        })
                        .hasMessageContaining("EP.99999999");
            }
        }
    }

    @Test
    void familyTypeWireNames() {
        assertThat(FamilyType.SIMPLE.wireName()).isEqualTo("simple");
        assertThat(FamilyType.parse("Extended", FamilyType.SIMPLE)).isEqualTo(FamilyType.EXTENDED);
        assertThat(FamilyType.parse(null, FamilyType.SIMPLE)).isEqualTo(FamilyType.SIMPLE);
        assertThatThrownBy(() -> FamilyType.parse("inpadoc", FamilyType.SIMPLE))
                .hasMessageContaining("simple, extended");
    }
}
