package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.Test;

class ProcessingInstructionGuardTest {

    private static XMLStreamReader reader(String xml) throws XMLStreamException {
        return new ProcessingInstructionGuard.Refusing(SecureXml.inputFactory().createXMLStreamReader(new StringReader(xml)));
    }

    private static void drain(XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext()) {
            r.next();
        }
    }

    @Test
    void the_xml_declaration_comments_and_elements_pass() throws Exception {
        XMLStreamReader r = reader("<?xml version='1.0'?><!-- c --><a> <b>text</b></a>");
        assertThat(r.nextTag()).isEqualTo(XMLStreamConstants.START_ELEMENT);
        assertThat(r.nextTag()).isEqualTo(XMLStreamConstants.START_ELEMENT);
        assertThat(r.getElementText()).isEqualTo("text");
        drain(r);
    }

    @Test
    void a_processing_instruction_is_refused_wherever_it_stands() {
        for (String xml : new String[] {"<?xml version='1.0'?><?xml-stylesheet href='http://127.0.0.1:9/x.xsl'?><a/>",
                "<a><?php evil ?></a>", "<a/><?after it?>"}) {
            assertThatThrownBy(() -> drain(reader(xml))).isInstanceOf(XMLStreamException.class)
                    .hasMessageContaining(ProcessingInstructionGuard.REFUSAL);
        }
        assertThatThrownBy(() -> reader("<?xml-stylesheet href='x'?><a/>").nextTag())
                .hasMessageContaining(ProcessingInstructionGuard.REFUSAL).hasMessageContaining("xml-stylesheet");
        assertThatThrownBy(() -> {
            XMLStreamReader r = reader("<a>x<?pi?>y</a>");
            r.nextTag();
            r.getElementText();
        }).hasMessageContaining(ProcessingInstructionGuard.REFUSAL);
    }
}
