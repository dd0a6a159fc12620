package org.dossierlink.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

import java.util.List;
import java.util.Map;

import org.apache.cxf.attachment.AttachmentDeserializer;
import org.apache.cxf.helpers.CastUtils;
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
 * <p>
 * A package upload (a multipart/related MTOM request whose SOAP action is SubmitPackage) may be larger:
 * up to the bulk package limit and an allowance for the envelope, with its attachment spooled by CXF to
 * the bulk work folder rather than held in memory. The endpoint holds the package itself to the exact
 * limit. A package sent inline (base64 in the envelope) is held to the ordinary limit.
 */
final class RequestSizeLimit extends AbstractPhaseInterceptor<Message> {

    private static final String KEY = RequestSizeLimit.class.getName() + ".exceeded";
    /** Room for the SOAP envelope and the MIME headers beside a package of the largest size. */
    static final long ENVELOPE_ALLOWANCE = 1024 * 1024;
    private static final String SUBMIT_PACKAGE_ACTION = DossierServer.NAMESPACE + ":SubmitPackage";

    private final long maxBytes;
    private final Uploads uploads;

    /**
     * Package uploads: their largest size, and where CXF spools their attachments.
     */
    record Uploads(long maxPackageBytes, java.nio.file.Path spoolDir) {
    }

    RequestSizeLimit(long maxBytes) {
        this(maxBytes, null);
    }

    /** @param uploads the limits of package uploads; null holds them to {@code maxBytes} like any request */
    RequestSizeLimit(long maxBytes, Uploads uploads) {
        super(Phase.RECEIVE);
        addBefore(AttachmentInInterceptor.class.getName());
        this.maxBytes = maxBytes;
        this.uploads = uploads;
    }

    @Override
    public void handleMessage(Message message) {
        long maxBytes = this.maxBytes;
        if (uploads != null && isPackageUpload(message)) {
            maxBytes = Math.max(maxBytes, uploads.maxPackageBytes() + ENVELOPE_ALLOWANCE);
            message.put(AttachmentDeserializer.ATTACHMENT_MAX_SIZE, maxBytes);
            message.put(AttachmentDeserializer.ATTACHMENT_DIRECTORY, uploads.spoolDir().toFile());
        }
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

    /** An MTOM request for SubmitPackage, by its SOAPAction (SOAP 1.1) or its start-info action (SOAP 1.2). */
    private static boolean isPackageUpload(Message message) {
        String contentType = (String) message.get(Message.CONTENT_TYPE);
        if (contentType == null || !contentType.regionMatches(true, 0, "multipart/related", 0, 17)) {
            return false;
        }
        if (contentType.contains(SUBMIT_PACKAGE_ACTION)) {
            return true;
        }
        Map<String, List<String>> headers = CastUtils.cast((Map<?, ?>) message.get(Message.PROTOCOL_HEADERS));
        List<String> action = headers == null ? null : headers.get("SOAPAction");
        return action != null && action.size() == 1 && action.get(0).replace("\"", "").trim().equals(SUBMIT_PACKAGE_ACTION);
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
