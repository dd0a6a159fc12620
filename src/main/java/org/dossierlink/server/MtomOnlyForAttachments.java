package org.dossierlink.server;

import java.util.List;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.dossierlink.service.DossierEndpoint;

/**
 * MTOM is on for the endpoints, but a response goes out as multipart/related only when it carries
 * binary content (GetDocument of a PDF or TIFF). Every other response, faults included, is a
 * plain SOAP envelope, which every client stack reads, even those that never enabled MTOM.
 */
final class MtomOnlyForAttachments extends AbstractPhaseInterceptor<Message> {

    MtomOnlyForAttachments() {
        super(Phase.SETUP);
    }

    @Override
    public void handleMessage(Message message) {
        if (!carriesBinary(message)) {
            message.put(Message.MTOM_ENABLED, Boolean.FALSE);
        }
    }

    private static boolean carriesBinary(Message message) {
        if (message.getContent(Exception.class) != null) {
            return false;
        }
        List<?> contents = message.getContent(List.class);
        return contents != null && !contents.isEmpty() && DossierEndpoint.carriesAttachment(contents.get(0));
    }
}
