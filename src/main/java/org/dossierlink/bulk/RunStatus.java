package org.dossierlink.bulk;

import java.util.Locale;

/** Where an import run stands. */
public enum RunStatus {
    /** Items are being imported (or the process died while they were: see {@link ImportRuns#unfinished()}). */
    RUNNING,
    /** Stopped on request (SIGTERM, cancellation) after a committed item; resumable. */
    INTERRUPTED,
    /** Every item has an outcome. */
    COMPLETED,
    /** The package was refused whole (its manifest failed verification); nothing of it was stored. */
    REFUSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == COMPLETED || this == REFUSED;
    }

    public static RunStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
