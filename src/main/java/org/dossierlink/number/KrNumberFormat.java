package org.dossierlink.number;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Korean Intellectual Property Office numbers. KIPO writes {@code 10-2016-0063019}: IP type (10 patent,
 * 20 utility model), year, 7-digit serial; the same layout is ST.13, so the ST.13 form is
 * {@code KR1020160063019}.
 *
 * <ul>
 * <li>Application: DOCDB drops the type code, YYYY + 7 digits: {@code 10-2016-0063019} and
 * {@code 2008-0124668} give {@code KR.20160063019.A} and {@code KR.20080124668.A}; type 20 gives kind U.
 * Without a type code the ST.13 form assumes 10 (patent).</li>
 * <li>Publication: unexamined publications the same way ({@code 10-2010-0066036} gives
 * {@code KR.20100066036}); registration numbers keep the type code ({@code 10-1503659} gives
 * {@code KR.101503659}), as DOCDB does ({@code KR101503659B1}).</li>
 * </ul>
 */
final class KrNumberFormat implements OfficeNumberFormat {

    private static final String KIND = "(?:[ .]?([A-Z]\\d?))?";
    private static final Pattern YEAR_SERIAL =
            Pattern.compile("(?:(10|20)-?)?((?:19|20)\\d{2})-?(\\d{7})" + KIND);
    private static final Pattern REGISTRATION = Pattern.compile("(10|20)-?(\\d{7})" + KIND);

    @Override
    public NormalizedNumber parse(NumberText t) {
        Matcher m = YEAR_SERIAL.matcher(t.body());
        if (m.matches()) {
            String trailing = m.group(4);
            if (t.kindsDisagree(trailing)) {
                return null;
            }
            String kind = t.kind(trailing);
            String number = m.group(2) + m.group(3);
            if (!t.application()) {
                return t.result("KR", number, kind, null);
            }
            String ipType = m.group(1) != null ? m.group(1) : ("U".equals(kind) ? ST13_UTILITY_MODEL : ST13_PATENT);
            String expectedKind = ipType.equals(ST13_UTILITY_MODEL) ? "U" : "A";
            if (kind != null && !kind.equals(expectedKind)) {
                return null;
            }
            return t.result("KR", number, expectedKind, "KR" + ipType + number);
        }
        m = REGISTRATION.matcher(t.body());
        if (!t.application() && m.matches() && !t.kindsDisagree(m.group(3))) {
            return t.result("KR", m.group(1) + m.group(2), t.kind(m.group(3)), null);
        }
        return null;
    }

    @Override
    public String examples(NumberType parseAs) {
        return parseAs == NumberType.PUBLICATION
                ? "10-2010-0066036, 10-1503659, KR20100066036A, KR101503659B1"
                : "10-2016-0063019, 2008-0124668, KR20160063019, KR.20160063019.A";
    }
}
