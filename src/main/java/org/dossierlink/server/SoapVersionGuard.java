package org.dossierlink.server;

import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.SoapVersion;
import org.apache.cxf.binding.soap.interceptor.ReadHeadersInterceptor;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * The SOAP 1.2 port answers a SOAP 1.1 envelope with a SOAP 1.1 VersionMismatch fault (SOAP 1.2
 * part 1, appendix A), as CXF itself answers a SOAP 1.2 envelope on the SOAP 1.1 port. Without
 * this CXF would silently serve SOAP 1.1 on the SOAP 1.2 port.
 */
final class SoapVersionGuard extends AbstractPhaseInterceptor<SoapMessage> {

    private final SoapVersion expected;

    SoapVersionGuard(SoapVersion expected) {
        super(Phase.READ);
        addAfter(ReadHeadersInterceptor.class.getName());
        this.expected = expected;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        SoapVersion received = message.getVersion();
        if (received != null && received.getVersion() != expected.getVersion()) {
            throw new SoapFault("a SOAP " + received.getVersion() + " envelope was sent to a SOAP "
                    + expected.getVersion() + " port", Soap11.getInstance().getVersionMismatch());
        }
    }
}
