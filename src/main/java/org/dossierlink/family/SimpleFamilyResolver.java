package org.dossierlink.family;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.dossierlink.dossier.DossierStore;
import org.dossierlink.dossier.DossierStore.PriorityLinks;
import org.dossierlink.dossier.PriorityIndex;

/**
 * DOCDB-like simple family: the applications whose effective priority set equals the queried
 * application's. Three store calls: the queried links, the applications claiming (or being) any of
 * its priorities, and their records. Every member claims all of the set (or, for a first filing,
 * is it), so the candidates of one {@code linksByPriorities} call contain the whole family. The two
 * index calls read one state of the index ({@link DossierStore#readPriorityIndex}).
 */
public final class SimpleFamilyResolver implements FamilyResolver {

    private final DossierStore store;
    private final int maxMembers;

    public SimpleFamilyResolver(DossierStore store) {
        this(store, DEFAULT_MAX_MEMBERS);
    }

    public SimpleFamilyResolver(DossierStore store, int maxMembers) {
        this.store = Objects.requireNonNull(store, "store");
        this.maxMembers = FamilyResolver.checkedMaxMembers(maxMembers);
    }

    @Override
    public FamilyType type() {
        return FamilyType.SIMPLE;
    }

    @Override
    public Family resolve(String applicationKey) {
        return store.readPriorityIndex(index -> closure(index, applicationKey))
                .family(store, FamilyType.SIMPLE, applicationKey);
    }

    /** The members and their links, from {@code index}. */
    PriorityGraph.Closure closure(PriorityIndex index, String applicationKey) {
        PriorityLinks queried = PriorityGraph.linksOf(index, applicationKey);
        Set<String> priorities = PriorityGraph.effectivePriorities(queried);
        List<String> shared = List.copyOf(priorities);
        Map<String, List<String>> linkedBy = new LinkedHashMap<>();
        linkedBy.put(applicationKey, shared);
        boolean truncated = false;
        for (PriorityLinks candidate : index.linksByPriorities(priorities)) {
            if (linkedBy.containsKey(candidate.applicationKey())
                    || !PriorityGraph.effectivePriorities(candidate).equals(priorities)) {
                continue;
            }
            if (linkedBy.size() == maxMembers) {
                truncated = true;
                break;
            }
            linkedBy.put(candidate.applicationKey(), shared);
        }
        return new PriorityGraph.Closure(linkedBy, truncated);
    }
}
