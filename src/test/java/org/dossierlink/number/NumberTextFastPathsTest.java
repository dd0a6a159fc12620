package org.dossierlink.number;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The normaliser's checks that skip a regular expression where it cannot change the text, against the
 * regular expressions themselves, on random ASCII texts made of what numbers are written with.
 */
class NumberTextFastPathsTest {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern PCT_START = Pattern.compile("PCT(?![A-Z]{3})");

    @Test
    void sameDecisionsAsTheRegularExpressions() {
        Random random = new Random(20261127);
        String alphabet = "PCTWOUS0123456789 /,.-\t\n\r\u000B\fAZ";
        int collapsed = 0;
        int pct = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder sb = new StringBuilder(random.nextInt(3) == 0 ? "PCT" : "");
            int len = random.nextInt(12);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            boolean changes = !WHITESPACE.matcher(s).replaceAll(" ").equals(s);
            assertThat(NumberNormalizer.hasWhitespaceToCollapse(s)).as("[%s]", s).isEqualTo(changes);
            boolean startsPct = PCT_START.matcher(s).lookingAt();
            assertThat(NumberNormalizer.startsWithPct(s)).as("[%s]", s).isEqualTo(startsPct);
            collapsed += changes ? 1 : 0;
            pct += startsPct ? 1 : 0;
        }
        assertThat(collapsed).isGreaterThan(10_000);
        assertThat(pct).isGreaterThan(10_000);
    }

    @Test
    void edges() {
        assertThat(NumberNormalizer.hasWhitespaceToCollapse("EP 1 234")).isFalse();
        assertThat(NumberNormalizer.hasWhitespaceToCollapse("EP  1")).isTrue();
        assertThat(NumberNormalizer.hasWhitespaceToCollapse("EP\t1")).isTrue();
        assertThat(NumberNormalizer.startsWithPct("PCT/US2012/000123")).isTrue();
        assertThat(NumberNormalizer.startsWithPct("PCTABC")).isFalse();
        assertThat(NumberNormalizer.startsWithPct("PCTAB")).isTrue();
        assertThat(NumberNormalizer.startsWithPct("PC")).isFalse();
    }
}
