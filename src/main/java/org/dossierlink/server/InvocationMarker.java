package org.dossierlink.server;

import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Marks the exchange just before the service is invoked. A fault raised before the mark was
 * raised by CXF while reading the request (a request problem); a fault after it comes from the
 * service or from writing the response.
 */
final class InvocationMarker extends AbstractPhaseInterceptor<Message> {

    private static final String KEY = InvocationMarker.class.getName() + ".invoked";

    InvocationMarker() {
        super(Phase.PRE_INVOKE);
    }

    @Override
    public void handleMessage(Message message) {
        message.getExchange().put(KEY, Boolean.TRUE);
    }

    static boolean invoked(Exchange exchange) {
        return exchange != null && Boolean.TRUE.equals(exchange.get(KEY));
    }
}
