package org.dossierlink.bulk;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import org.dossierlink.dialect.Dialect;

/**
 * What to export.
 *
 * @param since     only applications updated after this time; null for all
 * @param offices   only applications of these offices (ST.3 codes); empty for all
 * @param dialect   the dialect the dossier entries are written in (canonical also carries the documents' bytes)
 * @param packageId the manifest's pkg:packageId (null: a random UUID)
 */
public record ExportRequest(Instant since, Set<String> offices, Dialect dialect, String packageId) {

    public ExportRequest {
        offices = Set.copyOf(offices);
        Objects.requireNonNull(dialect, "dialect");
    }
}
