package org.dossierlink.dossier;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where dossiers live. One JDBC implementation serves H2 (embedded default) and PostgreSQL.
 * All numbers are normalised keys: country + DOCDB number, e.g. "EP10167109".
 * Implementations are thread-safe.
 */
public interface DossierStore extends PriorityIndex, AutoCloseable {

    enum SaveOutcome { INSERTED, UPDATED, UNCHANGED }

    /**
     * Inserts or replaces the record of {@code dossier.application()}; saving an identical record
     * again changes nothing and answers UNCHANGED (import is idempotent).
     */
    SaveOutcome save(Dossier dossier);

    /** Saves many in one transaction; much faster for bulk loads. */
    void saveAll(Collection<Dossier> dossiers);

    /** Adds or replaces one document of an existing application (idempotent on identical content). */
    SaveOutcome saveDocument(String applicationKey, DocumentInfo info, byte[] content);

    Optional<Dossier> findByApplicationKey(String applicationKey);

    /** Keys of the applications that have a publication with this country+number key. */
    List<String> applicationKeysByPublication(String publicationKey);

    /**
     * The family index: for each application that claims any of {@code priorityKeys}, or whose own
     * key is one of them, its key and its active priority keys.
     */
    @Override
    List<PriorityLinks> linksByPriorities(Collection<String> priorityKeys);

    /** The same links for the given application keys. */
    @Override
    List<PriorityLinks> linksByApplications(Collection<String> applicationKeys);

    /**
     * Runs {@code reading} against the family index and returns what it returns. A store that keeps the
     * index in memory (embedded H2, one owner) answers every call of {@code reading} from one committed
     * state: a write lands wholly before or wholly after it. This default reads the store itself, one
     * statement per call (PostgreSQL, where other nodes write at any time).
     */
    default <T> T readPriorityIndex(Function<? super PriorityIndex, T> reading) {
        return reading.apply(this);
    }

    /** Records of many applications at once (missing keys are skipped). */
    List<Dossier> findByApplicationKeys(Collection<String> applicationKeys);

    List<DocumentInfo> documents(String applicationKey);

    Optional<StoredDocument> document(String applicationKey, String documentId);

    /** Number of applications stored. */
    long applicationCount();

    /**
     * Checks that the store answers, within {@code timeoutSeconds}; for readiness checks.
     *
     * @throws RuntimeException saying why it does not
     */
    void ping(int timeoutSeconds);

    @Override
    void close();

    /** One application and the priority keys it claims (active ones only). */
    record PriorityLinks(String applicationKey, List<String> priorityKeys) {
        public PriorityLinks {
            priorityKeys = List.copyOf(priorityKeys);
        }
    }
}
