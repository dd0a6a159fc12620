package org.dossierlink.family;

import java.util.List;
import java.util.Objects;

import org.dossierlink.dossier.Dossier;

/**
 * One application of a family.
 *
 * @param dossier  its record
 * @param linkedBy the priorities, DOCDB form "CC.number", that link it: for a simple family the
 *                 priorities it shares with the queried application; for an extended family those
 *                 through which it joined (for the queried application: its own effective priorities)
 * @param queried  true for the application the lookup started from
 */
public record FamilyMember(Dossier dossier, List<String> linkedBy, boolean queried) {

    public FamilyMember {
        Objects.requireNonNull(dossier, "dossier");
        linkedBy = List.copyOf(linkedBy);
    }

    /** The application's key, e.g. EP10167109. */
    public String key() {
        return dossier.application().key();
    }
}
