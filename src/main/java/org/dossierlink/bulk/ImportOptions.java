package org.dossierlink.bulk;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How to run one import.
 *
 * @param ticket    the run's ticket when starting a new run (null: a random one); an unfinished run of
 *                  the same package is resumed under its own ticket whatever this says
 * @param listener  told after every item
 * @param cancelled asked before every item: when it answers true the import stops cleanly after the
 *                  current item, the run is left INTERRUPTED and resumable
 * @param treatDossiersFileAsPackage read a plain canonical {@code dos:dossiers} file as a concatenated
 *                  package (one item per dossier) instead of refusing it as "not a package"
 */
public record ImportOptions(String ticket, ImportListener listener, BooleanSupplier cancelled,
                            boolean treatDossiersFileAsPackage) {

    public ImportOptions {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancelled, "cancelled");
    }

    public static ImportOptions defaults() {
        return new ImportOptions(null, ImportListener.NONE, () -> false, false);
    }

    public ImportOptions withTicket(String t) {
        return new ImportOptions(t, listener, cancelled, treatDossiersFileAsPackage);
    }

    public ImportOptions withListener(ImportListener l) {
        return new ImportOptions(ticket, l, cancelled, treatDossiersFileAsPackage);
    }

    public ImportOptions withCancellation(BooleanSupplier c) {
        return new ImportOptions(ticket, listener, c, treatDossiersFileAsPackage);
    }

    public ImportOptions withDossiersFileAsPackage(boolean b) {
        return new ImportOptions(ticket, listener, cancelled, b);
    }
}
