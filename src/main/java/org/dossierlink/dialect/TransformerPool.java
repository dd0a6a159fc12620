package org.dossierlink.dialect;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Supplier;

import net.sf.saxon.s9api.Destination;
import net.sf.saxon.s9api.Serializer;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltExecutable;

/**
 * Loaded transformers of one compiled stylesheet, kept for the next call. Loading a transformer
 * ({@link XsltExecutable#load30()}, the run-time lockdown, a serializer with the stylesheet's output
 * properties) is a fixed cost of every call, about a fifth of a small conversion. An
 * {@link Xslt30Transformer} may run many times, one run at a time: a caller {@link #borrow() borrows}
 * one, runs it and {@link #release(Loaded) gives it back}, or drops it when the run failed.
 *
 * <p>At most {@code capacity} idle transformers are kept; when more threads convert at once, the extra
 * ones are loaded for the call and then dropped. Every transformer comes from the supplier given here
 * (for dossierlink, {@link org.dossierlink.xml.SecureSaxon#transformer}), so a reused one is locked down
 * exactly as a new one.
 */
final class TransformerPool {

    /** Initial size of a transformer's output buffer: most conversions write 1 to 10 KB. */
    static final int BUFFER_SIZE = 8 * 1024;
    /** An output buffer that grew beyond this is not kept for the next run. */
    static final int MAX_KEPT_BUFFER = 64 * 1024;

    /**
     * A loaded transformer, a serializer made from it (the stylesheet's xsl:output) and the buffer it
     * writes to. The buffer is reused run after run (a new one of {@link #BUFFER_SIZE} cost a small
     * conversion a few per cent, in allocation and zeroing), unless a run made it larger than
     * {@link #MAX_KEPT_BUFFER}.
     */
    static final class Loaded {
        final Xslt30Transformer transformer;
        private final Serializer serializer;
        /** The UTF-8 writer used instead of Saxon's serializer, when the stylesheet's output allows; else null. */
        private final Utf8XmlDestination writer;
        private ByteArrayOutputStream buffer = new ByteArrayOutputStream(BUFFER_SIZE);

        private Loaded(Xslt30Transformer transformer, Utf8XmlDestination writer) {
            this.transformer = transformer;
            this.serializer = transformer.newSerializer();
            this.writer = writer;
        }

        /** The serializer, now writing to {@code out}. */
        Serializer serializerTo(OutputStream out) {
            serializer.setOutputStream(out);
            return serializer;
        }

        /**
         * The stylesheet's output, now written to this transformer's emptied buffer ({@link #written()} gives
         * the bytes): by {@link Utf8XmlDestination} when the stylesheet's output properties allow, else by
         * Saxon's serializer.
         */
        Destination destinationToBuffer() {
            buffer.reset();
            return writer != null ? writer.writingTo(buffer) : serializerTo(buffer);
        }

        /** What the last run wrote to the buffer (a copy: the buffer is reused). */
        byte[] written() {
            byte[] out = buffer.toByteArray();
            if (out.length > MAX_KEPT_BUFFER) {
                buffer = new ByteArrayOutputStream(BUFFER_SIZE);
            }
            return out;
        }
    }

    private final Supplier<Xslt30Transformer> loader;
    private final Supplier<Utf8XmlDestination> writers;
    private final ArrayBlockingQueue<Loaded> idle;

    /** Transformers whose buffered output Saxon's serializer writes. */
    TransformerPool(Supplier<Xslt30Transformer> loader, int capacity) {
        this(loader, () -> null, capacity);
    }

    /**
     * Transformers whose buffered output a writer from {@code writers} writes (see
     * {@link Utf8XmlDestination#forStylesheet}), or Saxon's serializer when it gives null.
     */
    TransformerPool(Supplier<Xslt30Transformer> loader, Supplier<Utf8XmlDestination> writers, int capacity) {
        this.loader = loader;
        this.writers = writers;
        this.idle = new ArrayBlockingQueue<>(capacity);
    }

    /** An idle transformer, or a newly loaded one when none is idle. */
    Loaded borrow() {
        Loaded l = idle.poll();
        return l != null ? l : new Loaded(loader.get(), writers.get());
    }

    /** Gives back a transformer whose run completed; kept when there is room. */
    void release(Loaded loaded) {
        // the serializer must not hold on to the caller's output stream while idle
        loaded.serializer.setOutputStream(OutputStream.nullOutputStream());
        if (loaded.writer != null) {
            loaded.writer.writingTo(OutputStream.nullOutputStream());
        }
        idle.offer(loaded);
    }

    /** How many loaded transformers wait for a call (for tests). */
    int idle() {
        return idle.size();
    }
}
