package org.dossierlink.dossier;

import java.util.Collection;
import java.util.List;

import org.dossierlink.dossier.DossierStore.PriorityLinks;

/**
 * The family index: which applications claim which priorities. A {@link DossierStore} is one (each call
 * reads the store); {@link DossierStore#readPriorityIndex} hands out one that answers every call of a
 * family lookup from the same state.
 */
public interface PriorityIndex {

    /**
     * For each application that claims any of {@code priorityKeys} (active claims only), or whose own
     * key is one of them: its key and its active priority keys in claim order. Sorted by application
     * key, each application once.
     */
    List<PriorityLinks> linksByPriorities(Collection<String> priorityKeys);

    /** The same links for the given application keys; sorted by application key, unknown keys skipped. */
    List<PriorityLinks> linksByApplications(Collection<String> applicationKeys);
}
