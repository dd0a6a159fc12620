package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import javax.xml.transform.stream.StreamSource;

import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.number.NumberType;
import org.dossierlink.xml.SecureSaxon;
import org.junit.jupiter.api.Test;

import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltExecutable;

/**
 * Functions of the stylesheet library ({@code xslt/lib}) that replaced slower XPath built-ins, held to those
 * built-ins inside one stylesheet run: every row the stylesheet writes compares the library function with the
 * expression it replaced, and the test asserts that no row differs (and that rows were written at all).
 */
class StylesheetLibraryTest {

    private static final NumberNormalizer NORMALIZER = new NumberNormalizer();
    private static final SecureSaxon SAXON = new SecureSaxon(XsltFunctions.all(NORMALIZER));

    private static String run(String templateBody) throws Exception {
        String xsl = "<xsl:stylesheet version='3.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
                + " xmlns:dl='urn:dossierlink:xslt' xmlns:wipo='urn:dossierlink:xslt:wipo'"
                + " xmlns:map='http://www.w3.org/2005/xpath-functions/map'"
                + " xmlns:xs='http://www.w3.org/2001/XMLSchema' exclude-result-prefixes='#all'>"
                + "<xsl:include href='lib/common.xsl'/><xsl:include href='lib/st96.xsl'/>"
                + "<xsl:template match='/'><r>" + templateBody + "</r></xsl:template></xsl:stylesheet>";
        XsltExecutable exec = SAXON.compile(new StreamSource(new StringReader(xsl), SecureSaxon.STYLESHEET_BASE + "library-test.xsl"));
        Xslt30Transformer t = SAXON.transformer(exec);
        XdmNode doc = SAXON.processor().newDocumentBuilder().build(new StreamSource(new StringReader("<a/>")));
        StringWriter out = new StringWriter();
        t.applyTemplates(doc, SAXON.processor().newSerializer(out));
        return out.toString();
    }

    @Test
    void zeroPadWritesWhatFormatNumberWrites() throws Exception {
        String out = run("<xsl:for-each select='(0 to 2000, 9999, 10000, 99999, 123456789, 1234567890123)'>"
                + "<xsl:variable name='n' select='.'/>"
                + "<xsl:for-each select='1 to 12'>"
                + "<xsl:variable name='picture' select=\"string-join((1 to .) ! '0', '')\"/>"
                + "<row ok='{dl:zero-pad($n, .) eq format-number($n, $picture)}' n='{$n}' w='{.}' got='{dl:zero-pad($n, .)}'/>"
                + "</xsl:for-each></xsl:for-each>");
        assertThat(out).contains("<row ok=\"true\" n=\"7\" w=\"3\" got=\"007\"/>",
                "<row ok=\"true\" n=\"123456789\" w=\"9\" got=\"123456789\"/>",
                "<row ok=\"true\" n=\"12\" w=\"1\" got=\"12\"/>");
        assertThat(out).doesNotContain("ok=\"false\"");
    }

    @Test
    void publicationNumberAsTheRegexesWroteIt() throws Exception {
        List<String> numbers = new ArrayList<>(List.of("", "1", "0", "12", "123456", "1234567", "0123456", "12345678",
                "123456789", "2013213561", "1913213561", "2113213561", "201321356", "20132135611", "RE12345", "D123456",
                "12 3456", "１２３", "٣٤٥", "PP12345", "2013/213561", "7"));
        for (int i = 0; i < 400; i++) {
            numbers.add(Integer.toString(i * 7919 % 10_000_000));
        }
        StringBuilder seq = new StringBuilder();
        for (String n : numbers) {
            seq.append(seq.length() == 0 ? "" : ", ").append('\'').append(n).append('\'');
        }
        String old = "if ($c = 'US' and matches($n, '^[0-9]{1,7}$') and matches($k, '^(B|E|S|P)'))"
                + " then format-number(xs:integer($n), '00000000')"
                + " else if ($c = 'US' and matches($n, '^(19|20)[0-9]{8}$') and matches($k, '^A'))"
                + " then concat(substring($n, 1, 4), '0', substring($n, 5)) else $n";
        String out = run("<xsl:for-each select=\"'US', 'EP', 'JP'\"><xsl:variable name='c' select='.'/>"
                + "<xsl:for-each select=\"" + seq + "\"><xsl:variable name='n' select='.'/>"
                + "<xsl:for-each select=\"'B1', 'B2', 'b2', 'E', 'S1', 'P2', 'A1', 'A', ' a2 ', 'U', '', 'C'\">"
                + "<xsl:variable name='k' select='upper-case(normalize-space(.))'/>"
                + "<xsl:variable name='new' select='wipo:publication-number($c, $n, .)'/>"
                + "<xsl:variable name='old' select=\"" + old + "\"/>"
                + "<row ok='{$new eq $old}' c='{$c}' n='{$n}' k='{.}' got='{$new}'/>"
                + "</xsl:for-each></xsl:for-each></xsl:for-each>");
        assertThat(out).contains("<row ok=\"true\" c=\"US\" n=\"1234567\" k=\"B2\" got=\"01234567\"/>",
                "<row ok=\"true\" c=\"US\" n=\"2013213561\" k=\"A1\" got=\"20130213561\"/>",
                "<row ok=\"true\" c=\"US\" n=\"\" k=\"B1\" got=\"\"/>",
                "<row ok=\"true\" c=\"EP\" n=\"1234567\" k=\"B1\" got=\"1234567\"/>");
        assertThat(out).doesNotContain("ok=\"false\"");
    }

    @Test
    void normalisedNumberMapHoldsExactlyTheNormalisersFields() throws Exception {
        String out = run("<xsl:for-each select=\"('EP|05255002|application', 'JP|特願2013-123456|application',"
                + " 'US|US8936998B2|publication', 'WO|PCT/JP2012/000123|priority')\">"
                + "<xsl:variable name='p' select=\"tokenize(., '\\|')\"/>"
                + "<xsl:variable name='m' select='dl:normalize-number($p[1], $p[2], $p[3])'/>"
                + "<m keys=\"{sort(map:keys($m))}\" size='{map:size($m)}' kind='{map:contains($m, \"kind\")}'"
                + " docdb='{$m?docdb}' st13='{$m?st13}' number='{$m(\"number\")}' none='{empty($m?nothing)}'/>"
                + "</xsl:for-each>");
        for (String[] p : new String[][] {{"EP", "05255002", "application"}, {"JP", "特願2013-123456", "application"},
                {"US", "US8936998B2", "publication"}, {"WO", "PCT/JP2012/000123", "priority"}}) {
            NormalizedNumber n = NORMALIZER.normalize(p[0], p[1], NumberType.valueOf(p[2].toUpperCase(java.util.Locale.ROOT)), null);
            List<String> keys = new ArrayList<>();
            for (String[] kv : new String[][] {{"country", n.country()}, {"docdb", n.docdb()}, {"key", n.key()},
                    {"kind", n.kind()}, {"number", n.number()}, {"original", n.original()}, {"st13", n.st13()}}) {
                if (kv[1] != null) {
                    keys.add(kv[0]);
                }
            }
            assertThat(out).contains("<m keys=\"" + String.join(" ", keys) + "\" size=\"" + keys.size() + "\" kind=\""
                    + (n.kind() != null) + "\" docdb=\"" + n.docdb() + "\" st13=\"" + (n.st13() == null ? "" : n.st13())
                    + "\" number=\"" + n.number() + "\" none=\"true\"/>");
        }
    }
}
