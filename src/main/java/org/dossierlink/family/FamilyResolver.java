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

    /** A size limit a resolver accepts: at least one member. */
    static int checkedMaxMembers(int maxMembers) {
        if (maxMembers < 1) {
            throw new IllegalArgumentException("maxMembers must be at least 1, got " + maxMembers);
        }
        return maxMembers;
    }
}
