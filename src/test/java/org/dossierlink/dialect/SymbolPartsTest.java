package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@link XsltFunctions#symbolParts}, read by hand, against the regular expression it replaced: the same parts
 * or the same refusal on the real forms, on the edges of every part, and on random strings made of the
 * characters a symbol is written with.
 */
class SymbolPartsTest {

    /** What {@code dl:symbol-parts} matched with until 2026-11-27. */
    private static final Pattern REGEX = Pattern.compile(
            "^([A-HY])([0-9]{2})([A-Z])\\s*0*([0-9]{1,4})\\s*/\\s*([0-9]{1,6})$");

    private static String[] byRegex(String s) {
        Matcher m = REGEX.matcher(s);
        if (!m.matches()) {
            return null;
        }
        return new String[] {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)};
    }

    @Test
    void realForms() {
        assertThat(XsltFunctions.symbolParts("H04W 84/20")).containsExactly("H", "04", "W", "84", "20");
        assertThat(XsltFunctions.symbolParts("H04W0084/20")).containsExactly("H", "04", "W", "84", "20");
        assertThat(XsltFunctions.symbolParts("G06K 9/00335")).containsExactly("G", "06", "K", "9", "00335");
        assertThat(XsltFunctions.symbolParts("Y02E  10 / 50")).containsExactly("Y", "02", "E", "10", "50");
        assertThat(XsltFunctions.symbolParts("A61B005/00")).containsExactly("A", "61", "B", "5", "00");
        assertThat(XsltFunctions.symbolParts("A01B 0000/00")).containsExactly("A", "01", "B", "0", "00");
    }

    @Test
    void oneFormForStylesheets() {
        assertThat(XsltFunctions.symbol("H04W0084/20")).containsExactly("H04W 84/20");
        assertThat(XsltFunctions.symbol(" G06K\t9 /00335\n")).containsExactly("G06K 9/00335");
        assertThat(XsltFunctions.symbol("A01B 0000/00")).containsExactly("A01B 0/00");
        assertThat(XsltFunctions.symbol("H04W 84")).isEmpty();
        assertThat(XsltFunctions.symbol(null)).isEmpty();
    }

    @Test
    void refusals() {
        for (String s : new String[] {"", "H04W", "H04W 84", "H04W 84/", "I04W 84/20", "h04w 84/20", "H4W 84/20",
                "H04w 84/20", "H04W 12345/20", "H04W 84/1234567", "H04W 84/20 ", " H04W 84/20", "H04W 84//20",
                "H04W /20", "H04W 84/2a", "H04W 84\u00a0/20", "H04W 84/20\n", "H04W 0/0x"}) {
            assertThat(XsltFunctions.symbolParts(s)).as(s).isNull();
            assertThat(byRegex(s)).as(s).isNull();
        }
    }

    @Test
    void sameAsTheRegexOnEveryEdge() {
        String[] groups = {"", "0", "00", "0000", "00000", "7", "07", "0070", "1234", "01234", "001234", "12345"};
        String[] subs = {"", "0", "00", "123456", "0123456", "1234567"};
        String[] spaces = {"", " ", "  ", "\t", "\r\n", "\u000B", "\f", "\u00a0"};
        for (String g : groups) {
            for (String sub : subs) {
                for (String sp1 : spaces) {
                    for (String sp2 : spaces) {
                        String s = "B65D" + sp1 + g + sp2 + "/" + sp1 + sub;
                        assertThat(XsltFunctions.symbolParts(s)).as("[%s]", s).isEqualTo(byRegex(s));
                    }
                }
            }
        }
    }

    @Test
    void sameAsTheRegexOnRandomStrings() {
        Random random = new Random(20261127);
        String alphabet = "AHIYZa0123456789 /\t0000//  ";
        int matched = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder sb = new StringBuilder();
            // mostly near-symbols: a valid head, then random characters
            if (random.nextInt(4) > 0) {
                sb.append("AHY".charAt(random.nextInt(3))).append(random.nextInt(10)).append(random.nextInt(10))
                        .append((char) ('A' + random.nextInt(26)));
            }
            int len = random.nextInt(14);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            String[] expected = byRegex(s);
            assertThat(XsltFunctions.symbolParts(s)).as("[%s]", s).isEqualTo(expected);
            if (expected != null) {
                matched++;
            }
        }
        assertThat(matched).as("random strings that are symbols").isGreaterThan(1_000);
    }
}
