package org.dossierlink.store;

import java.util.Arrays;

/**
 * One short list of ints per id (0, 1, 2, ...), all held in one pool array: a list is a start, a length
 * and a capacity in the pool. A list that outgrows its room moves to the end of the pool; the room it
 * left is reclaimed when the pool would otherwise grow and at least half of it is such left room.
 * A list can be absent (length -1), which differs from empty. No object per list, so a million lists
 * cost the collector nothing to walk.
 *
 * <p>Not thread-safe: {@link InMemoryFamilyIndex} guards it.
 */
final class IntLists {

    private int[] start = new int[0];
    private int[] length = new int[0];
    private int[] capacity = new int[0];
    private int[] pool = new int[1024];
    private int used;
    private int unused;

    /** Whether the list of {@code id} is there (possibly empty). */
    boolean present(int id) {
        return id < length.length && length[id] >= 0;
    }

    /** Number of values in the list of {@code id}; 0 when absent. */
    int size(int id) {
        return id < length.length ? Math.max(0, length[id]) : 0;
    }

    /** Value {@code i} of the list of {@code id}. */
    int get(int id, int i) {
        return pool[start[id] + i];
    }

    /** Makes the list of {@code id} hold {@code values[0..n)}, in that order. */
    void set(int id, int[] values, int n) {
        ensureId(id);
        if (capacity[id] < n) {
            int moved = allocate(n);
            unused += capacity[id];
            start[id] = moved;
            capacity[id] = n;
        }
        System.arraycopy(values, 0, pool, start[id], n);
        length[id] = n;
    }

    /** Appends {@code value} to the list of {@code id} (an absent list becomes present). */
    void add(int id, int value) {
        ensureId(id);
        int n = Math.max(0, length[id]);
        if (n == capacity[id]) {
            int grown = Math.max(2, n * 2);
            int moved = allocate(grown);
            System.arraycopy(pool, start[id], pool, moved, n);
            unused += capacity[id];
            start[id] = moved;
            capacity[id] = grown;
        }
        pool[start[id] + n] = value;
        length[id] = n + 1;
    }

    /** Removes one occurrence of {@code value} from the list of {@code id}; the last value takes its place. */
    void remove(int id, int value) {
        int n = size(id);
        int from = n == 0 ? 0 : start[id];
        for (int i = from; i < from + n; i++) {
            if (pool[i] == value) {
                pool[i] = pool[from + n - 1];
                length[id] = n - 1;
                return;
            }
        }
    }

    /** Bytes held by the arrays. */
    long heapBytes() {
        return 4L * (start.length + length.length + capacity.length + pool.length);
    }

    private void ensureId(int id) {
        if (id < length.length) {
            return;
        }
        int grown = Math.max(id + 1, Math.max(16, length.length + (length.length >> 1)));
        int old = length.length;
        start = Arrays.copyOf(start, grown);
        length = Arrays.copyOf(length, grown);
        capacity = Arrays.copyOf(capacity, grown);
        Arrays.fill(length, old, grown, -1);
    }

    /** Room for {@code n} values at the end of the pool. */
    private int allocate(int n) {
        if (used + n > pool.length) {
            if (unused > used / 2) {
                compact();
            }
            if (used + n > pool.length) {
                pool = Arrays.copyOf(pool, Math.max(used + n, pool.length + (pool.length >> 1)));
            }
        }
        int at = used;
        used += n;
        return at;
    }

    /** Moves every list to the front of a fresh pool, each with room for exactly its values. */
    private void compact() {
        int live = 0;
        for (int id = 0; id < length.length; id++) {
            live += Math.max(0, length[id]);
        }
        int[] packed = new int[Math.max(1024, live + (live >> 2))];
        int at = 0;
        for (int id = 0; id < length.length; id++) {
            int n = Math.max(0, length[id]);
            System.arraycopy(pool, start[id], packed, at, n);
            start[id] = at;
            capacity[id] = n;
            at += n;
        }
        pool = packed;
        used = at;
        unused = 0;
    }
}
