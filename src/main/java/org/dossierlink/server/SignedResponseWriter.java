package org.dossierlink.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.apache.cxf.databinding.DataWriter;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Attachment;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageContentsList;
import org.apache.cxf.message.MessageUtils;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.apache.cxf.service.model.MessagePartInfo;
import org.apache.cxf.wsdl.interceptors.BareOutInterceptor;
import org.codehaus.stax2.XMLStreamWriter2;
import org.dossierlink.operator.NodeMetrics;
import org.dossierlink.signature.ExclusiveC14nWriter;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.xml.SecureXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Writes every successful response element signed. In the MARSHAL phase, before CXF would write the
 * response object, it marshals the object with the endpoint's own JAXB binding (MTOM attachments
 * included: a binary document becomes an xop:Include beside its signed SHA-256) straight into its exclusive
 * canonical form ({@link ExclusiveC14nWriter}, which digests it on the way), has {@link PayloadSigner} sign
 * that digest, and writes the canonical bytes with the canonical signature before the element's end tag
 * into the SOAP Body. No DOM is built. Where the canonical form cannot be written from a stream (an
 * {@code xsi:type}, a prefix of the signature's own on the root: see {@link ExclusiveC14nWriter}) it
 * marshals to DOM and has {@link PayloadSigner#sign(Element)} sign that; the bytes are the same either way.
 * Nothing re-serialises them afterwards: the bytes between the Body tags are the bytes the signature
 * covers, in SOAP 1.1 and 1.2 and with MTOM on. Faults are not signed.
 */
final class SignedResponseWriter extends AbstractPhaseInterceptor<Message> {

    private static final Logger LOG = LoggerFactory.getLogger(SignedResponseWriter.class);

    /** The largest first chunk of a canonical answer (the writer adds chunks of this size to larger ones). */
    private static final int MAX_INITIAL_BUFFER = 32 * 1024;

    private final PayloadSigner signer;
    private final NodeMetrics metrics;
    /** The initial buffer size: the last answer's size, bounded (a hint; races are harmless). */
    private volatile int expectedSize = 16 * 1024;

    SignedResponseWriter(PayloadSigner signer, NodeMetrics metrics) {
        super(Phase.MARSHAL);
        addBefore(BareOutInterceptor.class.getName());
        this.signer = Objects.requireNonNull(signer, "signer");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void handleMessage(Message message) {
        if (message.getContent(Exception.class) != null) {
            return;
        }
        Exchange exchange = message.getExchange();
        BindingOperationInfo operation = exchange.getBindingOperationInfo();
        MessageContentsList contents = MessageContentsList.getContentsList(message);
        if (operation == null || operation.getOutput() == null || contents == null || contents.isEmpty()
                || contents.get(0) == null) {
            return;
        }
        List<MessagePartInfo> parts = operation.getOutput().getMessageParts();
        if (parts.size() != 1) {
            throw new Fault(new IllegalStateException("operation " + operation.getName()
                    + " is not document/literal with one response element"));
        }
        if (message.getAttachments() == null && MessageUtils.getContextualBoolean(message, Message.MTOM_ENABLED, false)) {
            message.setAttachments(new ArrayList<>());
        }
        Object response = contents.get(0);
        ExclusiveC14nWriter canonical = writeCanonical(message, response, parts.get(0));
        if (canonical != null) {
            byte[] signature = metrics.signing(() -> signer.sign(canonical));
            write(message, canonical, signature);
        } else {
            Document doc = SecureXml.newDocument();
            DataWriter<Node> writer = exchange.getService().getDataBinding().createWriter(Node.class);
            setUp(writer, message);
            writer.write(response, parts.get(0), doc);
            Element payload = doc.getDocumentElement();
            byte[] signed = metrics.signing(() -> signer.sign(payload));
            write(message, signed);
        }
        // the response is written: leave nothing for CXF's own part writer
        message.setContent(List.class, new MessageContentsList());
    }

    /**
     * The response marshalled straight into its exclusive canonical form, or null where that form cannot be
     * written from a stream (see {@link ExclusiveC14nWriter}): then nothing of this attempt remains, and
     * the response is signed through a DOM.
     */
    private ExclusiveC14nWriter writeCanonical(Message message, Object response, MessagePartInfo part) {
        Collection<Attachment> attachments = message.getAttachments();
        List<Attachment> attachmentsBefore = attachments == null ? null : new ArrayList<>(attachments);
        ExclusiveC14nWriter canonical = new ExclusiveC14nWriter(PayloadSigner.ID_ATTRIBUTE, "dl-" + UUID.randomUUID(),
                expectedSize);
        DataWriter<XMLStreamWriter> writer = message.getExchange().getService().getDataBinding()
                .createWriter(XMLStreamWriter.class);
        setUp(writer, message);
        try {
            writer.write(response, part, canonical);
        } catch (RuntimeException e) {
            if (canonical.refusal() == null) {
                throw e;
            }
        }
        if (!canonical.complete()) {
            if (canonical.refusal() == null) {
                throw new Fault(new IllegalStateException("the response element was not written completely"));
            }
            LOG.debug("{} signed through a DOM: {}", response.getClass().getSimpleName(), canonical.refusal());
            // attachments the marshaller added on the way are made again by the DOM marshalling
            if (attachments != null) {
                attachments.retainAll(attachmentsBefore);
            }
            return null;
        }
        // the next buffer starts at the size of this answer, bounded: most answers then fit without growing
        expectedSize = Math.min(canonical.size() + 1024, MAX_INITIAL_BUFFER);
        return canonical;
    }

    /** As CXF's own writer is set up, so that binary content becomes an MTOM attachment. */
    private static void setUp(DataWriter<?> writer, Message message) {
        writer.setAttachments(message.getAttachments());
        writer.setProperty(DataWriter.ENDPOINT, message.getExchange().getEndpoint());
        writer.setProperty(Message.class.getName(), message);
    }

    /** The signed element: its canonical form with the signature before its end tag, straight into the stream. */
    private static void write(Message message, ExclusiveC14nWriter canonical, byte[] signature) {
        XMLStreamWriter xml = message.getContent(XMLStreamWriter.class);
        OutputStream out = message.getContent(OutputStream.class);
        if (xml != null && out != null) {
            try {
                xml.writeCharacters(""); // closes the Body start tag
                xml.flush();
                canonical.writeWith(signature, out);
            } catch (XMLStreamException | IOException e) {
                throw new Fault(e);
            }
        } else {
            write(message, canonical.toByteArrayWith(signature));
        }
    }

    /**
     * Puts the signed bytes into the stream as they are: the writer's pending output (up to the Body
     * start tag) is flushed to the message's stream and the bytes follow it directly, with no decoding
     * and re-encoding on the way (a tenth of a millisecond for a 60 KB answer).
     */
    private static void write(Message message, byte[] signed) {
        XMLStreamWriter xml = message.getContent(XMLStreamWriter.class);
        OutputStream out = message.getContent(OutputStream.class);
        try {
            if (xml != null && out != null) {
                xml.writeCharacters(""); // closes the Body start tag
                xml.flush();
                out.write(signed);
            } else if (xml instanceof XMLStreamWriter2 raw) {
                raw.writeRaw(new String(signed, StandardCharsets.UTF_8));
            } else {
                throw new Fault(new IllegalStateException("no stream to write the signed response to"));
            }
        } catch (XMLStreamException | IOException e) {
            throw new Fault(e);
        }
    }
}
