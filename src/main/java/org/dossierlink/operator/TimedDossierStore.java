package org.dossierlink.operator;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore;
import org.dossierlink.dossier.PriorityIndex;
import org.dossierlink.dossier.StoredDocument;

/** A {@link DossierStore} whose every query is timed in {@link NodeMetrics} ({@code dossierlink_store_query_seconds}). */
public final class TimedDossierStore implements DossierStore {

    private final DossierStore store;
    private final NodeMetrics metrics;

    public TimedDossierStore(DossierStore store, NodeMetrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public SaveOutcome save(Dossier dossier) {
        return metrics.storeQuery("save", () -> store.save(dossier));
    }

    @Override
    public void saveAll(Collection<Dossier> dossiers) {
        metrics.storeQuery("saveAll", () -> {
            store.saveAll(dossiers);
            return null;
        });
    }

    @Override
    public SaveOutcome saveDocument(String applicationKey, DocumentInfo info, byte[] content) {
        return metrics.storeQuery("saveDocument", () -> store.saveDocument(applicationKey, info, content));
    }

    @Override
    public Optional<Dossier> findByApplicationKey(String applicationKey) {
        return metrics.storeQuery("findByApplicationKey", () -> store.findByApplicationKey(applicationKey));
    }

    @Override
    public List<String> applicationKeysByPublication(String publicationKey) {
        return metrics.storeQuery("applicationKeysByPublication", () -> store.applicationKeysByPublication(publicationKey));
    }

    @Override
    public List<PriorityLinks> linksByPriorities(Collection<String> priorityKeys) {
        return timed(store).linksByPriorities(priorityKeys);
    }

    @Override
    public List<PriorityLinks> linksByApplications(Collection<String> applicationKeys) {
        return timed(store).linksByApplications(applicationKeys);
    }

    /** Each index call inside the reading is timed as the store's own call of that name. */
    @Override
    public <T> T readPriorityIndex(Function<? super PriorityIndex, T> reading) {
        return store.readPriorityIndex(index -> reading.apply(timed(index)));
    }

    private PriorityIndex timed(PriorityIndex index) {
        return new PriorityIndex() {
            @Override
            public List<PriorityLinks> linksByPriorities(Collection<String> priorityKeys) {
                return metrics.storeQuery("linksByPriorities", () -> index.linksByPriorities(priorityKeys));
            }

            @Override
            public List<PriorityLinks> linksByApplications(Collection<String> applicationKeys) {
                return metrics.storeQuery("linksByApplications", () -> index.linksByApplications(applicationKeys));
            }
        };
    }

    @Override
    public List<Dossier> findByApplicationKeys(Collection<String> applicationKeys) {
        return metrics.storeQuery("findByApplicationKeys", () -> store.findByApplicationKeys(applicationKeys));
    }

    @Override
    public List<DocumentInfo> documents(String applicationKey) {
        return metrics.storeQuery("documents", () -> store.documents(applicationKey));
    }

    @Override
    public Optional<StoredDocument> document(String applicationKey, String documentId) {
        return metrics.storeQuery("document", () -> store.document(applicationKey, documentId));
    }

    @Override
    public long applicationCount() {
        return metrics.storeQuery("applicationCount", store::applicationCount);
    }

    @Override
    public void ping(int timeoutSeconds) {
        store.ping(timeoutSeconds);
    }

    @Override
    public void close() {
        store.close();
    }
}
