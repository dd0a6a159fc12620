package org.dossierlink.bulk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.function.ToLongFunction;

/**
 * The entry paths a manifest lists, for the import's pre-pass (is a path listed twice, which entries are not
 * listed), in 16 to 32 bytes a path, where a set of the strings takes about 130: the pre-pass of a
 * million-item package needs 17 MB, not 130 MB, beside the ZIP directory the JDK keeps in the heap (about 90
 * bytes an entry), so it fits the 256 MB heap a bulk import runs in.
 *
 * <p>A path is held as a 64-bit digest: the first 8 bytes of SHA-256 over a salt drawn at random for each set,
 * then the path's UTF-8 bytes. Two different paths get the same digest only by chance (for a million paths
 * against a million entries, about one chance in 10<sup>7</sup>), and since the salt is secret and new for each
 * import, a sender cannot make two paths collide. {@link #add} answering "seen" is therefore only a suspicion,
 * which the caller confirms on the paths themselves; {@link #contains} answering "no" is always right.
 *
 * <p>Open addressing with linear probing in one {@code long[]} of a power-of-two length, kept at most half
 * full (the digests are uniform, so probes stay short). Not thread-safe.
 */
final class PathSet {

    private static final int SALT_BYTES = 16;
    /** The slot value for "empty"; a digest of 0 is stored as {@link #ZERO_DIGEST}. */
    private static final long EMPTY = 0L;
    private static final long ZERO_DIGEST = 1L;

    private final ToLongFunction<String> digest;
    private long[] slots = new long[1024];
    private int size;

    /** A set with a new random salt. */
    PathSet() {
        this(saltedSha256(newSalt()));
    }

    /** A set over the given digest (tests force collisions with it). */
    PathSet(ToLongFunction<String> digest) {
        this.digest = digest;
    }

    /**
     * Adds the path; false when its digest is held already: the same path added before, or (by chance only)
     * another one with the same digest.
     */
    boolean add(String path) {
        long d = stored(digest.applyAsLong(path));
        int i = find(slots, d);
        if (slots[i] == d) {
            return false;
        }
        slots[i] = d;
        if (++size > slots.length / 2) {
            grow();
        }
        return true;
    }

    /** False: the path was certainly never added. True: it was, or (by chance only) one with its digest was. */
    boolean contains(String path) {
        long d = stored(digest.applyAsLong(path));
        return slots[find(slots, d)] == d;
    }

    /** The digests held (distinct paths, but for chance collisions). */
    int size() {
        return size;
    }

    /** Bytes of the table (8 per slot; between 2 and 4 slots per digest held once it has grown). */
    long tableBytes() {
        return 8L * slots.length;
    }

    private static long stored(long d) {
        return d == EMPTY ? ZERO_DIGEST : d;
    }

    /** The slot holding {@code d}, or the empty slot where it would go. */
    private static int find(long[] table, long d) {
        int mask = table.length - 1;
        int i = (int) (d ^ (d >>> 32)) & mask;
        while (table[i] != EMPTY && table[i] != d) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] old = slots;
        long[] bigger = new long[old.length * 2];
        for (long d : old) {
            if (d != EMPTY) {
                bigger[find(bigger, d)] = d;
            }
        }
        slots = bigger;
    }

    private static byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return salt;
    }

    private static ToLongFunction<String> saltedSha256(byte[] salt) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        return path -> {
            sha.update(salt);
            sha.update(path.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        };
    }
}
