package org.dossierlink.family;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dossierlink.NotFoundException;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore;
import org.dossierlink.dossier.DossierStore.PriorityLinks;
import org.dossierlink.dossier.PriorityIndex;
import org.dossierlink.dossier.PriorityClaim;

/** The rules both family definitions share: which keys link an application, and how to show them. */
final class PriorityGraph {

    private PriorityGraph() {
    }

    /**
     * The application's active priority keys; an application claiming none is its own priority
     * (a first filing, as in DOCDB).
     */
    static Set<String> effectivePriorities(PriorityLinks links) {
        return links.priorityKeys().isEmpty()
                ? Set.of(links.applicationKey())
                : new LinkedHashSet<>(links.priorityKeys());
    }

    /** The keys through which an application links to others: its active priorities and its own key. */
    static Set<String> linkKeys(PriorityLinks links) {
        Set<String> keys = new LinkedHashSet<>(links.priorityKeys());
        keys.add(links.applicationKey());
        return keys;
    }

    /**
     * What a resolver found in the family index: each member's key and the priority keys that link it, in the
     * order found, and whether the size limit cut it.
     */
    record Closure(Map<String, List<String>> linkedBy, boolean truncated) {

        /** The family: the members' records read from {@code store}, in family order. */
        Family family(DossierStore store, FamilyType type, String queriedKey) {
            return new Family(type, queriedKey, members(store, queriedKey, linkedBy), truncated);
        }
    }

    /** The links of a stored application, or a NotFoundException a person can act on. */
    static PriorityLinks linksOf(PriorityIndex index, String applicationKey) {
        List<PriorityLinks> links = index.linksByApplications(List.of(applicationKey));
        if (links.isEmpty()) {
            throw new NotFoundException("No application " + applicationKey + " in this store. Check the number,"
                    + " or look it up as a publication or priority number.", "number");
        }
        return links.get(0);
    }

    /** Members in family order: the queried application first, then the others by key. */
    static List<FamilyMember> members(DossierStore store, String queriedKey, Map<String, ? extends Collection<String>> linkedBy) {
        List<String> keys = new ArrayList<>(linkedBy.keySet());
        keys.remove(queriedKey);
        keys.sort(null);
        keys.add(0, queriedKey);
        List<Dossier> dossiers = store.findByApplicationKeys(keys);
        List<FamilyMember> members = new ArrayList<>(dossiers.size());
        for (Dossier d : dossiers) {
            String key = d.application().key();
            List<String> docdb = linkedBy.get(key).stream().map(k -> docdb(d, k)).toList();
            members.add(new FamilyMember(d, docdb, key.equals(queriedKey)));
        }
        return members;
    }

    /** "CC.number" of a priority key as the member itself writes it (one of its claims, or its own key). */
    static String docdb(Dossier member, String priorityKey) {
        for (PriorityClaim claim : member.priorityClaims()) {
            if (claim.key().equals(priorityKey)) {
                return claim.docdb();
            }
        }
        ApplicationRef a = member.application();
        if (a.key().equals(priorityKey)) {
            return a.office() + "." + a.number();
        }
        // not reached for keys the resolvers produce; keys start with a two-letter ST.3 code
        return priorityKey.substring(0, 2) + "." + priorityKey.substring(2);
    }
}
