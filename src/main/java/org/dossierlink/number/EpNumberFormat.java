package org.dossierlink.number;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * European Patent Office numbers.
 *
 * <ul>
 * <li>Application: DOCDB keeps the 8 digits YY + 6-digit serial and drops the check digit, kind A:
 * {@code 05255002.7} and {@code EP 05255002.7} give {@code EP.05255002.A}. The check digit after the
 * dot is verified (Luhn / mod-10 over the 8 digits, which holds for every EP application number in the
 * corpus: 05255002.7, 04818324.8, 06005248.7, 10167109.7). The epodoc form YYYY + 7-digit serial
 * ({@code EP20100167109}) gives {@code EP.10167109.A}. ST.13: {@code EP} + {@code 10} + YYYY + 6-digit
 * serial, e.g. {@code EP102010167109}.</li>
 * <li>Publication: 7 digits, zero-padded ({@code EP 1 612 402 A1} gives {@code EP.1612402.A1},
 * {@code EP-A- 0 529 854} gives {@code EP.0529854.A}); kind as written, none when not written.</li>
 * </ul>
 */
final class EpNumberFormat implements OfficeNumberFormat {

    private static final Pattern APPLICATION =
            Pattern.compile("(\\d{8})(?:\\.(\\d))?(?:[ .]?([A-Z]\\d?))?");
    private static final Pattern APPLICATION_EPODOC = Pattern.compile("((?:19|20)\\d{2})0(\\d{6})");
    private static final Pattern PUBLICATION = Pattern.compile("(\\d{1,7})(?:[ .]?([A-Z]\\d?))?");

    @Override
    public NormalizedNumber parse(NumberText t) {
        String body = t.body();
        if (t.application()) {
            Matcher m = APPLICATION.matcher(body);
            if (m.matches()) {
                String number = m.group(1);
                if (m.group(2) != null && luhnCheckDigit(number) != m.group(2).charAt(0) - '0') {
                    return null;
                }
                String kind = t.kind(m.group(3));
                if (t.kindsDisagree(m.group(3)) || (kind != null && !kind.equals("A"))) {
                    return null;
                }
                return application(t, number);
            }
            m = APPLICATION_EPODOC.matcher(body);
            if (m.matches() && t.leadingKind() == null) {
                return application(t, m.group(1).substring(2) + m.group(2));
            }
            return null;
        }
        Matcher m = PUBLICATION.matcher(body);
        if (m.matches() && !t.kindsDisagree(m.group(2))) {
            return t.result("EP", OfficeNumberFormat.pad(m.group(1), 7), t.kind(m.group(2)), null);
        }
        return null;
    }

    private static NormalizedNumber application(NumberText t, String eightDigits) {
        String year = OfficeNumberFormat.fullYear(eightDigits.substring(0, 2), 78);
        return t.result("EP", eightDigits, "A", "EP" + ST13_PATENT + year + eightDigits.substring(2));
    }

    /** Luhn check digit of an EP application number (8 digits). */
    static int luhnCheckDigit(String digits) {
        int sum = 0;
        boolean doubled = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }

    /**
     * Wrong check digits are reported with the expected digit, so a person can tell a typo in the
     * check digit from a typo in the number.
     */
    @Override
    public String diagnose(NumberText t) {
        Matcher m = APPLICATION.matcher(t.body());
        if (t.application() && m.matches() && m.group(2) != null) {
            int expected = luhnCheckDigit(m.group(1));
            if (expected != m.group(2).charAt(0) - '0') {
                return "check digit " + m.group(2) + " does not match " + m.group(1) + " (expected " + expected + ")";
            }
        }
        return null;
    }

    @Override
    public String examples(NumberType parseAs) {
        return parseAs == NumberType.PUBLICATION
                ? "EP 1 612 402 A1, EP1612402, EP.1612402.A1"
                : "EP 05255002.7, 05255002, EP.05255002.A, EP20050255002 (epodoc)";
    }
}
