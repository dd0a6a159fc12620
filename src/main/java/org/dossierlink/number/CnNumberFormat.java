package org.dossierlink.number;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * China National Intellectual Property Administration numbers.
 *
 * <ul>
 * <li>Application since 2003: YYYY + type digit + 7-digit serial + check digit ({@code 201110076986.7},
 * {@code 202111286633.X}); DOCDB keeps the 12 digits and drops the check digit: {@code CN.201110076986.A}.
 * The check digit is verified (mod 11 with weights 2,3,4,5,6,7,8,9,2,3,4,5, 10 written X), which holds for
 * every CN application number in the corpus; the OPS original form without the dot
 * ({@code 2013800622588}) is accepted only when its last digit is the check digit. Type digit 1 or 8
 * (PCT national phase) gives kind A, 2 or 9 kind U, 3 (design) kind F, DOCDB's application kind for designs. The epodoc form YYYY + type + 6-digit serial
 * ({@code CN20138062258}, corpus {@code biblio_CN104968889A.xml}) gives the 12-digit form with the serial
 * padded to 7 digits. ST.13, as CNIPA writes it in its "standard" data format (corpus {@code cn_new1.xml},
 * {@code 202111286633.X} = {@code 102021001286633}): {@code CN} + IP type (10 invention, 20 utility model,
 * 30 design) + YYYY + serial padded to 9 digits; none for types 8 and 9, whose ST.13 form the corpus does
 * not show.</li>
 * <li>The prefix {@code ZL} (专利, used for the number of a granted patent's application) is accepted:
 * {@code ZL201110076986.7} gives {@code CN.201110076986.A}.</li>
 * <li>Application before 2003: YY + type digit + 5-digit serial (+ check digit), kept as 8 digits:
 * {@code 02123456.7} gives {@code CN.02123456.A}.</li>
 * <li>Publication: the digits as printed, {@code CN 102298232 A} gives {@code CN.102298232.A}.</li>
 * </ul>
 */
final class CnNumberFormat implements OfficeNumberFormat {

    private static final String KIND = "(?:[ .]?([A-Z]\\d?))?";
    private static final Pattern APPLICATION =
            Pattern.compile("(?:ZL ?)?((?:19|20)\\d{2})([1-9])(\\d{7})(?:\\.([0-9X]))?" + KIND);
    private static final Pattern APPLICATION_UNDOTTED_CHECK =
            Pattern.compile("((?:19|20)\\d{2})([1-9])(\\d{7})([0-9X])");
    private static final Pattern APPLICATION_EPODOC = Pattern.compile("((?:19|20)\\d{2})([1-9])(\\d{6})");
    private static final Pattern APPLICATION_OLD = Pattern.compile("(?:ZL ?)?(\\d{2})([1-9])(\\d{5})(?:\\.([0-9X]))?" + KIND);
    private static final Pattern PUBLICATION = Pattern.compile("([1-9]\\d{6,8})" + KIND);

    private static final Pattern ELEVEN_DIGITS = Pattern.compile("\\d{11}(?:\\.[0-9X])?");

    private static final int[] WEIGHTS = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};

    @Override
    public NormalizedNumber parse(NumberText t) {
        String body = t.body();
        if (!t.application()) {
            Matcher m = PUBLICATION.matcher(body);
            if (m.matches() && !t.kindsDisagree(m.group(2))) {
                return t.result("CN", m.group(1), t.kind(m.group(2)), null);
            }
            return null;
        }
        Matcher m = APPLICATION.matcher(body);
        if (m.matches()) {
            String twelve = m.group(1) + m.group(2) + m.group(3);
            if (m.group(4) != null && checkDigit(twelve) != m.group(4).charAt(0)) {
                return null;
            }
            return application(t, m.group(1), m.group(2), m.group(3), m.group(5));
        }
        m = APPLICATION_UNDOTTED_CHECK.matcher(body);
        if (m.matches()) {
            String twelve = m.group(1) + m.group(2) + m.group(3);
            return checkDigit(twelve) == m.group(4).charAt(0)
                    ? application(t, m.group(1), m.group(2), m.group(3), null)
                    : null;
        }
        m = APPLICATION_EPODOC.matcher(body);
        if (m.matches() && t.leadingKind() == null) {
            return application(t, m.group(1), m.group(2), OfficeNumberFormat.pad(m.group(3), 7), null);
        }
        m = APPLICATION_OLD.matcher(body);
        if (m.matches()) {
            String kind = kindOfType(m.group(2).charAt(0));
            String written = t.kind(m.group(5));
            if (kind == null || t.kindsDisagree(m.group(5)) || (written != null && !written.equals(kind))) {
                return null;
            }
            return t.result("CN", m.group(1) + m.group(2) + m.group(3), kind, null);
        }
        return null;
    }

    private static NormalizedNumber application(NumberText t, String year, String type, String serial,
                                                String trailingKind) {
        String kind = kindOfType(type.charAt(0));
        String written = t.kind(trailingKind);
        if (kind == null || t.kindsDisagree(trailingKind) || (written != null && !written.equals(kind))) {
            return null;
        }
        String st13 = switch (type.charAt(0)) {
            case '1' -> "CN" + ST13_PATENT + year + "00" + serial;
            case '2' -> "CN" + ST13_UTILITY_MODEL + year + "00" + serial;
            case '3' -> "CN" + ST13_DESIGN + year + "00" + serial;
            default -> null;
        };
        return t.result("CN", year + type + serial, kind, st13);
    }

    private static String kindOfType(char type) {
        return switch (type) {
            case '1', '8' -> "A";
            case '2', '9' -> "U";
            case '3' -> "F";
            default -> null;
        };
    }

    /** CNIPA check digit of a 12-digit application number: '0'..'9' or 'X'. */
    static char checkDigit(String twelveDigits) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelveDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        int c = sum % 11;
        return c == 10 ? 'X' : (char) ('0' + c);
    }

    @Override
    public String diagnose(NumberText t) {
        if (!t.application()) {
            return null;
        }
        Matcher m = APPLICATION.matcher(t.body());
        if (m.matches() && m.group(4) != null) {
            String twelve = m.group(1) + m.group(2) + m.group(3);
            char expected = checkDigit(twelve);
            if (expected != m.group(4).charAt(0)) {
                return "check digit " + m.group(4) + " does not match " + twelve + " (expected " + expected + ")";
            }
        }
        if (ELEVEN_DIGITS.matcher(t.body()).matches()) {
            return "11 digits are neither the 12-digit form YYYY + type digit + 7-digit serial"
                    + " nor the epodoc form YYYY + type digit (1-9) + 6-digit serial";
        }
        return null;
    }

    @Override
    public String examples(NumberType parseAs) {
        return parseAs == NumberType.PUBLICATION
                ? "CN 102298232 A, CN102298232A, CN.102298232.A"
                : "201110076986.7, CN 201110076986.7, 201110076986, 02123456.7, CN.201110076986.A";
    }
}
