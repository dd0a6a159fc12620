package org.dossierlink.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.xml.transform.stream.StreamSource;

import org.dossierlink.dialect.XsltFunctions;
import org.dossierlink.number.NumberNormalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XdmNode;

/** A stylesheet or an input that tries to reach beyond its input fails cleanly. */
class SecureSaxonTest {

    private static final SecureSaxon SAXON = new SecureSaxon(XsltFunctions.all(new NumberNormalizer()));

    @TempDir
    Path dir;

    private static String stylesheet(String body) {
        return "<xsl:stylesheet version='3.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
                + " xmlns:dl='urn:dossierlink:xslt' xmlns:xs='http://www.w3.org/2001/XMLSchema'"
                + " exclude-result-prefixes='dl xs'>"
                + "<xsl:template match='/'>" + body + "</xsl:template></xsl:stylesheet>";
    }

    private static String run(String stylesheetText, String input) throws SaxonApiException {
        XsltExecutable exec = SAXON.compile(new StreamSource(new StringReader(stylesheetText), "test:/hostile.xsl"));
        XdmNode doc = SAXON.parse(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "test:/in.xml");
        Xslt30Transformer t = SAXON.transformer(exec);
        t.setGlobalContextItem(doc);
        StringWriter out = new StringWriter();
        t.applyTemplates(doc, SAXON.processor().newSerializer(out));
        return out.toString();
    }

    @Test
    void plainStylesheetRuns() throws Exception {
        assertThat(run(stylesheet("<out><xsl:value-of select='/a'/></out>"), "<a>x</a>")).contains("<out>x</out>");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<xsl:copy-of select=\"doc('FILE')\"/>",
            "<xsl:copy-of select=\"document('FILE')\"/>",
            "<xsl:value-of select=\"unparsed-text('FILE')\"/>",
            "<xsl:value-of select=\"unparsed-text-lines('FILE')\"/>",
            "<xsl:value-of select=\"json-doc('FILE')\"/>",
            "<xsl:copy-of select=\"collection('DIR')\"/>",
            "<xsl:source-document href='FILE'><xsl:copy-of select='.'/></xsl:source-document>",
            "<xsl:value-of select=\"doc('http://127.0.0.1:9/x.xml')\"/>",
    })
    void refusesEveryReadBeyondTheInput(String body) throws Exception {
        Path secret = dir.resolve("secret.xml");
        Files.writeString(secret, "<secret>do-not-read</secret>");
        String xsl = stylesheet(body.replace("FILE", secret.toUri().toString()).replace("DIR", dir.toUri().toString()));
        assertThatThrownBy(() -> run(xsl, "<a/>"))
                .isInstanceOf(SaxonApiException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("do-not-read"));
    }

    @Test
    void unparsedTextAvailableSaysNo() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "s");
        assertThat(run(stylesheet("<r><xsl:value-of select=\"unparsed-text-available('" + secret.toUri() + "')\"/></r>"),
                "<a/>")).contains("<r>false</r>");
    }

    @Test
    void refusesResultDocument() {
        String xsl = stylesheet("<xsl:result-document href='" + dir.resolve("out.xml").toUri()
                + "'><x/></xsl:result-document><main/>");
        assertThatThrownBy(() -> run(xsl, "<a/>")).isInstanceOf(SaxonApiException.class);
        assertThat(dir.resolve("out.xml")).doesNotExist();
    }

    @Test
    void refusesReflexiveJavaCalls() {
        String xsl = stylesheet("<xsl:value-of select=\"Q{java:java.lang.System}getProperty('user.home')\""
                + " xmlns:sys='java:java.lang.System'/>");
        assertThatThrownBy(() -> run(xsl, "<a/>")).isInstanceOf(SaxonApiException.class);
    }

    @Test
    void systemPropertyGivesNoJavaProperties() throws Exception {
        assertThat(run(stylesheet("<r><xsl:value-of select=\"system-property('user.home')\"/></r>"), "<a/>"))
                .doesNotContain(System.getProperty("user.home"));
    }

    @Test
    void refusesIncludesOutsideTheBundledStylesheets() throws Exception {
        Path other = dir.resolve("other.xsl");
        Files.writeString(other, stylesheet("<x/>"));
        String xsl = "<xsl:stylesheet version='3.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
                + "<xsl:include href='" + other.toUri() + "'/></xsl:stylesheet>";
        assertThatThrownBy(() -> SAXON.compile(new StreamSource(new StringReader(xsl), "test:/x.xsl")))
                .isInstanceOf(SaxonApiException.class);
        String climb = "<xsl:stylesheet version='3.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
                + "<xsl:include href='../../etc/passwd'/></xsl:stylesheet>";
        assertThatThrownBy(() -> SAXON.compile(new StreamSource(new StringReader(climb),
                SecureSaxon.STYLESHEET_BASE + "a.xsl"))).isInstanceOf(SaxonApiException.class);
    }

    @Test
    void bundledLibraryIncludes() throws Exception {
        String xsl = "<xsl:stylesheet version='3.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
                + " xmlns:dl='urn:dossierlink:xslt'><xsl:include href='lib/common.xsl'/>"
                + "<xsl:template match='/'><d><xsl:value-of select=\"dl:date('20120315')\"/></d></xsl:template>"
                + "</xsl:stylesheet>";
        XsltExecutable exec = SAXON.compile(new StreamSource(new StringReader(xsl), SecureSaxon.STYLESHEET_BASE + "t.xsl"));
        assertThat(exec).isNotNull();
    }

    @Test
    void inputCannotPullExternalEntitiesOrDtds() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "do-not-read");
        String xxe = "<!DOCTYPE a [<!ENTITY x SYSTEM '" + secret.toUri() + "'>]><a>&x;</a>";
        // the external entity is never resolved: the document is refused, naming the entity
        assertThatThrownBy(() -> run(stylesheet("<r><xsl:value-of select='/a'/></r>"), xxe))
                .isInstanceOf(SaxonApiException.class)
                .hasMessageContaining("refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("do-not-read"));
        // a DTD named by URL or path is refused; one named by file name (as office DTDs are) is not read
        assertThatThrownBy(() -> run(stylesheet("<r><xsl:value-of select='/a'/></r>"),
                "<!DOCTYPE a SYSTEM '" + dir.resolve("missing.dtd").toUri() + "'><a>ok</a>"))
                .isInstanceOf(SaxonApiException.class).hasMessageContaining("refused");
        assertThat(run(stylesheet("<r><xsl:value-of select='/a'/></r>"), "<!DOCTYPE a SYSTEM 'missing.dtd'><a>ok</a>"))
                .contains("<r>ok</r>");
    }

    @Test
    void entityExpansionIsBounded() {
        StringBuilder lol = new StringBuilder("<!DOCTYPE a [<!ENTITY l0 'lol'>");
        for (int i = 1; i < 10; i++) {
            lol.append("<!ENTITY l").append(i).append(" '").append(("&l" + (i - 1) + ";").repeat(10)).append("'>");
        }
        lol.append("]><a>&l9;</a>");
        assertThatThrownBy(() -> run(stylesheet("<r><xsl:value-of select='string-length(/a)'/></r>"), lol.toString()))
                .isInstanceOf(SaxonApiException.class);
    }

    @Test
    void numberFunctionsUseTheNormaliser() throws Exception {
        String out = run(stylesheet("<r><n><xsl:value-of select=\"dl:normalize-number('JP', '特願2013-123456', 'application')?docdb\"/></n>"
                + "<k><xsl:value-of select=\"dl:priority-kind('JP', 'PCT/JP2012/000123')\"/></k>"
                + "<k><xsl:value-of select=\"dl:priority-kind('EP', '10167109')\"/></k>"
                + "<k><xsl:value-of select=\"dl:priority-kind('US', '61/234,567')\"/></k>"
                + "<t><xsl:value-of select=\"empty(dl:try-normalize-number('EP', 'nonsense!', 'application'))\"/></t>"
                + "<y><xsl:value-of select=\"dl:normalize-number('US', '13/167,395', 'application', '20110623')?docdb\"/></y>"
                + "</r>"), "<a/>");
        assertThat(out).contains("<n>JP.2013123456.A</n>", "<k>international</k>", "<k>regional</k>", "<k>national</k>",
                "<t>true</t>", "<y>US.201113167395.A</y>");
        assertThatThrownBy(() -> run(stylesheet("<r><xsl:value-of select=\"dl:normalize-number('EP', 'nonsense!', 'application')?docdb\"/></r>"), "<a/>"))
                .isInstanceOf(SaxonApiException.class).hasMessageContaining("nonsense");
    }

    @Test
    void symbolGivesIpcAndCpcSymbolsInOneForm() throws Exception {
        String out = run(stylesheet("<r><a><xsl:value-of select=\"dl:symbol('H04W 84/20')\"/></a>"
                + "<b><xsl:value-of select=\"dl:symbol(' Y02E0010 / 50 ')\"/></b>"
                + "<c><xsl:value-of select=\"count(dl:symbol('not a symbol'))\"/></c>"
                + "<d><xsl:value-of select=\"count(dl:symbol(()))\"/></d></r>"), "<a/>");
        assertThat(out).contains("<a>H04W 84/20</a>", "<b>Y02E 10/50</b>", "<c>0</c>", "<d>0</d>");
    }

    @Test
    void matchGroupsMatchesTheWholeTextWithJavasEngine() throws Exception {
        String rx = "'([A-H][0-9]{2}[A-Z])[ \\t\\n\\r]*([0-9]{1,4})[ \\t\\n\\r]*/[ \\t\\n\\r]*([0-9]{1,6})'";
        String out = run(stylesheet("<r><a><xsl:value-of select=\"dl:match-groups('H01L 21/301', " + rx + ")\" separator='|'/></a>"
                + "<b><xsl:value-of select=\"count(dl:match-groups('H01L 21/301 A', " + rx + "))\"/></b>"
                // Java's $ would match before a final line terminator; a whole-text match does not
                + "<c><xsl:value-of select=\"count(dl:match-groups('H01L 21/301&#x2028;', " + rx + "))\"/></c>"
                + "<d><xsl:value-of select=\"count(dl:match-groups((), " + rx + "))\"/></d>"
                + "<e><xsl:value-of select=\"dl:match-groups('ab', '(a)(x)?b')\" separator='|'/></e></r>"), "<a/>");
        assertThat(out).contains("<a>H01L|21|301</a>", "<b>0</b>", "<c>0</c>", "<d>0</d>", "<e>a|</e>");
        assertThatThrownBy(() -> run(stylesheet("<r><xsl:value-of select=\"dl:match-groups('a', '(')\"/></r>"), "<a/>"))
                .isInstanceOf(SaxonApiException.class).hasMessageContaining("dl:match-groups");
    }

    @Test
    void tokenizeSplitsAsFnTokenizeDoes() throws Exception {
        // every input compared with fn:tokenize on the same pattern (written for each engine)
        String inputs = "('', 'a', 'p1&#10;&#10;p2', '&#10;&#10;p1&#10; &#9;&#13;&#10;p2&#10;&#10;', 'a&#10;&#10;&#10;&#10;b', '&#10;&#10;',"
                + " '一段&#10;&#10;二段&#10;行')";
        String out = run(stylesheet("<r><xsl:for-each select=\"" + inputs + "\">"
                + "<t><xsl:value-of select=\"deep-equal(dl:tokenize(., '\\n[ \\t\\r]*\\n'), tokenize(., '&#10;[ &#9;&#13;]*&#10;'))"
                + " and deep-equal(dl:tokenize(., '\\n'), tokenize(., '&#10;'))\"/></t></xsl:for-each>"
                + "<n><xsl:value-of select=\"count(dl:tokenize('&#10;&#10;p1&#10;&#10;', '\\n\\n'))\"/></n>"
                + "<e><xsl:value-of select=\"count(dl:tokenize((), '\\n'))\"/></e></r>"), "<a/>");
        assertThat(out).doesNotContain("<t>false</t>").contains("<t>true</t>", "<n>3</n>", "<e>0</e>");
        assertThat(out.split("<t>true</t>", -1)).hasSize(8);
        assertThatThrownBy(() -> run(stylesheet("<r><xsl:value-of select=\"dl:tokenize('a', 'x*')\"/></r>"), "<a/>"))
                .isInstanceOf(SaxonApiException.class).hasMessageContaining("empty string");
    }

    @Test
    void partyNameFunctionsFollowTheReadersRules() throws Exception {
        String out = run(stylesheet("<r><a><xsl:value-of select=\"dl:clean-text(' HERRALA SAMI  [FI], ')\"/></a>"
                + "<b><xsl:value-of select=\"dl:epodoc-party('HERRALA SAMI [FI]')\" separator='|'/></b>"
                + "<c><xsl:value-of select=\"count(dl:epodoc-party('NOKIA CORP'))\"/></c></r>"), "<a/>");
        assertThat(out).contains("<a>HERRALA SAMI [FI],</a>", "<b>HERRALA SAMI|FI</b>", "<c>0</c>");
    }

    @Test
    void sharedFunctionListIsComplete() {
        assertThat(XsltFunctions.all(new NumberNormalizer())).hasSize(8);
        assertThat(List.of(SecureSaxon.STYLESHEET_BASE)).containsExactly("dossierlink:/xslt/");
    }
}
