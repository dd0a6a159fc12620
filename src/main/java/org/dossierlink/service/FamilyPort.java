package org.dossierlink.service;

import org.dossierlink.number.NormalizedNumber;

/** What the service needs from family resolution. */
@FunctionalInterface
public interface FamilyPort {

    /**
     * The family of the application the normalised number identifies.
     *
     * @throws org.dossierlink.NotFoundException when no stored application matches the number
     */
    FamilyResult lookup(NormalizedNumber query, FamilyKind kind);
}
