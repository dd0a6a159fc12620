package org.dossierlink.jobs;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

import org.dossierlink.bulk.ImportTotals;

/**
 * Where a submitted package stands, as GetPackageReceipt reports it.
 *
 * @param submission     the submission
 * @param status         queued, running, completed, failed or refused
 * @param reason         failed or refused: why; null otherwise
 * @param completedAt    when the import finished, or null
 * @param itemsDone      items with an outcome
 * @param itemsTotal     items in the package, or -1 while unknown
 * @param bytesDone      package bytes read
 * @param bytesTotal     the package's size
 * @param itemsPerSecond this node's import rate for the package (0 when not running)
 * @param bytesPerSecond the same in bytes
 * @param totals         outcomes so far, or null before the import started
 * @param receipt        completed: the signed receipt's file, else null
 * @param receiptSha256  completed: its SHA-256, hex, else null
 */
public record PackageState(Submission submission, Status status, String reason, Instant completedAt, long itemsDone,
                           long itemsTotal, long bytesDone, long bytesTotal, double itemsPerSecond,
                           double bytesPerSecond, ImportTotals totals, Path receipt, String receiptSha256) {

    /** The statuses of the contract's PackageStatusType. */
    public enum Status {
        QUEUED, RUNNING, COMPLETED, FAILED, REFUSED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
