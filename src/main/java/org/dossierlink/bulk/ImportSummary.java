package org.dossierlink.bulk;

/**
 * What {@link PackageImporter#importPackage} did: the run as it ended (COMPLETED, INTERRUPTED or
 * REFUSED), and whether it resumed an earlier unfinished run of the same package.
 *
 * @param run     the run, re-read after its last item
 * @param resumed true when it continued an earlier run (the items up to the earlier run's lastSeq were not read again)
 * @param resumedAfterSeq the lastSeq the run resumed after (0 for a new run)
 */
public record ImportSummary(ImportRun run, boolean resumed, long resumedAfterSeq) {

    public boolean completed() {
        return run.status() == RunStatus.COMPLETED;
    }

    public ImportTotals totals() {
        return run.totals();
    }
}
