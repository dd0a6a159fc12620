package org.dossierlink.number;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Japan Patent Office numbers. Japanese markers ({@code 特願}, {@code 特開}, {@code 特許第…号}, era names
 * {@code 平成}/{@code 昭和}/{@code 令和}) are turned into ASCII by {@link NumberNormalizer} before these
 * patterns apply, and full-width digits are folded (NFKC).
 *
 * <ul>
 * <li>Application: DOCDB is YYYY + 6-digit serial, kind A: {@code 2013-123456}, {@code P2009-214944},
 * {@code 特願2013-123456}, {@code JP2013123456} give {@code JP.2013123456.A}; the epodoc form
 * YYYY + 7-digit serial ({@code JP20130123456}) gives the same. A Japanese era year
 * ({@code H25-123456}, {@code 平成25年特許願第123456号}; H = Heisei, S = Showa, R = Reiwa, T = Taisho)
 * is converted to the western year (H25 = 2013). DOCDB writes applications filed before 2000 as serial
 * (no padding) + two-digit western year ({@code H11-001316} gives {@code JP.131699.A}), and such a
 * DOCDB number of 3 to 8 digits is accepted as it is (the Global Dossier pattern for JP applications,
 * {@code [0-9]{3,10}}, allows it too). ST.13: {@code JP} + {@code 10} + YYYY + 6-digit serial.</li>
 * <li>Publication: unexamined publications YYYY + 6-digit serial, zero-padded as in DOCDB
 * ({@code P2010-43647A} and the Global Dossier form {@code 201043647} give {@code JP.2010043647.A});
 * before 2000 JPO numbered publications by era year and DOCDB keeps the era letter
 * ({@code H11-123456} gives {@code JP.H11123456}); granted patents are 7 digits ({@code P5503096},
 * {@code 特許第5503096号} give {@code JP.5503096}). A run of digits without a separator is read as
 * YYYY + serial only when it has 9 or 10 digits; 7 digits are a patent number.</li>
 * </ul>
 */
final class JpNumberFormat implements OfficeNumberFormat {

    private static final String KIND = "(?:[ .]?([A-Z]\\d?))?";
    private static final Pattern YEAR_SERIAL =
            Pattern.compile("P?((?:19|20)\\d{2})(?:[-/ ](\\d{1,6})|(\\d{5,6}))" + KIND);
    private static final Pattern EPODOC = Pattern.compile("((?:19|20)\\d{2})0(\\d{6})");
    private static final Pattern ERA_SERIAL = Pattern.compile("P?([HSRT])(\\d{1,2})[-/ ]?(\\d{1,6})" + KIND);
    private static final Pattern PATENT = Pattern.compile("P?(\\d{6,7})" + KIND);
    /** An application number already in DOCDB's pre-2000 form, serial + YY ({@code 131699}). */
    private static final Pattern APPLICATION_OLD_DOCDB = Pattern.compile("([1-9]\\d{2,7})(?:[ .]?(A|U))?");
    /** First filing year DOCDB writes as YYYY + serial; earlier applications are serial + YY. */
    private static final int FIRST_YEAR_PREFIXED = 2000;

    @Override
    public NormalizedNumber parse(NumberText t) {
        String body = t.body();
        Matcher m = EPODOC.matcher(body);
        if (t.application() && m.matches()) {
            return application(t, m.group(1), m.group(2), null);
        }
        m = YEAR_SERIAL.matcher(body);
        if (m.matches()) {
            String serial = m.group(2) != null ? m.group(2) : m.group(3);
            return t.application()
                    ? application(t, m.group(1), serial, m.group(4))
                    : publication(t, m.group(1) + OfficeNumberFormat.pad(serial, 6), m.group(4));
        }
        m = ERA_SERIAL.matcher(body);
        if (m.matches()) {
            int year = westernYear(m.group(1).charAt(0), Integer.parseInt(m.group(2)));
            if (year < 0) {
                return null;
            }
            String serial = OfficeNumberFormat.pad(m.group(3), 6);
            if (t.application()) {
                return application(t, Integer.toString(year), serial, m.group(4));
            }
            String number = year >= 2000
                    ? year + serial
                    : m.group(1) + OfficeNumberFormat.pad(m.group(2), 2) + serial;
            return publication(t, number, m.group(4));
        }
        m = PATENT.matcher(body);
        if (!t.application() && m.matches()) {
            return publication(t, m.group(1), m.group(2));
        }
        m = APPLICATION_OLD_DOCDB.matcher(body);
        if (t.application() && m.matches() && !t.kindsDisagree(m.group(2))) {
            String kind = t.kind(m.group(2));
            return t.result("JP", m.group(1), kind == null ? "A" : kind, null);
        }
        return null;
    }

    private static NormalizedNumber application(NumberText t, String year, String serial, String trailingKind) {
        String kind = t.kind(trailingKind);
        if (t.kindsDisagree(trailingKind) || (kind != null && !kind.equals("A") && !kind.equals("U"))) {
            return null;
        }
        String padded = OfficeNumberFormat.pad(serial, 6);
        String st13 = "JP" + ("U".equals(kind) ? ST13_UTILITY_MODEL : ST13_PATENT) + year + padded;
        String number = Integer.parseInt(year) < FIRST_YEAR_PREFIXED
                ? stripZeros(padded) + year.substring(2)
                : year + padded;
        return t.result("JP", number, kind == null ? "A" : kind, st13);
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static NormalizedNumber publication(NumberText t, String number, String trailingKind) {
        if (t.kindsDisagree(trailingKind)) {
            return null;
        }
        return t.result("JP", number, t.kind(trailingKind), null);
    }

    /** Western year of a Japanese era year, or -1 for a year the era did not have. */
    static int westernYear(char era, int eraYear) {
        if (eraYear < 1) {
            return -1;
        }
        return switch (era) {
            case 'T' -> eraYear <= 15 ? 1911 + eraYear : -1;
            case 'S' -> eraYear <= 64 ? 1925 + eraYear : -1;
            case 'H' -> eraYear <= 31 ? 1988 + eraYear : -1;
            case 'R' -> 2018 + eraYear;
            default -> -1;
        };
    }

    @Override
    public String examples(NumberType parseAs) {
        return parseAs == NumberType.PUBLICATION
                ? "P2010-43647A, 特開2010-043647, JP2010043647A, P5503096, 特許第5503096号"
                : "2013-123456, P2009-214944, 特願2013-123456, JP2013123456, H25-123456";
    }
}
