package org.dossierlink.server;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

import org.apache.cxf.interceptor.StaxInInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * A SOAP message must not contain processing instructions (SOAP 1.2 part 1 section 5, WS-I Basic Profile
 * R1009); a receiver should answer one with a Sender fault. Such an instruction is refused wherever it
 * stands, before the envelope or inside the body: an {@code <?xml-stylesheet href="..."?>} is neither
 * fetched nor applied, nor silently passed over. The XML declaration is not a processing instruction.
 */
final class ProcessingInstructionGuard extends AbstractPhaseInterceptor<Message> {

    static final String REFUSAL = "a processing instruction is not accepted in a SOAP request";

    ProcessingInstructionGuard() {
        super(Phase.POST_STREAM);
        addAfter(StaxInInterceptor.class.getName());
    }

    @Override
    public void handleMessage(Message message) {
        XMLStreamReader reader = message.getContent(XMLStreamReader.class);
        if (reader != null && !(reader instanceof Refusing)) {
            message.setContent(XMLStreamReader.class, new Refusing(reader));
        }
    }

    /** Every event passes through {@link #next()}, which refuses a processing instruction. */
    static final class Refusing extends StreamReaderDelegate {
        Refusing(XMLStreamReader reader) {
            super(reader);
        }

        @Override
        public int next() throws XMLStreamException {
            int event = super.next();
            if (event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
                throw new XMLStreamException(REFUSAL + " (<?" + getPITarget() + "?>)", getLocation());
            }
            return event;
        }

        @Override
        public int nextTag() throws XMLStreamException {
            int event = next();
            while (event == XMLStreamConstants.COMMENT || event == XMLStreamConstants.SPACE
                    || (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && isWhiteSpace()) {
                event = next();
            }
            if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
                // the wording of the StAX parsers, which RequestFaultRewriter recognises (a DTD, for one)
                throw new XMLStreamException("Received event " + eventName(event)
                        + ", instead of START_ELEMENT or END_ELEMENT.", getLocation());
            }
            return event;
        }

        private static String eventName(int event) {
            return switch (event) {
                case XMLStreamConstants.DTD -> "DTD";
                case XMLStreamConstants.CHARACTERS -> "CHARACTERS";
                case XMLStreamConstants.CDATA -> "CDATA";
                case XMLStreamConstants.ENTITY_REFERENCE -> "ENTITY_REFERENCE";
                case XMLStreamConstants.END_DOCUMENT -> "END_DOCUMENT";
                default -> String.valueOf(event);
            };
        }

        @Override
        public String getElementText() throws XMLStreamException {
            StringBuilder text = new StringBuilder();
            int event = next();
            while (event != XMLStreamConstants.END_ELEMENT) {
                if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                        || event == XMLStreamConstants.SPACE || event == XMLStreamConstants.ENTITY_REFERENCE) {
                    text.append(getText());
                } else if (event != XMLStreamConstants.COMMENT) {
                    throw new XMLStreamException("an element with text only was expected", getLocation());
                }
                event = next();
            }
            return text.toString();
        }
    }
}
