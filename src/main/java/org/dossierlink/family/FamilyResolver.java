package org.dossierlink.family;

/** Resolves the family of one stored application. */
public interface FamilyResolver {

    /** Members of a family stop growing at this size (see {@link Family#truncated()}). */
    int DEFAULT_MAX_MEMBERS = 5000;

    FamilyType type();

    /**
     * The family of the application with key {@code applicationKey} (e.g. EP10167109).
     *
     * @throws org.dossierlink.NotFoundException when no such application is stored
     */
    Family resolve(String applicationKey);
}
