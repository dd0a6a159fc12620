package org.dossierlink.server;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.dossierlink.access.Caller;
import org.dossierlink.access.QuotaLedger;
import org.dossierlink.access.QuotaLedger.Standing;

/**
 * Per-office quotas at the SOAP edge ({@link QuotaLedger}): a request of an authenticated office over
 * its quota is refused with QuotaExceededFault and the HTTP {@code Retry-After} header; every answer to
 * an office carries {@code X-Throttling-Control} with where it stands (like EPO OPS); the bytes of every
 * answer count towards the office's day. Public calls without an office, and a demo node's default
 * caller, are not throttled.
 */
final class Throttling {

    static final String HEADER = "X-Throttling-Control";

    private final QuotaLedger ledger;

    Throttling(QuotaLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** In, PRE_PROTOCOL after authentication: counts the request, refuses it over quota. */
    AbstractPhaseInterceptor<SoapMessage> admit() {
        AbstractPhaseInterceptor<SoapMessage> i = new AbstractPhaseInterceptor<>(Phase.PRE_PROTOCOL) {
            @Override
            public void handleMessage(SoapMessage message) {
                Exchange exchange = message.getExchange();
                Caller caller = exchange.get(Caller.class);
                if (caller == null || caller.unrestricted()) {
                    return;
                }
                Standing standing = ledger.admit(caller.office());
                exchange.put(Standing.class, standing);
                if (!standing.admitted()) {
                    throw DeclaredSoapFault.of(message.getVersion(), null, "QuotaExceededFault", "QUOTA_EXCEEDED",
                            caller.office() + " has used its quota of " + (standing.exceeded().equals("bytes-per-day")
                                    ? standing.byteLimit() + " bytes per day" : standing.requestLimit() + " requests per minute")
                                    + "; try again in " + standing.retryAfterSeconds() + " s",
                            standing.exceeded(), standing.retryAfterSeconds());
                }
            }
        };
        i.addAfter(CallerAuthentication.class.getName());
        return i;
    }

    /** Out and out-fault, SETUP: X-Throttling-Control, and Retry-After on a refusal. */
    AbstractPhaseInterceptor<Message> header() {
        return new AbstractPhaseInterceptor<>(Phase.SETUP) {
            @Override
            public void handleMessage(Message message) {
                Standing standing = message.getExchange().get(Standing.class);
                if (standing == null) {
                    return;
                }
                ResponseHeaders.put(message, HEADER, standing.header());
                if (!standing.admitted()) {
                    ResponseHeaders.put(message, "Retry-After", Long.toString(standing.retryAfterSeconds()));
                }
            }
        };
    }

    /** Out and out-fault, PRE_STREAM: counts the bytes written to the caller into its day. */
    AbstractPhaseInterceptor<Message> countBytes() {
        AbstractPhaseInterceptor<Message> i = new AbstractPhaseInterceptor<>(Phase.PRE_STREAM) {
            @Override
            public void handleMessage(Message message) {
                Caller caller = message.getExchange().get(Caller.class);
                OutputStream out = message.getContent(OutputStream.class);
                if (caller == null || caller.unrestricted() || out == null) {
                    return;
                }
                message.setContent(OutputStream.class, new CountingStream(out, ledger, caller.office()));
            }
        };
        // before anything takes the stream to write on: the XML writer, the MTOM multipart writer
        i.addBefore(org.apache.cxf.interceptor.StaxOutInterceptor.class.getName());
        i.addBefore(org.apache.cxf.interceptor.AttachmentOutInterceptor.class.getName());
        return i;
    }

    /** Passes every byte on and adds the count to the office's day when the answer is closed. */
    private static final class CountingStream extends FilterOutputStream {
        private final QuotaLedger ledger;
        private final String office;
        private long count;
        private boolean closed;

        CountingStream(OutputStream out, QuotaLedger ledger, String office) {
            super(out);
            this.ledger = ledger;
            this.office = office;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                ledger.addBytes(office, count);
            }
            super.close();
        }
    }
}
