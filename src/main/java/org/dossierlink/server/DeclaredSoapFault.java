package org.dossierlink.server;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapVersion;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A fault an interceptor raises before the endpoint runs, with one of the detail elements the WSDL
 * declares (AuthenticationFault, QuotaExceededFault): {@link RequestFaultRewriter} passes it unchanged.
 */
final class DeclaredSoapFault extends SoapFault {

    private static final long serialVersionUID = 1L;

    private DeclaredSoapFault(String message, QName code) {
        super(message, code);
    }

    /**
     * @param version  the request's SOAP version
     * @param code     the SOAP 1.1 fault code; SOAP 1.2 answers Sender with it as the subcode, unless it is
     *                 the version's own Sender code
     * @param element  local name of the detail element (msg: namespace)
     * @param detailCode the detail's code (AUTHENTICATION_REQUIRED...)
     * @param reason   the detail's reason, or null
     * @param retryAfterSeconds the detail's retryAfterSeconds, or null
     */
    static DeclaredSoapFault of(SoapVersion version, QName code, String element, String detailCode, String message,
                                String reason, Long retryAfterSeconds) {
        DeclaredSoapFault fault;
        if (version.getVersion() == 1.2) {
            fault = new DeclaredSoapFault(message, version.getSender());
            if (code != null && !code.equals(version.getSender())) {
                fault.setSubCode(code);
            }
        } else {
            fault = new DeclaredSoapFault(message, code == null ? version.getSender() : code);
        }
        addDetail(fault, element, detailCode, message, null, reason, retryAfterSeconds);
        return fault;
    }

    /**
     * Adds the detail the WSDL declares for every fault (msg:FaultDetailType) to {@code fault}: element
     * {@code msg:<element>} with code, message and the optional field, reason and retryAfterSeconds, in
     * schema order (the request id is appended on the way out).
     */
    static void addDetail(SoapFault fault, String element, String code, String message, String field, String reason,
                          Long retryAfterSeconds) {
        Element detail = fault.getOrCreateDetail();
        Document doc = detail.getOwnerDocument();
        Element root = doc.createElementNS(RequestFaultRewriter.MESSAGES_NS, "msg:" + element);
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:msg", RequestFaultRewriter.MESSAGES_NS);
        append(root, "code", code);
        append(root, "message", message);
        if (field != null) {
            append(root, "field", field);
        }
        if (reason != null) {
            append(root, "reason", reason);
        }
        if (retryAfterSeconds != null) {
            append(root, "retryAfterSeconds", Long.toString(retryAfterSeconds));
        }
        detail.appendChild(root);
    }

    private static void append(Element parent, String name, String text) {
        Element e = parent.getOwnerDocument().createElementNS(RequestFaultRewriter.MESSAGES_NS, "msg:" + name);
        e.setTextContent(text);
        parent.appendChild(e);
    }
}
