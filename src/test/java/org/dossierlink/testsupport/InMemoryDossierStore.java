package org.dossierlink.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.Publication;
import org.dossierlink.dossier.StoredDocument;

/** Test double of the store: maps in memory, same contract as the JDBC store. */
public final class InMemoryDossierStore implements DossierStore {

    private final Map<String, Dossier> dossiers = new ConcurrentHashMap<>();
    private final Map<String, Map<String, StoredDocument>> documents = new ConcurrentHashMap<>();

    @Override
    public synchronized SaveOutcome save(Dossier dossier) {
        Dossier old = dossiers.put(dossier.application().key(), dossier);
        return old == null ? SaveOutcome.INSERTED : old.equals(dossier) ? SaveOutcome.UNCHANGED : SaveOutcome.UPDATED;
    }

    @Override
    public synchronized void saveAll(Collection<Dossier> all) {
        all.forEach(this::save);
    }

    @Override
    public synchronized SaveOutcome saveDocument(String applicationKey, DocumentInfo info, byte[] content) {
        if (!dossiers.containsKey(applicationKey)) {
            throw new IllegalArgumentException("no application " + applicationKey);
        }
        Map<String, StoredDocument> docs = documents.computeIfAbsent(applicationKey, k -> new LinkedHashMap<>());
        StoredDocument old = docs.put(info.id(), new StoredDocument(info, content.clone()));
        if (old == null) {
            return SaveOutcome.INSERTED;
        }
        return old.info().equals(info) && Arrays.equals(old.content(), content) ? SaveOutcome.UNCHANGED : SaveOutcome.UPDATED;
    }

    @Override
    public Optional<Dossier> findByApplicationKey(String applicationKey) {
        return Optional.ofNullable(dossiers.get(applicationKey));
    }

    @Override
    public List<String> applicationKeysByPublication(String publicationKey) {
        return dossiers.values().stream()
                .filter(d -> d.publications().stream().map(Publication::key).anyMatch(publicationKey::equals))
                .map(d -> d.application().key()).sorted().toList();
    }

    @Override
    public List<PriorityLinks> linksByPriorities(Collection<String> priorityKeys) {
        return dossiers.values().stream()
                .filter(d -> priorityKeys.contains(d.application().key())
                        || activePriorities(d).stream().anyMatch(priorityKeys::contains))
                .map(InMemoryDossierStore::links).toList();
    }

    @Override
    public List<PriorityLinks> linksByApplications(Collection<String> applicationKeys) {
        return applicationKeys.stream().map(dossiers::get).filter(d -> d != null).map(InMemoryDossierStore::links).toList();
    }

    @Override
    public List<Dossier> findByApplicationKeys(Collection<String> applicationKeys) {
        return applicationKeys.stream().map(dossiers::get).filter(d -> d != null).toList();
    }

    @Override
    public synchronized List<DocumentInfo> documents(String applicationKey) {
        Map<String, StoredDocument> docs = documents.get(applicationKey);
        return docs == null ? List.of() : docs.values().stream().map(StoredDocument::info).toList();
    }

    @Override
    public synchronized Optional<StoredDocument> document(String applicationKey, String documentId) {
        Map<String, StoredDocument> docs = documents.get(applicationKey);
        return docs == null ? Optional.empty() : Optional.ofNullable(docs.get(documentId));
    }

    @Override
    public long applicationCount() {
        return dossiers.size();
    }

    @Override
    public void close() {
    }

    /** Every stored record (for the stand-in family lookup). */
    public List<Dossier> all() {
        return new ArrayList<>(dossiers.values());
    }

    static List<String> activePriorities(Dossier d) {
        return d.priorityClaims().stream().filter(PriorityClaim::active).map(PriorityClaim::key).toList();
    }

    private static PriorityLinks links(Dossier d) {
        return new PriorityLinks(d.application().key(), activePriorities(d));
    }
}
