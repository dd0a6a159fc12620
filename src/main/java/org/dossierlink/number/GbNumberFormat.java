package org.dossierlink.number;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UK Intellectual Property Office numbers.
 *
 * <ul>
 * <li>Application: YY + 5-digit serial + check digit ({@code 1702530.5}, corpus
 * {@code biblio_WO2018148832A1.xml}). The number is kept as the 7 digits without the check digit,
 * kind A ({@code GB.1702530.A}); the check digit is not verified (its rule is not published with the data
 * here). The epodoc form YYYY + 7-digit serial ({@code GB20170002530}, same file) gives the same number.
 * DOCDB's own GB application numbers were not in the corpus to check against, so the 7-digit form follows
 * how the office writes the number. ST.13: {@code GB} + {@code 10} + YYYY + 5-digit serial.</li>
 * <li>Publication: 7 digits, {@code GB 2 345 678 A} gives {@code GB.2345678.A}.</li>
 * </ul>
 */
final class GbNumberFormat implements OfficeNumberFormat {

    private static final String KIND = "(?:[ .]?([A-Z]\\d?))?";
    private static final Pattern APPLICATION = Pattern.compile("(\\d{2})(\\d{5})(?:\\.(\\d))?" + KIND);
    private static final Pattern APPLICATION_EPODOC = Pattern.compile("((?:19|20)\\d{2})00(\\d{5})");
    private static final Pattern PUBLICATION = Pattern.compile("([1-9]\\d{6})" + KIND);

    @Override
    public NormalizedNumber parse(NumberText t) {
        if (t.application()) {
            Matcher m = APPLICATION.matcher(t.body());
            if (m.matches() && !t.kindsDisagree(m.group(4))) {
                String kind = t.kind(m.group(4));
                return kind == null || kind.equals("A") ? application(t, m.group(1), m.group(2)) : null;
            }
            m = APPLICATION_EPODOC.matcher(t.body());
            if (m.matches() && t.leadingKind() == null) {
                return application(t, m.group(1).substring(2), m.group(2));
            }
            return null;
        }
        Matcher m = PUBLICATION.matcher(t.body());
        if (m.matches() && !t.kindsDisagree(m.group(2))) {
            return t.result("GB", m.group(1), t.kind(m.group(2)), null);
        }
        return null;
    }

    private static NormalizedNumber application(NumberText t, String yy, String serial) {
        String year = OfficeNumberFormat.fullYear(yy, 50);
        return t.result("GB", yy + serial, "A", "GB" + ST13_PATENT + year + serial);
    }

    @Override
    public String examples(NumberType parseAs) {
        return parseAs == NumberType.PUBLICATION
                ? "GB 2 345 678 A, GB2345678A"
                : "GB1234567.8, 1702530.5, GB20170002530 (epodoc)";
    }
}
