package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import javax.xml.transform.stream.StreamSource;

import org.dossierlink.Corpus;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.xml.SecureSaxon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import net.sf.saxon.s9api.Destination;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltExecutable;

/**
 * The conversions' UTF-8 writer writes exactly the bytes Saxon's serializer writes: on every stylesheet run
 * over the real corpus, and on every kind of character, namespace and node that the serializer treats
 * specially. Saxon's serializer is the reference: any difference is a bug of the writer.
 */
class Utf8XmlDestinationTest {

    private static final SecureSaxon SAXON = new SecureSaxon(XsltFunctions.all(new NumberNormalizer()));

    private static XdmNode parse(String xml) throws SaxonApiException {
        return SAXON.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test:/in.xml");
    }

    private static XsltExecutable compile(String stylesheet) {
        try {
            return SAXON.compile(new StreamSource(new StringReader(stylesheet), "test:/t.xsl"));
        } catch (SaxonApiException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What Saxon's serializer writes, or "failed" when the run stops. */
    private static String bySaxon(XsltExecutable exec, XdmNode doc) {
        return run(exec, doc, (t, out) -> t.newSerializer(out));
    }

    /** What the UTF-8 writer writes, or "failed" when the run stops. */
    private static String byWriter(XsltExecutable exec, XdmNode doc) {
        Utf8XmlDestination writer = Utf8XmlDestination.forStylesheet(exec);
        assertThat(writer).as("the writer handles this stylesheet's output").isNotNull();
        return run(exec, doc, (t, out) -> writer.writingTo(out));
    }

    private static String run(XsltExecutable exec, XdmNode doc,
                              BiFunction<Xslt30Transformer, ByteArrayOutputStream, Destination> destination) {
        Xslt30Transformer t = SAXON.transformer(exec);
        t.setMessageHandler(m -> { });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            t.applyTemplates(doc, destination.apply(t, out));
        } catch (SaxonApiException e) {
            return "failed";
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("org.dossierlink.dialect.CorpusInstances#arguments")
    void everyStylesheetWritesWhatSaxonWritesOnTheCorpus(String file, Dialect dialect) throws Exception {
        XdmNode doc = SAXON.parse(new ByteArrayInputStream(Files.readAllBytes(Corpus.file(file))), file);
        XsltExecutable in = SAXON.compileResource(dialect.toCanonicalStylesheet());
        String canonical = byWriter(in, doc);
        assertThat(canonical).startsWith("<?xml").isEqualTo(bySaxon(in, doc));
        XdmNode canonicalDoc = parse(canonical);
        List<String> written = new ArrayList<>();
        for (Dialect to : Dialect.values()) {
            if (to == Dialect.CANONICAL || !SecureSaxon.hasResource(to.fromCanonicalStylesheet())) {
                continue;
            }
            XsltExecutable out = SAXON.compileResource(to.fromCanonicalStylesheet());
            String result = byWriter(out, canonicalDoc);
            assertThat(result).as(file + " to " + to).isEqualTo(bySaxon(out, canonicalDoc));
            if (!result.equals("failed")) {
                written.add(to.wireName());
            }
        }
        assertThat(written).as("dialects this record was written in").contains(dialect.wireName());
    }

    /** The output properties every dialect stylesheet declares. */
    private static final String DIALECT_OUTPUT = "method=\"xml\" encoding=\"UTF-8\" indent=\"no\"";

    private static final String IDENTITY = """
            <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
              <xsl:output %s/>
              <xsl:mode on-no-match="shallow-copy"/>
            </xsl:stylesheet>""";

    /** Text and attributes with every character the serializer escapes, and with multi-byte ones. */
    private static final String SPECIAL = "&amp; &lt; &gt; \" &apos; tab&#9;cr&#13;nl&#10; &#x7F;&#x80;&#x9F;&#xA0;é"
            + " &#x2028;&#x2029; 日本 &#x1F600; ]]&gt; end";

    @ParameterizedTest
    @ValueSource(strings = {"", "doctype-system=\"a.dtd\"", "doctype-system=\"a.dtd\" doctype-public=\"-//X//Y 1.0//EN\""})
    void escapingNamespacesAndNodesAsSaxonWritesThem(String doctype) throws Exception {
        XsltExecutable exec = compile(IDENTITY.formatted(DIALECT_OUTPUT + " " + doctype));
        XdmNode doc = parse("<?xml version='1.0'?><!-- before --><?pi before?>"
                + "<r xmlns='urn:d' xmlns:p='urn:p' a='" + SPECIAL + "' p:b='x'>"
                + "<e>" + SPECIAL + "</e><empty/><q:f xmlns:q='urn:q' q:g='1'/>"
                + "<n xmlns=''><m xmlns='urn:other' xmlns:p='urn:p2'><p:k/></m><plain/></n>"
                + "<!-- a - comment --><?target some data?><?bare?>"
                + "<mixed>one<i>two</i>three</mixed><ws>  </ws></r><!-- after -->");
        String expected = bySaxon(exec, doc);
        assertThat(byWriter(exec, doc)).isEqualTo(expected);
        assertThat(expected).contains("&#xA;", "&#xD;", "&#x9f;", "&#x2028;", "xmlns=\"\"", "\uD83D\uDE00");
    }

    @Test
    void disabledOutputEscapingBeforeTheRootAndInsideIt() throws Exception {
        XsltExecutable exec = compile("""
                <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
                  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
                  <xsl:template match="/">
                    <xsl:value-of disable-output-escaping="yes" select="'&lt;!DOCTYPE r SYSTEM &quot;r.dtd&quot; [ ]&gt;&#10;'"/>
                    <r><xsl:attribute name="n" select="'1 &amp; 2'"/>
                      <xsl:value-of disable-output-escaping="yes" select="'&lt;b&gt;raw&lt;/b&gt;'"/>
                      <xsl:value-of select="'&lt;escaped&gt;'"/>
                    </r>
                  </xsl:template>
                </xsl:stylesheet>""");
        XdmNode doc = parse("<in/>");
        String expected = bySaxon(exec, doc);
        assertThat(byWriter(exec, doc)).isEqualTo(expected).contains("<b>raw</b>", "&lt;escaped&gt;");
    }

    @Test
    void anEmptyResultAndOneLargerThanTheBuffer() throws Exception {
        XsltExecutable empty = compile("""
                <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
                  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
                  <xsl:template match="/"/>
                </xsl:stylesheet>""");
        assertThat(byWriter(empty, parse("<in/>"))).isEqualTo(bySaxon(empty, parse("<in/>")));
        XsltExecutable identity = compile(IDENTITY.formatted(DIALECT_OUTPUT));
        StringBuilder big = new StringBuilder("<r>");
        for (int i = 0; i < 5000; i++) {
            big.append("<e n='").append(i).append("'>").append("日本 &amp; é ".repeat(i % 7)).append("</e>");
        }
        big.append("<long>").append("&lt;x&gt;".repeat(40_000)).append("</long></r>");
        XdmNode doc = parse(big.toString());
        String expected = bySaxon(identity, doc);
        assertThat(expected.length()).isGreaterThan(200_000);
        assertThat(byWriter(identity, doc)).isEqualTo(expected);
    }

    @Test
    void aCharacterXml10CannotHoldStopsTheRunAsSaxonsDoes() throws Exception {
        XsltExecutable exec = compile("""
                <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
                  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
                  <xsl:template match="/"><r><xsl:value-of select="'a' || codepoints-to-string(27) || 'b'"/></r></xsl:template>
                </xsl:stylesheet>""");
        XdmNode doc = parse("<in/>");
        assertThat(bySaxon(exec, doc)).isEqualTo("failed");
        assertThat(byWriter(exec, doc)).isEqualTo("failed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"indent=\"yes\"", "method=\"text\"", "method=\"html\"", "encoding=\"ISO-8859-1\"",
        "omit-xml-declaration=\"yes\"", "standalone=\"yes\"", "cdata-section-elements=\"e\"", "version=\"1.1\"",
        "use-character-maps=\"m\""})
    void anyOtherOutputIsLeftToSaxonsSerializer(String property) {
        String map = "<xsl:character-map name=\"m\"><xsl:output-character character=\"x\" string=\"y\"/></xsl:character-map>";
        XsltExecutable exec = compile(IDENTITY.formatted(property).replace("<xsl:mode", map + "<xsl:mode"));
        assertThat(Utf8XmlDestination.forStylesheet(exec)).isNull();
    }

    @Test
    void theDialectStylesheetsAreAllWrittenByIt() {
        for (Dialect d : Dialect.values()) {
            for (String s : List.of(d.toCanonicalStylesheet(), d.fromCanonicalStylesheet())) {
                if (d != Dialect.CANONICAL && SecureSaxon.hasResource(s)) {
                    assertThat(Utf8XmlDestination.forStylesheet(SAXON.compileResource(s))).as(s).isNotNull();
                }
            }
        }
    }

    @Test
    void aWriterCanRunAgainAfterARunThatFailed() throws Exception {
        XsltExecutable exec = compile(IDENTITY.formatted(DIALECT_OUTPUT));
        Utf8XmlDestination writer = Utf8XmlDestination.forStylesheet(exec);
        Xslt30Transformer t = SAXON.transformer(exec);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        assertThatThrownBy(() -> t.applyTemplates(parse("<a>one</a>"),
                writer.writingTo(new java.io.OutputStream() {
                    @Override
                    public void write(int b) throws java.io.IOException {
                        throw new java.io.IOException("disk full");
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws java.io.IOException {
                        throw new java.io.IOException("disk full");
                    }
                }))).hasMessageContaining("disk full");
        t.applyTemplates(parse("<b>two</b>"), writer.writingTo(first));
        assertThat(first.toString(StandardCharsets.UTF_8)).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><b>two</b>");
    }
}
