package org.dossierlink.bulk;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Which applications an export holds. Implemented by {@code store.JdbcImportLedger}. */
public interface ExportSource {

    /**
     * Keys of the applications updated after {@code since} (null: all), of the given offices (empty: all),
     * greater than {@code afterKey} (null: from the first), in key order, at most {@code limit}.
     */
    List<String> changedKeys(Instant since, Set<String> offices, String afterKey, int limit);
}
