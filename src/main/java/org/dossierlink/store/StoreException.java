package org.dossierlink.store;

/** The database failed (unreachable, full, constraint broken by another writer...): not the caller's fault. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
