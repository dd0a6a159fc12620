package org.dossierlink.service;

import java.util.List;
import java.util.Objects;

import org.dossierlink.dossier.Dossier;

/**
 * A resolved family, as the service hands it to the SOAP edge.
 *
 * @param kind       the definition used
 * @param queriedKey store key (country + number) of the application the query resolved to
 * @param members    the members, the queried application among them
 */
public record FamilyResult(FamilyKind kind, String queriedKey, List<Member> members) {

    public FamilyResult {
        Objects.requireNonNull(kind, "kind");
        members = List.copyOf(members);
    }

    /**
     * One family member.
     *
     * @param dossier  its record
     * @param linkedBy DOCDB form (CC.number) of each priority that links it to the family
     * @param queried  true for the application the query resolved to
     */
    public record Member(Dossier dossier, List<String> linkedBy, boolean queried) {
        public Member {
            Objects.requireNonNull(dossier, "dossier");
            linkedBy = List.copyOf(linkedBy);
        }
    }
}
