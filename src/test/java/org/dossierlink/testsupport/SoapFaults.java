package org.dossierlink.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossierlink.testsupport.RawSoap.xpath;

import java.net.http.HttpResponse;

import org.dossierlink.testsupport.RawSoap.Version;
import org.w3c.dom.Document;

/** Assertions on a SOAP fault read off the wire. */
public final class SoapFaults {

    private SoapFaults() {
    }

    /**
     * The response is a SOAP fault in envelope version {@code envelope}, with fault code local name
     * {@code code} (Client, Sender, VersionMismatch...), one detail element {@code detailElement} in
     * the messages namespace carrying {@code detailCode}, and a reason without stack trace or class names.
     *
     * @return the parsed response
     */
    public static Document assertFault(HttpResponse<String> response, Version envelope, String code,
                                       String detailElement, String detailCode) {
        String body = response.body();
        assertThat(response.statusCode()).as(body).isEqualTo(500);
        Document doc = RawSoap.parse(body);
        String reason;
        String faultCode;
        String detail;
        if (envelope == Version.SOAP11) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
            faultCode = xpath(doc, "/s11:Envelope/s11:Body/s11:Fault/faultcode");
            reason = xpath(doc, "/s11:Envelope/s11:Body/s11:Fault/faultstring");
            detail = "/s11:Envelope/s11:Body/s11:Fault/detail/m:" + detailElement;
        } else {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/soap+xml");
            faultCode = xpath(doc, "/s12:Envelope/s12:Body/s12:Fault/s12:Code/s12:Value");
            reason = xpath(doc, "/s12:Envelope/s12:Body/s12:Fault/s12:Reason/s12:Text");
            detail = "/s12:Envelope/s12:Body/s12:Fault/s12:Detail/m:" + detailElement;
        }
        assertThat(faultCode).as(body).endsWith(":" + code);
        assertThat(xpath(doc, detail + "/m:code")).as(body).isEqualTo(detailCode);
        assertThat(xpath(doc, detail + "/m:message")).as(body).isNotBlank();
        assertThat(reason).as(body).isNotBlank()
                .doesNotContain("\tat ", "Exception", "org.apache", "com.ctc", "java.");
        return doc;
    }
}
