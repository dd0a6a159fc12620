package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.Soap12;
import org.junit.jupiter.api.Test;

class ContentTypeGuardTest {

    private static final ContentTypeGuard SOAP11 = new ContentTypeGuard(Soap11.getInstance());
    private static final ContentTypeGuard SOAP12 = new ContentTypeGuard(Soap12.getInstance());

    @Test
    void each_port_takes_its_own_media_type_and_mtom_of_it() {
        assertThat(SOAP11.accepts("text/xml; charset=UTF-8")).isTrue();
        assertThat(SOAP11.accepts("TEXT/XML")).isTrue();
        assertThat(SOAP11.accepts("multipart/related; type=\"application/xop+xml\"; boundary=\"b\"; start=\"<r>\";"
                + " start-info=\"text/xml\"")).isTrue();
        assertThat(SOAP12.accepts("application/soap+xml; charset=UTF-8; action=\"urn:x\"")).isTrue();
        assertThat(SOAP12.accepts("multipart/related; type=\"application/xop+xml\"; boundary=b;"
                + " start-info=\"application/soap+xml; action=\\\"urn:x\\\"\"")).isTrue();
        // an MTOM client that leaves start-info out
        assertThat(SOAP11.accepts("multipart/related; type=\"application/xop+xml\"; boundary=b")).isTrue();
    }

    @Test
    void anything_else_is_refused_with_what_was_sent_and_what_is_expected() {
        for (String type : new String[] {null, "", "application/json", "text/plain", "application/x-www-form-urlencoded",
                "application/soap+xml", "multipart/related; type=\"application/xop+xml\"; start-info=\"application/soap+xml\"",
                "multipart/form-data; boundary=x"}) {
            assertThat(SOAP11.accepts(type)).as(type).isFalse();
        }
        assertThat(SOAP12.accepts("text/xml")).isFalse();
        assertThat(SOAP11.describe("application/json")).isEqualTo("Content-Type 'application/json' is not SOAP 1.1: this"
                + " port takes text/xml, or multipart/related (MTOM) with start-info=\"text/xml\"");
    }
}
