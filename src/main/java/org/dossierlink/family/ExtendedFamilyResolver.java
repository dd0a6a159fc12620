package org.dossierlink.family;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.dossierlink.dossier.DossierStore;
import org.dossierlink.dossier.DossierStore.PriorityLinks;
import org.dossierlink.dossier.PriorityIndex;

/**
 * INPADOC-like extended family: the transitive closure of "shares at least one priority", where
 * an application's own key also links it to the applications claiming it (so a continuation that
 * claims a US application joins that application's family).
 *
 * <p>Breadth-first over priority keys, one {@code linksByPriorities} call per level for all the
 * keys first reached at that level, then one {@code findByApplicationKeys} call for the records.
 * Each key is expanded once, so cycles (A claims B, B claims A) end. All the index calls of one lookup
 * read one state of the index ({@link DossierStore#readPriorityIndex}).
 *
 * <p>Size limit: the family stops growing at {@code maxMembers} (default
 * {@value FamilyResolver#DEFAULT_MAX_MEMBERS}). The answer then holds the members found by the
 * levels nearest to the queried application (the last level cut by key order) and is marked
 * {@link Family#truncated()}; nothing is thrown, so a caller still gets a usable, honest answer.
 */
public final class ExtendedFamilyResolver implements FamilyResolver {

    private final DossierStore store;
    private final int maxMembers;

    public ExtendedFamilyResolver(DossierStore store) {
        this(store, DEFAULT_MAX_MEMBERS);
    }

    public ExtendedFamilyResolver(DossierStore store, int maxMembers) {
        this.store = Objects.requireNonNull(store, "store");
        this.maxMembers = FamilyResolver.checkedMaxMembers(maxMembers);
    }

    @Override
    public FamilyType type() {
        return FamilyType.EXTENDED;
    }

    @Override
    public Family resolve(String applicationKey) {
        return store.readPriorityIndex(index -> closure(index, applicationKey))
                .family(store, FamilyType.EXTENDED, applicationKey);
    }

    /** The members and the keys through which each joined, from {@code index}. */
    PriorityGraph.Closure closure(PriorityIndex index, String applicationKey) {
        PriorityLinks queried = PriorityGraph.linksOf(index, applicationKey);
        Map<String, List<String>> linkedBy = new LinkedHashMap<>();
        linkedBy.put(applicationKey, List.copyOf(PriorityGraph.effectivePriorities(queried)));
        Set<String> expanded = new HashSet<>();
        Set<String> frontier = new TreeSet<>(PriorityGraph.linkKeys(queried));
        boolean truncated = false;
        while (!frontier.isEmpty() && !truncated) {
            expanded.addAll(frontier);
            Set<String> next = new TreeSet<>();
            for (PriorityLinks found : index.linksByPriorities(frontier)) {
                if (linkedBy.containsKey(found.applicationKey())) {
                    continue;
                }
                if (linkedBy.size() == maxMembers) {
                    truncated = true;
                    break;
                }
                Set<String> keys = PriorityGraph.linkKeys(found);
                List<String> through = new ArrayList<>();
                for (String key : keys) {
                    if (frontier.contains(key)) {
                        through.add(key);
                    } else if (!expanded.contains(key)) {
                        next.add(key);
                    }
                }
                linkedBy.put(found.applicationKey(), through);
            }
            frontier = next;
        }
        return new PriorityGraph.Closure(linkedBy, truncated);
    }
}
