package org.dossierlink.bulk;

import java.util.Objects;

/**
 * One line of a receipt.
 *
 * @param seq         the item's number in the manifest (or its position in a concatenated file), from 1
 * @param path        its entry path (or "#seq" in a concatenated file)
 * @param status      what happened
 * @param application the key(s) of the application(s) it holds, space-separated; null when not known
 * @param reason      why it was rejected; null otherwise
 */
public record ItemOutcome(long seq, String path, ItemStatus status, String application, String reason) {

    public ItemOutcome {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1, was " + seq);
        }
    }
}
