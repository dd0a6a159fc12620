package org.dossierlink.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.dossierlink.access.Caller;
import org.dossierlink.testsupport.TestOffices;
import org.dossierlink.InvalidRequestException;
import org.dossierlink.NotFoundException;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.family.FamilyLookup;
import org.dossierlink.family.FamilyType;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.number.NumberType;
import org.dossierlink.store.JdbcDossierStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Numbers written without their filing year still find the application DOCDB keys with the year. */
class DossierServiceTest {

    private final JdbcDossierStore store = JdbcDossierStore.open(
            "jdbc:h2:mem:svc-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    private final NumberNormalizer normalizer = new NumberNormalizer();
    private final DossierService service = new DossierService(store, normalizer, new FamilyLookup(store),
            ServiceInfo.forOffices(List.of("US", "EP")), org.dossierlink.testsupport.TestDialects.converter(),
            TestOffices.gate());

    @AfterEach
    void close() {
        store.close();
    }

    private static Dossier app(String office, String number, LocalDate filed, PriorityClaim... claims) {
        return new Dossier(new ApplicationRef(office, number, "A", null, filed), List.of(), List.of(claims),
                List.of(), List.of(), List.of(), List.of(), List.of(), null, "test");
    }

    @Test
    void usApplicationWrittenWithoutItsYearIsFound() {
        PriorityClaim ep = new PriorityClaim(1, "EP", "10167109", null, LocalDate.of(2010, 6, 24), PriorityKind.REGIONAL, true);
        store.saveAll(List.of(app("EP", "10167109", LocalDate.of(2010, 6, 24)),
                app("US", "201113167395", LocalDate.of(2011, 6, 23), ep),
                app("US", "13415108", LocalDate.of(2008, 6, 5))));

        assertThat(service.documents(Caller.DEMO, "US", "13/167,395").application().key()).isEqualTo("US201113167395");
        assertThat(service.bibliographicData(Caller.DEMO, "US", "12/134,151").dossier().application().key()).isEqualTo("US13415108");

        var answer = service.family(Caller.DEMO, "US", "13/167,395", NumberType.APPLICATION, FamilyType.EXTENDED);
        assertThat(answer.query().docdb()).isEqualTo("US.201113167395.A");
        assertThat(answer.query().original()).isEqualTo("13/167,395");
        assertThat(answer.family().applicationKeys()).containsExactly("US201113167395", "EP10167109");

        assertThatThrownBy(() -> service.documents(Caller.DEMO, "US", "13/999,999")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void ambiguousYearlessNumbersAskForTheYear() {
        store.saveAll(List.of(app("US", "201313167395", LocalDate.of(2013, 1, 2)),
                app("US", "201213167395", LocalDate.of(2012, 1, 2))));
        assertThatThrownBy(() -> service.documents(Caller.DEMO, "US", "13/167,395"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("without its filing year")
                .hasMessageContaining("US201213167395, US201313167395");
    }
}
