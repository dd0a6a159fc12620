package org.dossierlink.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The hash chain of the audit log: each entry's hash covers the hash before it, so changing,
 * removing or inserting an entry shows at that entry when the chain is walked again.
 *
 * <p>{@code hash = SHA-256(encoding)}, in lowercase hex, where the encoding is, in order:
 * <ol>
 * <li>the 20 ASCII bytes {@code dossierlink-audit-v1};</li>
 * <li>the previous entry's hash as 32 bytes ({@link #GENESIS}, all zeros, before entry 1);</li>
 * <li>{@code seq} as a big-endian 64-bit integer;</li>
 * <li>the time as seconds since 1970-01-01T00:00Z (64-bit) and nanoseconds (32-bit);</li>
 * <li>requestId, caller, operation, target, result and reason, each as its UTF-8 length (32-bit)
 *     followed by its UTF-8 bytes; a null reason is the length -1 and no bytes.</li>
 * </ol>
 * Every field has a fixed size or a length in front of it, so no two different entries share an
 * encoding. An auditor can recompute the chain from the table with this description alone.
 */
public final class AuditChain {

    /** The hash before the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final byte[] TAG = "dossierlink-audit-v1".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {
    }

    /**
     * The hash of entry {@code seq} chained to {@code prevHash}.
     *
     * @throws IllegalArgumentException when prevHash is not 64 hex digits
     */
    public static String hash(String prevHash, long seq, AuditEntry entry) {
        byte[] prev = decode(prevHash);
        byte[][] texts = {utf8(entry.requestId()), utf8(entry.caller()), utf8(entry.operation()),
                utf8(entry.target()), utf8(entry.result()), entry.reason() == null ? null : utf8(entry.reason())};
        int size = TAG.length + prev.length + 8 + 8 + 4;
        for (byte[] t : texts) {
            size += 4 + (t == null ? 0 : t.length);
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(TAG).put(prev).putLong(seq).putLong(entry.time().getEpochSecond()).putInt(entry.time().getNano());
        for (byte[] t : texts) {
            if (t == null) {
                b.putInt(-1);
            } else {
                b.putInt(t.length).put(t);
            }
        }
        return HEX.formatHex(sha256().digest(b.array()));
    }

    private static byte[] decode(String hash) {
        Objects.requireNonNull(hash, "hash");
        if (hash.length() != 64) {
            throw new IllegalArgumentException("not a SHA-256 hash in hex: '" + hash + "'");
        }
        try {
            return HEX.parseHex(hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a SHA-256 hash in hex: '" + hash + "'", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * A walk along the chain: give it the records in sequence order; it stops believing at the first
     * one that does not hold (a gap in the sequence, a link to another hash, or a hash that does not
     * match the record's contents).
     */
    public static final class Walk {

        private long checked;
        private long lastSeq;
        private String lastHash = GENESIS;
        private ChainCheck broken;

        /** Checks the next record; false once the chain is broken (the rest is not looked at). */
        public boolean accept(AuditRecord r) {
            if (broken != null) {
                return false;
            }
            checked++;
            long expected = lastSeq + 1;
            if (r.seq() != expected) {
                return breakAt(r.seq() > expected ? expected : r.seq(), r.seq() > expected
                        ? "entry " + expected + " is missing (the next entry is " + r.seq() + ")"
                        : "entry " + r.seq() + " is out of order (expected " + expected + ")");
            }
            if (!r.prevHash().equals(lastHash)) {
                return breakAt(r.seq(), expected == 1
                        ? "the first entry does not start from the genesis hash"
                        : "its link (prev_hash) is not the hash of entry " + lastSeq
                                + " (an entry was changed, removed or inserted)");
            }
            String recomputed;
            try {
                recomputed = hash(r.prevHash(), r.seq(), r.entry());
            } catch (IllegalArgumentException e) {
                return breakAt(r.seq(), e.getMessage());
            }
            if (!recomputed.equals(r.hash())) {
                return breakAt(r.seq(), "its hash does not match its contents (the entry was changed)");
            }
            lastSeq = r.seq();
            lastHash = r.hash();
            return true;
        }

        /** Records a problem found outside the records (e.g. in the head row), unless one was found before. */
        public void fail(long seq, String problem) {
            if (broken == null) {
                broken = ChainCheck.broken(checked, seq, problem);
            }
        }

        private boolean breakAt(long seq, String problem) {
            fail(seq, problem);
            return false;
        }

        /** The last entry that checked out (0 before any). */
        public long lastSeq() {
            return lastSeq;
        }

        /** Its hash ({@link #GENESIS} before any). */
        public String lastHash() {
            return lastHash;
        }

        public boolean isBroken() {
            return broken != null;
        }

        /** Intact with the number of entries checked, or where it first broke. */
        public ChainCheck result() {
            return broken != null ? broken : ChainCheck.ok(checked);
        }
    }
}
