package org.dossierlink.jobs;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.dossierlink.access.AccessGate;
import org.dossierlink.access.Caller;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore;
import org.dossierlink.dossier.PriorityIndex;
import org.dossierlink.dossier.StoredDocument;

/**
 * The store as one caller may read it for an export: the documents of a category its agreement with the
 * holder does not cover are left out of document lists and not found, as GetDocumentList and GetDocument
 * leave them out. Which dossiers an export holds is decided by its offices ({@link BulkExports#offices});
 * this view only narrows their documents. Read-only: writing through it is refused.
 */
final class CallerVisibleStore implements DossierStore {

    private final DossierStore store;
    private final AccessGate gate;
    private final Caller caller;

    CallerVisibleStore(DossierStore store, AccessGate gate, Caller caller) {
        this.store = Objects.requireNonNull(store, "store");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    private String holder(String applicationKey) {
        return store.findByApplicationKey(applicationKey).map(d -> d.application().office()).orElse(null);
    }

    @Override
    public List<DocumentInfo> documents(String applicationKey) {
        String holder = holder(applicationKey);
        return store.documents(applicationKey).stream()
                .filter(d -> holder != null && gate.document(caller, holder, d.group()).isAllowed()).toList();
    }

    @Override
    public Optional<StoredDocument> document(String applicationKey, String documentId) {
        String holder = holder(applicationKey);
        return store.document(applicationKey, documentId)
                .filter(d -> holder != null && gate.document(caller, holder, d.info().group()).isAllowed());
    }

    @Override
    public Optional<Dossier> findByApplicationKey(String applicationKey) {
        return store.findByApplicationKey(applicationKey);
    }

    @Override
    public List<Dossier> findByApplicationKeys(Collection<String> applicationKeys) {
        return store.findByApplicationKeys(applicationKeys);
    }

    @Override
    public List<String> applicationKeysByPublication(String publicationKey) {
        return store.applicationKeysByPublication(publicationKey);
    }

    @Override
    public List<PriorityLinks> linksByPriorities(Collection<String> priorityKeys) {
        return store.linksByPriorities(priorityKeys);
    }

    @Override
    public List<PriorityLinks> linksByApplications(Collection<String> applicationKeys) {
        return store.linksByApplications(applicationKeys);
    }

    @Override
    public <T> T readPriorityIndex(Function<? super PriorityIndex, T> reading) {
        return store.readPriorityIndex(reading);
    }

    @Override
    public long applicationCount() {
        return store.applicationCount();
    }

    @Override
    public void ping(int timeoutSeconds) {
        store.ping(timeoutSeconds);
    }

    @Override
    public SaveOutcome save(Dossier dossier) {
        throw new IllegalStateException("an export's view of the store is read-only");
    }

    @Override
    public void saveAll(Collection<Dossier> dossiers) {
        throw new IllegalStateException("an export's view of the store is read-only");
    }

    @Override
    public SaveOutcome saveDocument(String applicationKey, DocumentInfo info, byte[] content) {
        throw new IllegalStateException("an export's view of the store is read-only");
    }

    @Override
    public void close() {
        // the node's store outlives every export
    }
}
