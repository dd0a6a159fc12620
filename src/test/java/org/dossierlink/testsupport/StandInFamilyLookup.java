package org.dossierlink.testsupport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.dossierlink.NotFoundException;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberType;
import org.dossierlink.service.FamilyKind;
import org.dossierlink.service.FamilyPort;
import org.dossierlink.service.FamilyResult;

/**
 * Test stand-in for {@code org.dossierlink.family.FamilyLookup}: simple family = same set of active
 * priorities; extended = transitively sharing one. Brute force over the in-memory store.
 */
public final class StandInFamilyLookup implements FamilyPort {

    private final InMemoryDossierStore store;

    public StandInFamilyLookup(InMemoryDossierStore store) {
        this.store = store;
    }

    @Override
    public FamilyResult lookup(NormalizedNumber query, FamilyKind kind) {
        Dossier queried = resolve(query);
        Set<String> own = new HashSet<>(InMemoryDossierStore.activePriorities(queried));
        List<Dossier> all = store.all();
        Set<Dossier> members = new LinkedHashSet<>();
        if (kind == FamilyKind.SIMPLE) {
            for (Dossier d : all) {
                if (new HashSet<>(InMemoryDossierStore.activePriorities(d)).equals(own)) {
                    members.add(d);
                }
            }
        } else {
            Set<String> priorities = new HashSet<>(own);
            Deque<String> todo = new ArrayDeque<>(own);
            members.add(queried);
            while (!todo.isEmpty()) {
                String p = todo.pop();
                for (Dossier d : all) {
                    List<String> ps = InMemoryDossierStore.activePriorities(d);
                    if (ps.contains(p) && members.add(d)) {
                        ps.stream().filter(priorities::add).forEach(todo::push);
                    }
                }
            }
        }
        members.add(queried);
        List<FamilyResult.Member> result = new ArrayList<>();
        members.stream().sorted(Comparator.comparing(d -> d.application().key())).forEach(d -> {
            List<String> linkedBy = d.priorityClaims().stream().filter(PriorityClaim::active)
                    .filter(c -> d == queried || kind == FamilyKind.EXTENDED || own.contains(c.key()))
                    .map(PriorityClaim::docdb).toList();
            result.add(new FamilyResult.Member(d, linkedBy, d == queried));
        });
        return new FamilyResult(kind, queried.application().key(), result);
    }

    private Dossier resolve(NormalizedNumber query) {
        List<String> keys = query.type() == NumberType.PUBLICATION
                ? store.applicationKeysByPublication(query.key()) : List.of(query.key());
        return keys.stream().map(store::findByApplicationKey).flatMap(java.util.Optional::stream).findFirst()
                .orElseThrow(() -> new NotFoundException("no application for " + query.docdb()
                        + " is held by this node", "number"));
    }
}
