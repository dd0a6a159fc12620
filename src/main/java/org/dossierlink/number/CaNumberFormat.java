package org.dossierlink.number;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canadian Intellectual Property Office numbers. Applications are 7 digits and the patent keeps the
 * application number: {@code 2744162} / {@code CA 2,744,162} give {@code CA.2744162.A} as an application
 * and {@code CA.2744162} (kind as written, {@code CA2744162A1}) as a publication, as in DOCDB
 * ({@code family_EP2400812A1.xml}). The epodoc application form prefixes the filing year,
 * {@code CA20112744162}; the year is dropped. As the numbers are the same, an application given with a
 * publication kind ({@code CA 2744162 A1}) is accepted, kind A. The number carries no year, so there is no ST.13 form.
 */
final class CaNumberFormat implements OfficeNumberFormat {

    private static final String KIND = "(?:[ .]?([A-Z]\\d?))?";
    private static final Pattern APPLICATION = Pattern.compile("([1-9]\\d{6})" + KIND);
    private static final Pattern APPLICATION_EPODOC = Pattern.compile("(?:19|20)\\d{2}(\\d{7})");
    private static final Pattern PUBLICATION = Pattern.compile("([1-9]\\d{5,6})" + KIND);

    @Override
    public NormalizedNumber parse(NumberText t) {
        if (t.application()) {
            Matcher m = APPLICATION.matcher(t.body());
            if (m.matches() && !t.kindsDisagree(m.group(2))) {
                return t.result("CA", m.group(1), "A", null);
            }
            m = APPLICATION_EPODOC.matcher(t.body());
            if (m.matches() && t.leadingKind() == null) {
                return t.result("CA", m.group(1), "A", null);
            }
            return null;
        }
        Matcher m = PUBLICATION.matcher(t.body());
        if (m.matches() && !t.kindsDisagree(m.group(2))) {
            return t.result("CA", m.group(1), t.kind(m.group(2)), null);
        }
        return null;
    }

    @Override
    public String examples(NumberType parseAs) {
        return parseAs == NumberType.PUBLICATION
                ? "CA 2744162 A1, CA2744162, CA.2744162.C"
                : "2744162, CA 2,744,162, CA20112744162 (epodoc)";
    }
}
