package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.cxf.interceptor.Fault;
import org.junit.jupiter.api.Test;

class RequestFaultRewriterTest {

    @Test
    void messages_lose_class_names_and_line_breaks() {
        Fault f = new Fault(new RuntimeException("Error reading XMLStreamReader: com.ctc.wstx.exc.WstxEOFException:"
                + " Unexpected EOF in prolog\n at [row,col {unknown-source}]: [1,0]"));
        assertThat(RequestFaultRewriter.describe(f))
                .isEqualTo("the request is not well-formed XML: Unexpected EOF in prolog at [row,col {unknown-source}]: [1,0]");
    }

    @Test
    void parser_limits_and_dtds_are_named_as_such() {
        assertThat(RequestFaultRewriter.describe(new Fault(new RuntimeException(
                "Error reading XMLStreamReader: Maximum Element Depth limit (100) Exceeded"))))
                .startsWith("the request exceeds a parser limit:");
        assertThat(RequestFaultRewriter.describe(new Fault(new RuntimeException(
                "Received event DTD, instead of START_ELEMENT or END_ELEMENT."))))
                .isEqualTo("a DOCTYPE (DTD) is not accepted in a SOAP request");
    }

    @Test
    void long_messages_are_cut_and_empty_ones_replaced() {
        assertThat(RequestFaultRewriter.describe(new Fault(new RuntimeException("x".repeat(2000))))).hasSize(503);
        assertThat(RequestFaultRewriter.describe(new Fault(new RuntimeException((String) null))))
                .isEqualTo("the request is not a SOAP message this service can read");
    }

    @Test
    void field_is_read_from_schema_validation_messages() {
        assertThat(RequestFaultRewriter.fieldOf(new Fault(new RuntimeException(
                "cvc-complex-type.2.4.a: Invalid content was found starting with element "
                        + "'{\"urn:dossierlink:messages:1\":number}'. One of '{\"urn:dossierlink:messages:1\":office}' is expected."))))
                .isEqualTo("office");
        assertThat(RequestFaultRewriter.fieldOf(new Fault(new RuntimeException(
                "cvc-type.3.1.3: The value 'huge' of element 'familyType' is not valid."))))
                .isEqualTo("familyType");
        assertThat(RequestFaultRewriter.fieldOf(new Fault(new RuntimeException("No such operation")))).isNull();
    }
}
