package org.dossierlink.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/** The parsers of {@link SecureXml} take every limit from {@link XmlLimits} and read nothing beyond their input. */
class SecureXmlTest {

    @TempDir
    Path dir;

    private static String parse(String xml) throws Exception {
        XMLReader r = SecureXml.xmlReader();
        StringBuilder text = new StringBuilder();
        r.setContentHandler(new DefaultHandler() {
            @Override
            public void characters(char[] ch, int start, int length) {
                text.append(ch, start, length);
            }
        });
        r.parse(new InputSource(new StringReader(xml)));
        return text.toString();
    }

    private static String laughs(int levels) {
        StringBuilder b = new StringBuilder("<!DOCTYPE a [<!ENTITY l0 'lol'>");
        for (int i = 1; i <= levels; i++) {
            b.append("<!ENTITY l").append(i).append(" '").append(("&l" + (i - 1) + ";").repeat(10)).append("'>");
        }
        return b.append("]><a>&l").append(levels).append(";</a>").toString();
    }

    @Test
    void entityExpansionStopsAtTheLimitOfXmlLimits() throws Exception {
        assertThatThrownBy(() -> parse(laughs(9)))
                .isInstanceOf(SAXException.class)
                .satisfies(e -> assertThat(e.getMessage().replace(",", "")).contains("JAXP00010001")
                        .contains(String.valueOf(XmlLimits.MAX_ENTITY_EXPANSIONS)))
                .satisfies(e -> assertThat(SecureXml.isRefusal(e)).isTrue());
        // the DOM builder keeps entity references unexpanded
        assertThat(SecureXml.documentBuilder().parse(new ByteArrayInputStream(laughs(9).getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement().getTextContent().length()).isLessThan(1000);
    }

    @Test
    void oneBigEntityReferencedOftenStopsAtTheTotalSize() {
        String big = "A".repeat(60_000);
        String xml = "<!DOCTYPE a [<!ENTITY big '" + big + "'>]><a>" + "&big;".repeat(4_000) + "</a>";
        assertThatThrownBy(() -> parse(xml)).satisfies(e -> assertThat(e.getMessage().replace(",", ""))
                .contains(String.valueOf(XmlLimits.MAX_TOTAL_ENTITY_SIZE)));
        String huge = "<!DOCTYPE a [<!ENTITY big '" + "A".repeat(XmlLimits.MAX_ENTITY_SIZE + 1) + "'>]><a>&big;</a>";
        assertThatThrownBy(() -> parse(huge)).satisfies(e -> assertThat(e.getMessage().replace(",", ""))
                .contains(String.valueOf(XmlLimits.MAX_ENTITY_SIZE)));
    }

    @Test
    void depthAndAttributeCountComeFromXmlLimits() throws Exception {
        int depth = XmlLimits.MAX_ELEMENT_DEPTH + 1;
        String deep = "<x>".repeat(depth) + "</x>".repeat(depth);
        assertThatThrownBy(() -> parse(deep)).hasMessageContaining(String.valueOf(XmlLimits.MAX_ELEMENT_DEPTH));
        assertThatThrownBy(() -> SecureXml.documentBuilder().parse(new ByteArrayInputStream(deep.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining(String.valueOf(XmlLimits.MAX_ELEMENT_DEPTH));
        StringBuilder attrs = new StringBuilder("<a");
        for (int i = 0; i <= XmlLimits.MAX_ATTRIBUTE_COUNT; i++) {
            attrs.append(" a").append(i).append("='v'");
        }
        String many = attrs.append("/>").toString();
        assertThatThrownBy(() -> parse(many)).hasMessageContaining(String.valueOf(XmlLimits.MAX_ATTRIBUTE_COUNT));
        String ok = "<x>".repeat(XmlLimits.MAX_ELEMENT_DEPTH - 1) + "t" + "</x>".repeat(XmlLimits.MAX_ELEMENT_DEPTH - 1);
        assertThat(parse(ok)).isEqualTo("t");
    }

    @Test
    void externalEntitiesAreRefusedByName() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "do-not-read");
        for (String xml : new String[] {
                "<!DOCTYPE a [<!ENTITY x SYSTEM '" + secret.toUri() + "'>]><a>&x;</a>",
                "<!DOCTYPE a [<!ENTITY % p SYSTEM '" + secret.toUri() + "'> %p;]><a/>",
                "<!DOCTYPE a [<!ENTITY x SYSTEM 'http://127.0.0.1:9/x'>]><a>&x;</a>"}) {
            assertThatThrownBy(() -> parse(xml))
                    .isInstanceOf(SecureXml.ExternalAccessRefused.class)
                    .hasMessageContaining("refused: this node reads no")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("do-not-read"));
        }
    }

    @Test
    void aDtdNamedByUrlOrPathIsRefusedAndOneNamedByFileNameIsNotRead() throws Exception {
        for (String id : new String[] {"http://127.0.0.1:9/a.dtd", "file:///etc/passwd", "/etc/passwd", "../../x.dtd",
                "C:\\\\x.dtd"}) {
            assertThatThrownBy(() -> parse("<!DOCTYPE a SYSTEM '" + id + "'><a/>"))
                    .isInstanceOf(SecureXml.ExternalAccessRefused.class)
                    .hasMessageContaining("external identifier '" + id + "' refused");
        }
        Path dtd = dir.resolve("a.dtd");
        Files.writeString(dtd, "<!ENTITY e 'from the dtd'>");
        // a file name, as office documents name their DTD: accepted and not read (its entity stays unknown)
        assertThat(parse("<!DOCTYPE a SYSTEM 'a.dtd'><a>x&e;</a>")).isEqualTo("x");
        assertThat(parse("<!DOCTYPE a PUBLIC '-//EPO//EP PATENT DOCUMENT 1.0//EN' 'ep-patent-document-v1-0.dtd'><a>ok</a>"))
                .isEqualTo("ok");
        // internal entities still expand, within the limits
        assertThat(parse("<!DOCTYPE a [<!ENTITY n 'inner'>]><a>&n;</a>")).isEqualTo("inner");
    }

    @Test
    void aSyntaxErrorIsNoRefusal() {
        assertThatThrownBy(() -> parse("<a><b></a>")).satisfies(e -> assertThat(SecureXml.isRefusal(e)).isFalse());
    }
}
