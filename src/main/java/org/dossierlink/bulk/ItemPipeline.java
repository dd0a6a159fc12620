package org.dossierlink.bulk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Reads, validates and converts items on a thread of its own while the importing thread commits the previous ones,
 * in order: one reader, one committer, a queue between them bounded both in items and in bytes (so a run
 * of large items cannot fill the heap). The committer sees exactly the order the reader produced.
 *
 * <p>The reader hands items over in chunks of up to {@value #CHUNK} (the last one as it is): one hand-over per
 * item woke the waiting thread each time, two system calls an item between the two threads, about 2.5% of a
 * 200,000-item import's CPU (BENCHMARKS.md, "Bulk packages", seventh session). A chunk is handed over
 * when full, at the end, before a failure (the committer still commits every item read before it) and before the
 * reader waits for the byte budget (which only the committer's takes give back).
 */
final class ItemPipeline implements AutoCloseable {

    /**
     * One item, read, validated and converted (or rejected) and ready to commit; {@code stored}: what the
     * ledger prepared of its records ahead ({@link ImportLedger#prepare}), or null.
     */
    record Prepared(long seq, String path, List<StagedRecord> records, Object stored, String application,
                    String reason, long bytes, long progressBytes) {
        boolean rejected() {
            return reason != null;
        }
    }

    /** Produces the items in order; null at the end. */
    @FunctionalInterface
    interface Source {
        Prepared next() throws Exception;
    }

    /** Items handed over at once. */
    static final int CHUNK = 16;
    /** Items queued at most (in chunks). */
    private static final int MAX_QUEUED = 64;
    /** Bytes of items queued at once, in KB (an item larger than this takes all of it). */
    private static final int BUDGET_KB = 32 * 1024;

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(MAX_QUEUED / CHUNK);
    private final Semaphore budget = new Semaphore(BUDGET_KB);
    private final Thread reader;
    private volatile boolean stopped;
    /** The chunk the committer takes items from, and its next item's index. */
    private List<Prepared> current;
    private int next;

    ItemPipeline(Source source, String name) {
        reader = new Thread(() -> {
            List<Prepared> chunk = new ArrayList<>(CHUNK);
            try {
                try {
                    for (Prepared p = source.next(); p != null && !stopped; p = source.next()) {
                        if (!budget.tryAcquire(kb(p))) {
                            // the budget is spent: what this chunk holds must reach the committer before
                            // the reader waits for bytes the committer gives back
                            if (!chunk.isEmpty()) {
                                queue.put(chunk);
                                chunk = new ArrayList<>(CHUNK);
                            }
                            budget.acquire(kb(p));
                        }
                        chunk.add(p);
                        if (chunk.size() == CHUNK) {
                            queue.put(chunk);
                            chunk = new ArrayList<>(CHUNK);
                        }
                    }
                } catch (InterruptedException e) {
                    throw e;
                } catch (Throwable t) {
                    // what was read before the failure is committed first
                    if (!chunk.isEmpty()) {
                        queue.put(chunk);
                    }
                    queue.put(new Failure(t));
                    return;
                }
                if (!chunk.isEmpty()) {
                    queue.put(chunk);
                }
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dossierlink-bulk-reader " + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The next item in order, or null at the end; rethrows what stopped the reader. Committing thread only. */
    Prepared take() throws InterruptedException {
        if (current != null && next < current.size()) {
            Prepared p = current.get(next++);
            budget.release(kb(p));
            return p;
        }
        current = null;
        Object o = queue.take();
        if (o == END) {
            queue.put(END);
            return null;
        }
        if (o instanceof Failure f) {
            queue.put(f);
            if (f.cause instanceof RuntimeException r) {
                throw r;
            }
            if (f.cause instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("reading the package failed: " + f.cause, f.cause);
        }
        @SuppressWarnings("unchecked")
        List<Prepared> chunk = (List<Prepared>) o;
        current = chunk;
        next = 0;
        return take();
    }

    private static int kb(Prepared p) {
        return (int) Math.min(BUDGET_KB, Math.max(1, p.bytes() / 1024));
    }

    /** Stops the reader (after the item it is on) and waits for it. */
    @Override
    public void close() {
        stopped = true;
        reader.interrupt();
        try {
            reader.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Failure(Throwable cause) {
    }
}
