package org.dossierlink.dialect;

import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Supplier;

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

    /** A loaded transformer and a serializer made from it (the stylesheet's xsl:output). */
    static final class Loaded {
        final Xslt30Transformer transformer;
        private final Serializer serializer;

        private Loaded(Xslt30Transformer transformer) {
            this.transformer = transformer;
            this.serializer = transformer.newSerializer();
        }

        /** The serializer, now writing to {@code out}. */
        Serializer serializerTo(OutputStream out) {
            serializer.setOutputStream(out);
            return serializer;
        }
    }

    private final Supplier<Xslt30Transformer> loader;
    private final ArrayBlockingQueue<Loaded> idle;

    TransformerPool(Supplier<Xslt30Transformer> loader, int capacity) {
        this.loader = loader;
        this.idle = new ArrayBlockingQueue<>(capacity);
    }

    /** An idle transformer, or a newly loaded one when none is idle. */
    Loaded borrow() {
        Loaded l = idle.poll();
        return l != null ? l : new Loaded(loader.get());
    }

    /** Gives back a transformer whose run completed; kept when there is room. */
    void release(Loaded loaded) {
        // the serializer must not hold on to the caller's output stream while idle
        loaded.serializer.setOutputStream(OutputStream.nullOutputStream());
        idle.offer(loaded);
    }

    /** How many loaded transformers wait for a call (for tests). */
    int idle() {
        return idle.size();
    }
}
