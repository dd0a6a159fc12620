package org.dossierlink.access;

import java.util.Objects;

/**
 * An entry as the audit log stores it: its place in the chain and the hashes that link it.
 *
 * @param seq      1 for the first entry, then one more for each
 * @param entry    what was recorded
 * @param prevHash the hash of entry {@code seq - 1} ({@link AuditChain#GENESIS} for entry 1), lowercase hex
 * @param hash     {@link AuditChain#hash(String, long, AuditEntry)} of the above, lowercase hex
 */
public record AuditRecord(long seq, AuditEntry entry, String prevHash, String hash) {

    public AuditRecord {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }
}
