package org.dossierlink.server;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.SoapVersion;
import org.apache.cxf.binding.soap.interceptor.ReadHeadersInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * A port reads only its own SOAP version's media type: {@code text/xml} on the SOAP 1.1 port,
 * {@code application/soap+xml} on the SOAP 1.2 port (SOAP 1.1 section 6.1.1, SOAP 1.2 part 2 section 7.1.4),
 * or an MTOM {@code multipart/related} whose root part is that type. An envelope of the port's version
 * under anything else (JSON, a form, plain text, no Content-Type, the other version's type) is refused with
 * INVALID_REQUEST naming the type that was sent and the one expected; without this CXF reads any body as
 * SOAP whatever it is labelled. An envelope of the other version is left to the VersionMismatch fault
 * (CXF's on the SOAP 1.1 port, {@link SoapVersionGuard} on the SOAP 1.2 port), so this runs once the
 * envelope's version is known.
 */
final class ContentTypeGuard extends AbstractPhaseInterceptor<Message> {

    private static final String MULTIPART = "multipart/related";
    private static final String XOP = "application/xop+xml";

    private final SoapVersion expected;

    ContentTypeGuard(SoapVersion expected) {
        super(Phase.READ);
        addAfter(ReadHeadersInterceptor.class.getName());
        this.expected = expected;
    }

    @Override
    public void handleMessage(Message message) {
        if ("GET".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
            return; // ?wsdl, ?xsd=
        }
        if (message instanceof SoapMessage soap && soap.getVersion() != null
                && soap.getVersion().getVersion() != expected.getVersion()) {
            return; // a VersionMismatch
        }
        String contentType = (String) message.get(Message.CONTENT_TYPE);
        if (!accepts(contentType)) {
            throw new Fault(new IllegalArgumentException(describe(contentType)));
        }
    }

    boolean accepts(String contentType) {
        String media = mediaType(contentType);
        String own = expected.getContentType();
        if (media.equals(own)) {
            return true;
        }
        if (!media.equals(MULTIPART)) {
            return false;
        }
        // MTOM: type="application/xop+xml" start-info="<own type>"; SwA: type="<own type>"
        String type = parameter(contentType, "type");
        String root = XOP.equalsIgnoreCase(type) ? parameter(contentType, "start-info") : type;
        return root == null || mediaType(root).equals(own);
    }

    String describe(String contentType) {
        return "Content-Type '" + (contentType == null ? "" : contentType) + "' is not SOAP " + expected.getVersion()
                + ": this port takes " + expected.getContentType() + ", or multipart/related (MTOM) with start-info=\""
                + expected.getContentType() + "\"";
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private static String parameter(String contentType, String name) {
        Matcher m = Pattern.compile("(?i);\\s*" + Pattern.quote(name) + "\\s*=\\s*(\"([^\"]*)\"|[^;\\s]*)").matcher(contentType);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }
}
