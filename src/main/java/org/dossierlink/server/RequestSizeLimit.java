package org.dossierlink.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.cxf.interceptor.AttachmentInInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * Refuses request bodies above a size: at once when Content-Length says so, otherwise (chunked)
 * as soon as the limit is read past. The fault is rewritten into InvalidRequestFault by
 * {@link RequestFaultRewriter}, which reads {@link #exceeded} for its message.
 */
final class RequestSizeLimit extends AbstractPhaseInterceptor<Message> {

    private static final String KEY = RequestSizeLimit.class.getName() + ".exceeded";

    private final long maxBytes;

    RequestSizeLimit(long maxBytes) {
        super(Phase.RECEIVE);
        addBefore(AttachmentInInterceptor.class.getName());
        this.maxBytes = maxBytes;
    }

    @Override
    public void handleMessage(Message message) {
        Object request = message.get(AbstractHTTPDestination.HTTP_REQUEST);
        if (request instanceof HttpServletRequest http && http.getContentLengthLong() > maxBytes) {
            message.getExchange().put(KEY, maxBytes);
            throw new Fault(new IOException(describe(maxBytes)));
        }
        InputStream in = message.getContent(InputStream.class);
        if (in != null) {
            message.setContent(InputStream.class, new Limited(in, maxBytes, message.getExchange()));
        }
    }

    /** The limit that was exceeded in this exchange, or null. */
    static Long exceeded(Exchange exchange) {
        return exchange == null ? null : (Long) exchange.get(KEY);
    }

    static String describe(long maxBytes) {
        return "the request body is larger than " + maxBytes + " bytes, the most this node accepts";
    }

    private static final class Limited extends FilterInputStream {
        private final long max;
        private final Exchange exchange;
        private long count;

        Limited(InputStream in, long max, Exchange exchange) {
            super(in);
            this.max = max;
            this.exchange = exchange;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }

        private void add(long n) throws IOException {
            count += n;
            if (count > max) {
                exchange.put(KEY, max);
                throw new IOException(describe(max));
            }
        }
    }
}
