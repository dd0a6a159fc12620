package org.dossierlink.server;

import java.util.Objects;

import javax.xml.namespace.QName;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.dossierlink.operator.NodeMetrics;
import org.dossierlink.operator.NodeMetrics.Outcome;

/**
 * Times every SOAP request from its arrival to the end of its answer, and counts faults, in
 * {@link NodeMetrics}: labelled by operation, calling office and outcome. One instance serves as the
 * in interceptor that starts the clock and as the out and out-fault interceptor that stops it.
 */
final class RequestMetrics {

    /** Exchange property: the calling office, once authentication has named it. */
    static final String CALLER = "dossierlink.caller";

    private static final String STARTED = RequestMetrics.class.getName() + ".started";

    private final NodeMetrics metrics;

    RequestMetrics(NodeMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    AbstractPhaseInterceptor<Message> start() {
        return new AbstractPhaseInterceptor<>(Phase.RECEIVE) {
            @Override
            public void handleMessage(Message message) {
                message.getExchange().put(STARTED, System.nanoTime());
            }
        };
    }

    AbstractPhaseInterceptor<Message> stop() {
        return new AbstractPhaseInterceptor<>(Phase.SEND_ENDING) {
            @Override
            public void handleMessage(Message message) {
                record(message);
            }

            @Override
            public void handleFault(Message message) {
                record(message);
            }
        };
    }

    private void record(Message message) {
        Exchange exchange = message.getExchange();
        Object started = exchange.remove(STARTED);
        if (!(started instanceof Long start)) {
            return;
        }
        BindingOperationInfo operation = exchange.getBindingOperationInfo();
        String name = operation == null ? "unknown" : operation.getName().getLocalPart();
        Object caller = exchange.get(CALLER);
        String office = caller instanceof String s ? s : NodeMetrics.UNIDENTIFIED;
        metrics.request(name, office, outcome(message), System.nanoTime() - start);
    }

    private static Outcome outcome(Message message) {
        Exception e = message.getContent(Exception.class);
        if (e == null) {
            return Outcome.OK;
        }
        QName code = e instanceof Fault f ? f.getFaultCode() : null;
        // CXF's own codes are "client"/"server"; SOAP's are Client/Server (1.1) and Sender/Receiver (1.2)
        String local = code == null ? "" : code.getLocalPart().toLowerCase(java.util.Locale.ROOT);
        return local.equals("client") || local.equals("sender") || local.equals("versionmismatch")
                ? Outcome.CLIENT_FAULT : Outcome.SERVER_FAULT;
    }
}
