package org.dossierlink.bulk;

/** Told how an import goes, on the importing thread: keep it quick. */
@FunctionalInterface
public interface ImportListener {

    ImportListener NONE = (progress, outcome) -> { };

    /** After each item's transaction committed (or its rejection was recorded). */
    void itemDone(ImportProgress progress, ItemOutcome outcome);

    /** Once the run is known (new or resumed), before the first item. */
    default void started(ImportRun run) {
    }
}
