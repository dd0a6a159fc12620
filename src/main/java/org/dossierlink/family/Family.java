package org.dossierlink.family;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a family lookup.
 *
 * @param type       which definition was applied
 * @param queriedKey key of the application the lookup started from
 * @param members    the queried application first, then the others by key
 * @param truncated  true when the family reached the resolver's size limit and members were left
 *                   out: the answer is partial and says so, instead of failing or growing unbounded
 */
public record Family(FamilyType type, String queriedKey, List<FamilyMember> members, boolean truncated) {

    public Family {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(queriedKey, "queriedKey");
        members = List.copyOf(members);
    }

    /** A complete family. */
    public Family(FamilyType type, String queriedKey, List<FamilyMember> members) {
        this(type, queriedKey, members, false);
    }

    /** The members' application keys, in member order. */
    public List<String> applicationKeys() {
        return members.stream().map(FamilyMember::key).toList();
    }
}
