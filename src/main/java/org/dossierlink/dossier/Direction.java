package org.dossierlink.dossier;

/** Whether the office received a document, sent it, or produced it for itself. */
public enum Direction {
    INCOMING, OUTGOING, INTERNAL;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
