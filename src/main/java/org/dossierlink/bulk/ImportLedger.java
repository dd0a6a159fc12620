package org.dossierlink.bulk;

import java.time.Instant;
import java.util.List;

/**
 * The write side of the run registry, and the one place where an item's data is stored: each item is one
 * transaction that writes its records and documents (with history rows for what they replace) and its outcome
 * row together, and the run reads (last seq, counters) as its committed outcomes say. That is what makes an
 * import killed at any moment resume exactly once. Implemented by {@code store.JdbcImportLedger}. Thread-safe.
 */
public interface ImportLedger extends ImportRuns {

    /** Creates a RUNNING run with no items done. */
    ImportRun begin(String ticket, PackageIdentity identity, String sendingOffice, Long itemCount, Instant receivedAt);

    /** Marks an unfinished run RUNNING again, to continue after its last seq; returns it as stored. */
    ImportRun resume(String ticket);

    /**
     * Stores the records of item {@code seq} and records its outcome, in one transaction: STORED when every
     * record is new, UNCHANGED when every record was stored with the same digest, REPLACED otherwise (the
     * replaced versions go to application_history in the same transaction).
     *
     * @throws IllegalStateException when {@code seq} is not after the run's last seq (an item is committed once)
     */
    ItemOutcome commit(String ticket, long seq, String path, List<StagedRecord> records);

    /**
     * The work on an item's records that needs no database (for a JDBC store: their JSON, content hash and
     * index keys), done ahead of {@link Items#commit(long, String, List, Object)} on another thread than the
     * committing one (the importer's reader); null when there is none. Thread-safe. It never refuses a record:
     * one it cannot prepare is left to the commit, which refuses it as it would without this.
     */
    default Object prepare(List<StagedRecord> records) {
        return null;
    }

    /** Records a rejected item (nothing of it stored), in one transaction with the run's counters. */
    ItemOutcome reject(String ticket, long seq, String path, String application, String reason);

    /**
     * The items of one run, committed one after the other by one thread: one transaction per item, with its
     * outcome, as {@link #commit} and {@link #reject} (the run's counters and last seq may be written only now
     * and then, as long as the run reads as its committed outcomes say), on resources the writer may hold for the
     * whole run (one connection and its prepared statements). Close it when the run stops committing, however
     * it stops.
     */
    default Items items(String ticket) {
        return new Items() {
            @Override
            public ItemOutcome commit(long seq, String path, List<StagedRecord> records) {
                return ImportLedger.this.commit(ticket, seq, path, records);
            }

            @Override
            public ItemOutcome reject(long seq, String path, String application, String reason) {
                return ImportLedger.this.reject(ticket, seq, path, application, reason);
            }

            @Override
            public void close() {
            }
        };
    }

    /** One run's item writer ({@link #items}): not thread-safe, one committing thread. */
    interface Items extends AutoCloseable {
        /** As {@link ImportLedger#commit}, for this writer's run. */
        ItemOutcome commit(long seq, String path, List<StagedRecord> records);

        /**
         * The same, with what {@link ImportLedger#prepare} made of these records ahead (null: nothing, or
         * not by this ledger); the stored result is the same either way.
         */
        default ItemOutcome commit(long seq, String path, List<StagedRecord> records, Object prepared) {
            return commit(seq, path, records);
        }

        /** As {@link ImportLedger#reject}, for this writer's run. */
        ItemOutcome reject(long seq, String path, String application, String reason);

        /** Gives back what the writer holds; nothing uncommitted remains. */
        @Override
        void close();
    }

    /** Ends a run: COMPLETED, INTERRUPTED (resumable) or REFUSED, with the final item count and a reason. */
    ImportRun finish(String ticket, RunStatus status, Long itemCount, String reason);
}
