package org.dossierlink.linkage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Merges the members of one family found by several nodes: this node's first, then each peer's in the
 * order given, de-duplicated on a key (the normalised application number): the first node to list a
 * member keeps it.
 */
public final class FamilyMerge {

    private FamilyMerge() {
    }

    /** A member and the node that holds it. */
    public record Held<T>(T member, String node) {
    }

    /** The members one node listed, with who that node is. */
    public record Listed<T>(String node, List<T> members) {
        public Listed {
            Objects.requireNonNull(node, "node");
            members = List.copyOf(members);
        }
    }

    /**
     * @param key       the de-duplication key of a member
     * @param nodeOf    the node a member itself says holds it (a peer passing on a further peer's member), or null
     */
    public static <T> List<Held<T>> merge(List<Listed<T>> listings, Function<T, String> key, Function<T, String> nodeOf) {
        Set<String> seen = new HashSet<>();
        List<Held<T>> out = new ArrayList<>();
        for (Listed<T> listing : listings) {
            for (T member : listing.members()) {
                if (seen.add(key.apply(member))) {
                    String said = nodeOf.apply(member);
                    out.add(new Held<>(member, said == null || said.isEmpty() ? listing.node() : said));
                }
            }
        }
        return out;
    }
}
