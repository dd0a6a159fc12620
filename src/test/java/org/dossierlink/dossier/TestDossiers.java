package org.dossierlink.dossier;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds dossier records for tests: {@code TestDossiers.of("EP1").claims("US5").build()}. */
public final class TestDossiers {

    private final String office;
    private final String number;
    private final List<Publication> publications = new ArrayList<>();
    private final List<PriorityClaim> claims = new ArrayList<>();
    private final List<LocalizedText> titles = new ArrayList<>();
    private String familyId;

    private TestDossiers(String key) {
        this.office = key.substring(0, 2);
        this.number = key.substring(2);
    }

    /** An application with key {@code key} (two-letter office, then the number). */
    public static TestDossiers of(String key) {
        return new TestDossiers(key);
    }

    /** A dossier claiming {@code priorityKeys}, all active. */
    public static Dossier claiming(String key, String... priorityKeys) {
        return of(key).claims(priorityKeys).build();
    }

    /** Active claims of these priority keys. */
    public TestDossiers claims(String... priorityKeys) {
        for (String p : priorityKeys) {
            claim(p, true);
        }
        return this;
    }

    public TestDossiers claim(String priorityKey, boolean active) {
        claims.add(new PriorityClaim(claims.size() + 1, priorityKey.substring(0, 2), priorityKey.substring(2),
                null, null, null, active));
        return this;
    }

    public TestDossiers claim(PriorityClaim claim) {
        claims.add(claim);
        return this;
    }

    public TestDossiers publication(String country, String number, String kind, LocalDate date) {
        publications.add(new Publication(country, number, kind, date));
        return this;
    }

    public TestDossiers title(String lang, String text) {
        titles.add(new LocalizedText(lang, text));
        return this;
    }

    public TestDossiers familyId(String familyId) {
        this.familyId = familyId;
        return this;
    }

    public Dossier build() {
        return new Dossier(new ApplicationRef(office, number, "A", null, null), publications, claims, titles,
                List.of(), List.of(), List.of(), List.of(), familyId, "test");
    }
}
