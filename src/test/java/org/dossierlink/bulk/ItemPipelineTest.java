package org.dossierlink.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reader-to-committer hand-over: order, end, failures and the byte budget, across chunk boundaries. */
class ItemPipelineTest {

    private static ItemPipeline.Prepared item(long seq, long bytes) {
        return new ItemPipeline.Prepared(seq, "items/" + seq + ".xml", List.of(), null, null, null, bytes, bytes);
    }

    /** A source of {@code count} items of {@code bytes} each, then the end. */
    private static ItemPipeline.Source items(int count, long bytes) {
        AtomicLong seq = new AtomicLong();
        return () -> seq.get() < count ? item(seq.incrementAndGet(), bytes) : null;
    }

    private static List<Long> drain(ItemPipeline pipeline) throws InterruptedException {
        List<Long> seqs = new ArrayList<>();
        for (ItemPipeline.Prepared p = pipeline.take(); p != null; p = pipeline.take()) {
            seqs.add(p.seq());
        }
        return seqs;
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void everyItemArrivesOnceInOrderWhateverTheChunking() throws Exception {
        for (int count : new int[] {0, 1, ItemPipeline.CHUNK - 1, ItemPipeline.CHUNK, ItemPipeline.CHUNK + 1, 1000}) {
            try (ItemPipeline pipeline = new ItemPipeline(items(count, 100), "test")) {
                List<Long> seqs = drain(pipeline);
                assertEquals(count, seqs.size(), "items of " + count);
                for (int i = 0; i < count; i++) {
                    assertEquals(i + 1, seqs.get(i));
                }
                assertNull(pipeline.take(), "the end stays the end");
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void itemsReadBeforeAFailureComeFirstThenTheFailure() throws Exception {
        AtomicLong seq = new AtomicLong();
        ItemPipeline.Source failsAtSeven = () -> {
            if (seq.get() == 6) {
                throw new IllegalStateException("entry 7 is unreadable");
            }
            return item(seq.incrementAndGet(), 10);
        };
        try (ItemPipeline pipeline = new ItemPipeline(failsAtSeven, "test")) {
            for (long expected = 1; expected <= 6; expected++) {
                assertEquals(expected, pipeline.take().seq());
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, pipeline::take);
            assertEquals("entry 7 is unreadable", e.getMessage());
            assertThrows(IllegalStateException.class, pipeline::take, "the failure stays");
        }
    }

    /**
     * Items so large that a chunk's worth exceeds the byte budget: the reader hands over the part chunk before it
     * waits for bytes, so the committer is never left waiting for a chunk the reader cannot finish.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void largeItemsDoNotStallTheHandOver() throws Exception {
        long eightMegabytes = 8L * 1024 * 1024;
        try (ItemPipeline pipeline = new ItemPipeline(items(3 * ItemPipeline.CHUNK, eightMegabytes), "test")) {
            assertEquals(3 * ItemPipeline.CHUNK, drain(pipeline).size());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void closeStopsAReaderThatIsAhead() throws Exception {
        ItemPipeline pipeline = new ItemPipeline(items(Integer.MAX_VALUE, 1), "test");
        assertEquals(1, pipeline.take().seq());
        pipeline.close();
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("dossierlink-bulk-reader test") && t.isAlive()),
                "the reader thread has ended");
    }
}
