package org.dossierlink.access;

/**
 * Where every access to the node is recorded. Thread-safe.
 *
 * <p>{@link #append} costs a request next to nothing: it hands the entry to a writer and returns; it
 * never waits for the database, unless the writer is so far behind that its bounded queue is full
 * (then it waits for room rather than lose the entry). Entries are written in the order they were
 * appended.
 */
public interface AuditTrail extends AutoCloseable {

    /** Records the entry (soon: see {@link #flush()}). Refused with IllegalStateException once closed. */
    void append(AuditEntry entry);

    /** Waits until every entry appended before this call is stored. */
    void flush();

    /** Stores what was appended, then stops. Appending afterwards is refused. */
    @Override
    void close();
}
