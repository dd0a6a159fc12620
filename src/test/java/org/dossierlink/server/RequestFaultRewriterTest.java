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

    @Test
    void woodstox_limits_in_lower_case_are_named_as_limits() {
        assertThat(RequestFaultRewriter.describe(new Fault(new RuntimeException(
                "Error reading XMLStreamReader: Attribute limit (500) exceeded"))))
                .isEqualTo("the request exceeds a parser limit: Attribute limit (500) exceeded");
    }

    @Test
    void an_xop_include_that_names_no_part_says_so() {
        assertThat(RequestFaultRewriter.describe(new Fault(new RuntimeException(
                "No attachment for id file:///etc/passwd found in []"))))
                .isEqualTo("xop:Include href 'file:///etc/passwd' names no attachment of this request: only cid:"
                        + " references to the request's own MTOM parts are read, never a file or URL");
    }

    @Test
    void a_processing_instruction_is_named_without_the_parser_prefix() {
        assertThat(RequestFaultRewriter.describe(new Fault(new RuntimeException("Error reading XMLStreamReader: "
                + "javax.xml.stream.XMLStreamException: " + ProcessingInstructionGuard.REFUSAL + " (<?xml-stylesheet?>)"))))
                .isEqualTo(ProcessingInstructionGuard.REFUSAL + " (<?xml-stylesheet?>)");
    }
}
