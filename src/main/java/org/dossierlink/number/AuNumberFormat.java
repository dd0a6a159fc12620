package org.dossierlink.number;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP Australia numbers. Applications since 2002 are YYYY + 6-digit serial and the publication keeps the
 * application number: {@code AU2011221359} gives {@code AU.2011221359.A} as an application (ST.13
 * {@code AU102011221359}) and {@code AU.2011221359} (or with the written kind, {@code AU 2011221359 A1})
 * as a publication. Because the two numbers are the same, an application given in its publication form
 * ({@code AU 2011221359 A1}, as the WIPO-CASE input help of Global Dossier asks) is accepted, kind A.
 * Older publication numbers of 6 to 9 digits are kept as written.
 */
final class AuNumberFormat implements OfficeNumberFormat {

    private static final String KIND = "(?:[ .]?([A-Z]\\d?))?";
    private static final Pattern APPLICATION = Pattern.compile("((?:19|20)\\d{2})[ /-]?(\\d{6})" + KIND);
    private static final Pattern PUBLICATION = Pattern.compile("([1-9]\\d{5,9})" + KIND);

    @Override
    public NormalizedNumber parse(NumberText t) {
        if (t.application()) {
            Matcher m = APPLICATION.matcher(t.body());
            if (!m.matches() || t.kindsDisagree(m.group(3))) {
                return null;
            }
            return t.result("AU", m.group(1) + m.group(2), "A", "AU" + ST13_PATENT + m.group(1) + m.group(2));
        }
        Matcher m = PUBLICATION.matcher(t.body());
        if (m.matches() && !t.kindsDisagree(m.group(2))) {
            return t.result("AU", m.group(1), t.kind(m.group(2)), null);
        }
        return null;
    }

    @Override
    public String examples(NumberType parseAs) {
        return parseAs == NumberType.PUBLICATION
                ? "AU 2011221359 A1, AU2011221359"
                : "AU2011221359, AU 2011221359, 2011221359";
    }
}
