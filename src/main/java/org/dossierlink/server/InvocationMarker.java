package org.dossierlink.server;

import java.util.List;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Checks that the request named an operation (an empty SOAP body names none) and marks the
 * exchange just before the service is invoked. A fault raised before the mark was
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
        if (message.getExchange().getBindingOperationInfo() == null) {
            throw new Fault(new IllegalArgumentException("the SOAP body names no operation: it must hold one request"
                    + " element of the contract, e.g. GetServiceInfo in namespace urn:dossierlink:messages:1"));
        }
        List<?> params = message.getContent(List.class);
        if (params == null || params.isEmpty() || params.get(0) == null) {
            throw new Fault(new IllegalArgumentException("the SOAP body holds no request element: it must hold the "
                    + message.getExchange().getBindingOperationInfo().getName().getLocalPart()
                    + " element of namespace urn:dossierlink:messages:1"));
        }
        message.getExchange().put(KEY, Boolean.TRUE);
    }

    static boolean invoked(Exchange exchange) {
        return exchange != null && Boolean.TRUE.equals(exchange.get(KEY));
    }
}
