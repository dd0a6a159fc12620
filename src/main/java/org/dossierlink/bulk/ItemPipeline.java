package org.dossierlink.bulk;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Reads, validates and converts items on a thread of its own while the importing thread commits the previous ones,
 * in order: one reader, one committer, a queue between them bounded both in items and in bytes (so a run
 * of large items cannot fill the heap). The committer sees exactly the order the reader produced.
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

    private static final int MAX_QUEUED = 64;
    /** Bytes of items queued at once, in KB (an item larger than this takes all of it). */
    private static final int BUDGET_KB = 32 * 1024;

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final Semaphore budget = new Semaphore(BUDGET_KB);
    private final Thread reader;
    private volatile boolean stopped;

    ItemPipeline(Source source, String name) {
        reader = new Thread(() -> {
            try {
                for (Prepared p = source.next(); p != null && !stopped; p = source.next()) {
                    budget.acquire(kb(p));
                    queue.put(p);
                }
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                try {
                    queue.put(new Failure(t));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "dossierlink-bulk-reader " + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The next item in order, or null at the end; rethrows what stopped the reader. */
    Prepared take() throws InterruptedException {
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
        Prepared p = (Prepared) o;
        budget.release(kb(p));
        return p;
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
