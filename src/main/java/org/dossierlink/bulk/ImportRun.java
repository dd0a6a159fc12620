package org.dossierlink.bulk;

import java.time.Instant;
import java.util.Objects;

/**
 * One import of one package, as the run registry holds it.
 *
 * @param ticket        the run's identifier (given by the caller, e.g. SubmitPackage's ticket, or made up)
 * @param identity      which package
 * @param sendingOffice the manifest's sending office (null for the concatenated form)
 * @param status        where it stands
 * @param itemCount     the manifest's item count, or the number of items found; null while unknown
 * @param lastSeq       the highest seq whose outcome is committed (items are committed in seq order)
 * @param totals        outcomes so far
 * @param receivedAt    when the run began
 * @param updatedAt     when its last item was committed
 * @param completedAt   when it finished, or null
 * @param reason        why it was refused or interrupted, or null
 */
public record ImportRun(String ticket, PackageIdentity identity, String sendingOffice, RunStatus status,
                        Long itemCount, long lastSeq, ImportTotals totals, Instant receivedAt, Instant updatedAt,
                        Instant completedAt, String reason) {

    public ImportRun {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
