package org.dossierlink.bulk;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The run registry: every import run with its status, counts and last committed seq, and the outcome
 * of each of its items. Read by the server (GetPackageReceipt, /metrics, resuming at start-up) and by
 * {@link ReceiptWriter}. Implemented by {@code store.JdbcImportLedger}. Thread-safe.
 */
public interface ImportRuns {

    /** The run with this ticket. */
    Optional<ImportRun> byTicket(String ticket);

    /** The most recent run of the package whose identity digest is {@code packageSha256}. */
    Optional<ImportRun> latestByPackage(String packageSha256);

    /**
     * Runs that did not finish (RUNNING: the process died or is still at it; INTERRUPTED: stopped on
     * request), oldest first: what a node resumes at start-up, by importing the same package file again.
     */
    List<ImportRun> unfinished();

    /**
     * The outcomes of a run with {@code seq > afterSeq}, in seq order, at most {@code limit} of them;
     * returns how many were passed to {@code sink}. Page through a large run with the last seq seen.
     */
    int outcomes(String ticket, long afterSeq, int limit, Consumer<ItemOutcome> sink);
}
