package org.dossierlink.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Numbers the distinct strings it is given, 0, 1, 2, ... in order of first sight, and finds them again:
 * a string interner without an object per string. The UTF-8 bytes of all strings sit end to end in one
 * array, and an open-addressing table of ids finds them; a million application keys take about 30 MB in
 * four arrays, which the garbage collector does not have to walk.
 *
 * <p>Not thread-safe: {@link InMemoryFamilyIndex} guards it.
 */
final class KeyDictionary {

    private byte[] bytes = new byte[1 << 12];
    private int usedBytes;
    /** ends[id]: where the bytes of string {@code id} end; they start where those of {@code id - 1} end. */
    private int[] ends = new int[256];
    private int size;
    /** id + 1 of the string hashed to a slot (or a later one), 0 for a free slot; a power of two, at most half full. */
    private int[] slots = new int[512];

    /** Number of distinct strings. */
    int size() {
        return size;
    }

    /** The id of {@code key}, or -1 when it was never added. */
    int find(String key) {
        byte[] b = key.getBytes(StandardCharsets.UTF_8);
        return slots[slotOf(b)] - 1;
    }

    /** The id of {@code key}, added when new. */
    int intern(String key) {
        byte[] b = key.getBytes(StandardCharsets.UTF_8);
        int slot = slotOf(b);
        if (slots[slot] != 0) {
            return slots[slot] - 1;
        }
        if (usedBytes + b.length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, usedBytes + b.length));
        }
        System.arraycopy(b, 0, bytes, usedBytes, b.length);
        usedBytes += b.length;
        if (size == ends.length) {
            ends = Arrays.copyOf(ends, size * 2);
        }
        int id = size++;
        ends[id] = usedBytes;
        slots[slot] = id + 1;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return id;
    }

    /** The string with id {@code id}. */
    String key(int id) {
        int start = start(id);
        return new String(bytes, start, ends[id] - start, StandardCharsets.UTF_8);
    }

    /** Bytes held by the arrays. */
    long heapBytes() {
        return bytes.length + 4L * ends.length + 4L * slots.length;
    }

    private int start(int id) {
        return id == 0 ? 0 : ends[id - 1];
    }

    /** The slot holding {@code b}, or the free slot where it would go. */
    private int slotOf(byte[] b) {
        int mask = slots.length - 1;
        int i = hash(b, 0, b.length) & mask;
        while (true) {
            int s = slots[i];
            if (s == 0) {
                return i;
            }
            int start = start(s - 1);
            int end = ends[s - 1];
            if (end - start == b.length && Arrays.equals(bytes, start, end, b, 0, b.length)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private void rehash(int capacity) {
        int[] table = new int[capacity];
        int mask = capacity - 1;
        for (int id = 0; id < size; id++) {
            int i = hash(bytes, start(id), ends[id]) & mask;
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = id + 1;
        }
        slots = table;
    }

    /** FNV-1a over the bytes, with the high bits folded in (the table uses the low ones). */
    private static int hash(byte[] b, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ (b[i] & 0xFF)) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
