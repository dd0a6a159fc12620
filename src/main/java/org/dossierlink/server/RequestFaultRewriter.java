package org.dossierlink.server;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapBinding;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.SoapVersion;
import org.apache.cxf.binding.soap.interceptor.Soap11FaultOutInterceptor;
import org.apache.cxf.binding.soap.interceptor.Soap12FaultOutInterceptor;
import org.apache.cxf.endpoint.Endpoint;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.dossierlink.DossierlinkException.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Out-fault interceptor that gives every fault a shape a caller can act on, in the SOAP version of
 * the port that received the request:
 * <ul>
 * <li>the typed faults the endpoint throws (declared in the WSDL) pass unchanged;</li>
 * <li>faults CXF raises while reading the request (not well-formed XML, empty body, unknown
 * operation or SOAPAction, schema-invalid or unmarshallable content, DTD, size and StAX limits)
 * become a Client/Sender fault with the declared {@code InvalidRequestFault} detail, code
 * INVALID_REQUEST and the parser's message without class names or stack traces;</li>
 * <li>a SOAP VersionMismatch keeps its code (SOAP 1.1 section 4.4.1, SOAP 1.2 appendix A) and gets
 * the same detail, telling which port speaks which version;</li>
 * <li>anything else failed inside this node: a Server/Receiver fault with a reference to the log
 * entry that holds the stack trace.</li>
 * </ul>
 */
final class RequestFaultRewriter extends AbstractPhaseInterceptor<Message> {

    static final String MESSAGES_NS = "urn:dossierlink:messages:1";

    private static final Logger LOG = LoggerFactory.getLogger(RequestFaultRewriter.class);
    private static final int MAX_MESSAGE = 500;
    /** "com.ctc.wstx.exc.WstxParsingException: " and the like. */
    private static final Pattern CLASS_PREFIX =
            Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error|Fault)\\b:?\\s*");
    /** Schema validation names the expected element: One of '{"urn:...":office}' is expected. */
    private static final Pattern EXPECTED_ELEMENT = Pattern.compile("One of '\\{(?:\"[^\"]*\":)?([A-Za-z_][\\w.-]*)");
    /** CXF's answer to an xop:Include whose href is not one of the request's parts. */
    private static final Pattern XOP_NOT_FOUND = Pattern.compile("No attachment for id (\\S+) found");
    private static final Pattern INVALID_VALUE_OF = Pattern.compile("of element '(?:[\\w.-]+:)?([A-Za-z_][\\w.-]*)'");

    private final String soap11Address;
    private final String soap12Address;

    RequestFaultRewriter(String soap11Address, String soap12Address) {
        super(Phase.PRE_PROTOCOL);
        addBefore(Soap11FaultOutInterceptor.class.getName());
        addBefore(Soap12FaultOutInterceptor.class.getName());
        this.soap11Address = soap11Address;
        this.soap12Address = soap12Address;
    }

    @Override
    public void handleMessage(Message message) {
        Exception ex = message.getContent(Exception.class);
        if (!(ex instanceof Fault fault) || !(message instanceof SoapMessage soap)) {
            return;
        }
        if (fault instanceof DeclaredSoapFault) {
            return; // authentication and quota refusals: already in their declared shape
        }
        if (isDeclaredFault(fault)) {
            // the caller can act on every declared fault: Client (SOAP 1.1) / Sender (SOAP 1.2)
            fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
            return;
        }
        SoapVersion version = soap.getVersion();
        if (InvocationMarker.invoked(message.getExchange())) {
            message.setContent(Exception.class, internalError(fault, version, RequestAccounting.requestId(message.getExchange())));
            return;
        }
        if (isVersionMismatch(fault)) {
            String text = "a SOAP " + version.getVersion() + " envelope was sent to the SOAP " + portVersion(soap)
                    + " port; send SOAP 1.1 envelopes to " + soap11Address + " and SOAP 1.2 envelopes to " + soap12Address;
            SoapFault rewritten = new SoapFault(text, version.getVersionMismatch());
            addDetail(rewritten, text, null);
            message.setContent(Exception.class, rewritten);
            return;
        }
        Long limit = RequestSizeLimit.exceeded(message.getExchange());
        String text = limit != null ? RequestSizeLimit.describe(limit) : describe(fault);
        SoapFault rewritten = new SoapFault(text, version.getSender());
        addDetail(rewritten, text, limit != null ? null : fieldOf(fault));
        LOG.debug("request refused: {}", text);
        message.setContent(Exception.class, rewritten);
    }

    private static String portVersion(SoapMessage message) {
        Endpoint endpoint = message.getExchange() == null ? null : message.getExchange().getEndpoint();
        if (endpoint != null && endpoint.getBinding() instanceof SoapBinding binding) {
            return String.valueOf(binding.getSoapVersion().getVersion());
        }
        return "other";
    }

    /** The endpoint threw one of the WSDL's typed faults: WebFaultOutInterceptor writes it. */
    private static boolean isDeclaredFault(Fault fault) {
        Throwable cause = fault.getCause();
        return cause != null && cause.getClass().isAnnotationPresent(jakarta.xml.ws.WebFault.class);
    }

    private static boolean isVersionMismatch(Fault fault) {
        QName code = fault.getFaultCode();
        return code != null && "VersionMismatch".equals(code.getLocalPart());
    }

    private static SoapFault internalError(Fault fault, SoapVersion version, String requestId) {
        String reference = requestId != null ? requestId : UUID.randomUUID().toString();
        LOG.error("internal error, reference {}", reference, fault);
        return new SoapFault("internal error in this dossierlink node (reference " + reference
                + "); the request may be retried, the operator's log has the details", version.getReceiver());
    }

    private static void addDetail(SoapFault fault, String text, String field) {
        DeclaredSoapFault.addDetail(fault, "InvalidRequestFault", ErrorCode.INVALID_REQUEST.name(), text, field, null, null);
    }

    /** One line, no class names, no stack trace: the parser's or CXF's own explanation. */
    static String describe(Throwable fault) {
        String text = fault.getMessage();
        Throwable cause = fault.getCause();
        while ((text == null || text.isBlank()) && cause != null) {
            text = cause.getMessage();
            cause = cause.getCause();
        }
        if (text == null || text.isBlank()) {
            return "the request is not a SOAP message this service can read";
        }
        if (text.contains("event DTD")) {
            return "a DOCTYPE (DTD) is not accepted in a SOAP request";
        }
        Matcher xop = XOP_NOT_FOUND.matcher(text);
        if (xop.find()) {
            return cut("xop:Include href '" + xop.group(1) + "' names no attachment of this request: only cid: references"
                    + " to the request's own MTOM parts are read, never a file or URL");
        }
        String clean = CLASS_PREFIX.matcher(text).replaceAll("").replaceAll("\\s+", " ").trim();
        if (clean.contains(ProcessingInstructionGuard.REFUSAL)) {
            return cut(clean.substring(clean.indexOf(ProcessingInstructionGuard.REFUSAL)));
        }
        String lower = clean.toLowerCase(java.util.Locale.ROOT);
        boolean limit = lower.contains("limit") && lower.contains("exceeded")
                || lower.contains("more attachments than");
        clean = clean.replace("Unmarshalling Error: ", "").replace("Error reading XMLStreamReader: ",
                limit ? "the request exceeds a parser limit: " : "the request is not well-formed XML: ");
        if (clean.isEmpty()) {
            return "the request is not a SOAP message this service can read";
        }
        return cut(clean);
    }

    private static String cut(String text) {
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
    }

    /** The request field a schema-validation message points at, where it names one. */
    static String fieldOf(Throwable fault) {
        String text = fault.getMessage();
        if (text == null) {
            return null;
        }
        Matcher m = EXPECTED_ELEMENT.matcher(text);
        if (m.find()) {
            return m.group(1);
        }
        m = INVALID_VALUE_OF.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
