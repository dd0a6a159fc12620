package org.dossierlink.number;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * United States Patent and Trademark Office numbers.
 *
 * <h2>Applications</h2>
 * The USPTO writes an application number as a 2-digit series code and a 6-digit serial
 * ({@code 13/167,395}); the number carries no year. DOCDB prefixes the filing year:
 * {@code US.201113167395.A} (corpus {@code family_EP2400812A1.xml}, application 13/167,395 filed 2011).
 * The rule followed here:
 * <ul>
 * <li>given a year-prefixed form ({@code 201113167395}, epodoc {@code US201113167395}), the number is kept;</li>
 * <li>given series/serial and a filing date ({@link NumberNormalizer#normalize(String, String, NumberType,
 * LocalDate)}), the DOCDB form is built. DOCDB changed its US application format in late 2010, when the
 * USPTO began series code 13:
 * <ul>
 * <li>new form, filing year + series + serial: utility series 13 and later, and the other series (29
 * designs, 60-63 provisionals, 90 reexaminations...) filed from 2011 ({@code 13/167,395} filed 2011 is
 * {@code US.201113167395.A}, {@code 13/835,222} filed 2013 is {@code US.201313835222.A});</li>
 * <li>old form, 6-digit serial + two-digit filing year: utility series up to 12, and the other series
 * filed up to 2010 ({@code 11/553,130} filed 2006-10-26 is {@code US.55313006.A}, corpus Global Dossier
 * cassette {@code cassette_issue99_US16740760_US17193105.yaml}; priority {@code US.26562999.A} filed
 * 1999-03-09, i.e. 09/265,629, corpus {@code legal_CA2300029C.xml}). An 8-digit text already in the old
 * form is kept: filed up to 2011, ending in the filing year's two digits, and starting with two digits
 * that were no series code in use then ({@code 26562999} filed 1999) or followed by kind P or F, which
 * only the old DOCDB form of a provisional or design has outside series 60-63 and 29
 * ({@code 98491007P} is 60/984,910 of 2007). Numbers already in DOCDB form need no filing date: without
 * one, 8 digits are kept as they are, so DOCDB data read back gives the same key. Whether DOCDB wrote non-utility applications
 * filed in December 2010 in the new form was not checked against data.</li>
 * </ul>
 * The filing date is the date the USPTO gives the application; for national-stage (371) entries, whose
 * application date in the data is the PCT filing date, DOCDB's year was not checked against data;</li>
 * <li>given series/serial without a filing date, the number is the 8 digits series + serial
 * ({@code 13167395}): the DOCDB year cannot be derived, and a key without a year is better than a wrong
 * year. Callers that store numbers (the importer) pass the filing date so keys match DOCDB data.</li>
 * </ul>
 * Kind A, except design applications (series 29): kind F, and provisional applications (series 60 to 63,
 * or a trailing {@code P}): kind P, as DOCDB
 * ({@code 60/984,910}, {@code 201462081944P}, epodoc {@code US201261713164P}). The EP B310 form
 * {@code 516238 P} has no series code; with a filing date the series is derived from the date where the
 * USPTO used one series for the whole period (60: 1995-06-08 to 2007-11-30, 61: 2008 to 2014-09-30,
 * 62: 2015 to 2019, 63: from 2020-07-01); otherwise the number is the bare serial with kind P.
 * ST.13: {@code US} + {@code 10} + filing year + series + serial when the year is known, else null.
 *
 * <h2>Publications</h2>
 * <ul>
 * <li>Pre-grant publications {@code US 2012/0123456 A1}, {@code US 2017-0071586 A1} (USPTO Open Data
 * Portal) (11 digits YYYY + 7-digit serial): DOCDB drops the
 * leading zero of the serial, giving {@code US.2012123456.A1}; the 10-digit DOCDB/epodoc form
 * {@code US2012057518} is kept. A serial that does not start with 0 is kept whole (11 digits).</li>
 * <li>Patents {@code 7,123,456}, {@code 08926509} (Red Book zero padding): digits without leading zeros,
 * {@code US.7123456}; kind as written.</li>
 * <li>Reissue, plant, design, SIR and other lettered patents ({@code RE41234}, {@code PP12345},
 * {@code D654321}, {@code H1234}): letters and digits without padding zeros, {@code US.RE41234}.</li>
 * </ul>
 */
final class UsNumberFormat implements OfficeNumberFormat {

    private static final Pattern SERIES_SERIAL = Pattern.compile("(\\d{2})[/ -]?(\\d{6})(?:[ .]?([A-Z]))?");
    private static final Pattern YEAR_SERIES_SERIAL =
            Pattern.compile("((?:19|20)\\d{2})(\\d{2})(\\d{6})(?:[ .]?([A-Z]))?");
    private static final Pattern PROVISIONAL_SERIAL_ONLY = Pattern.compile("(\\d{6})[ .]?P");

    private static final Pattern PRE_GRANT_11 = Pattern.compile("(20\\d{2})[/-]?(\\d{7})(?:[ .]?([A-Z]\\d?))?");
    private static final Pattern PRE_GRANT_10 = Pattern.compile("(20\\d{2})(\\d{6})(?:[ .]?([A-Z]\\d?))?");
    private static final Pattern PATENT = Pattern.compile("0*([1-9]\\d{0,7})(?:[ .]?([A-Z]\\d?))?");
    private static final Pattern LETTERED_PATENT =
            Pattern.compile("(RE|PP|RX|AI|D|H|T|X)0*([1-9]\\d{0,6})(?:[ .]?([A-Z]\\d?))?");

    /** Design applications; DOCDB gives them application kind F. */
    private static final String DESIGN_SERIES = "29";
    /** First utility series code DOCDB writes as YYYY + series + serial; earlier series are serial + YY. */
    private static final int FIRST_NEW_FORM_UTILITY_SERIES = 13;
    /** Last utility series code (02 to 28 are utility applications). */
    private static final int LAST_UTILITY_SERIES = 28;
    /** First filing year DOCDB writes in the new form for the series that are not utility applications. */
    private static final int FIRST_NEW_FORM_YEAR = 2011;

    private static final LocalDate SERIES_60_START = LocalDate.of(1995, 6, 8);
    private static final LocalDate SERIES_60_END = LocalDate.of(2007, 11, 30);
    private static final LocalDate SERIES_61_START = LocalDate.of(2008, 1, 1);
    private static final LocalDate SERIES_61_END = LocalDate.of(2014, 9, 30);
    private static final LocalDate SERIES_62_START = LocalDate.of(2015, 1, 1);
    private static final LocalDate SERIES_62_END = LocalDate.of(2019, 12, 31);
    private static final LocalDate SERIES_63_START = LocalDate.of(2020, 7, 1);

    @Override
    public NormalizedNumber parse(NumberText t) {
        return t.application() ? application(t) : publication(t);
    }

    private static NormalizedNumber application(NumberText t) {
        String body = t.body();
        Matcher m = YEAR_SERIES_SERIAL.matcher(body);
        if (m.matches()) {
            return application(t, m.group(1), m.group(2), m.group(3), m.group(4), false);
        }
        m = SERIES_SERIAL.matcher(body);
        if (m.matches()) {
            String year = t.filingDate() == null ? null : Integer.toString(t.filingDate().getYear());
            boolean contiguous = m.end(2) - m.start(1) == 8;
            return application(t, year, m.group(1), m.group(2), m.group(3), contiguous);
        }
        m = PROVISIONAL_SERIAL_ONLY.matcher(body);
        if (m.matches() && (t.leadingKind() == null || t.leadingKind().equals("P"))) {
            String series = provisionalSeries(t.filingDate());
            if (series == null) {
                return t.result("US", m.group(1), "P", null);
            }
            return application(t, Integer.toString(t.filingDate().getYear()), series, m.group(1), "P", false);
        }
        return null;
    }

    /**
     * @param contiguous the 8 digits were written without separator, so they may already be the old
     *                   DOCDB form serial + YY (with kind P for a provisional: {@code 98491007P})
     */
    private static NormalizedNumber application(NumberText t, String year, String series, String serial,
                                                String trailingKind, boolean contiguous) {
        if (series.equals("00") || t.kindsDisagree(trailingKind)) {
            return null;
        }
        boolean provisional = isProvisionalSeries(series);
        String kind = provisional ? "P" : series.equals(DESIGN_SERIES) ? "F" : "A";
        String written = t.kind(trailingKind);
        // Old DOCDB form of a provisional or design (98491007P, 12345610F): the kind is all that tells.
        boolean oldFormKind = contiguous && ("P".equals(written) || "F".equals(written)) && !written.equals(kind);
        if (written != null && !written.equals(kind) && !oldFormKind) {
            return null;
        }
        if (oldFormKind) {
            kind = written;
        }
        if (year == null) {
            return t.result("US", series + serial, kind, null);
        }
        String st13 = "US" + ST13_PATENT + year + series + serial;
        int filingYear = Integer.parseInt(year);
        String yy = year.substring(2);
        if (contiguous && filingYear <= FIRST_NEW_FORM_YEAR
                && (oldFormKind || !seriesInUseBefore2012(series)) && serial.endsWith(yy)) {
            // Already the old DOCDB form serial + YY: 26562999 is 09/265,629 filed 1999 (no series 26 then).
            return t.result("US", series + serial, kind, null);
        }
        if (oldDocdbForm(series, filingYear)) {
            return t.result("US", serial + yy, kind, st13);
        }
        return t.result("US", year + series + serial, kind, st13);
    }

    /** True when DOCDB writes the application as serial + YY rather than YYYY + series + serial. */
    static boolean oldDocdbForm(String series, int filingYear) {
        int code = Integer.parseInt(series);
        if (code <= LAST_UTILITY_SERIES) {
            return code < FIRST_NEW_FORM_UTILITY_SERIES;
        }
        return filingYear < FIRST_NEW_FORM_YEAR;
    }

    /** Series codes the USPTO had used before 2012: utility 02 to 13, designs, provisionals, reexaminations. */
    static boolean seriesInUseBefore2012(String series) {
        int code = Integer.parseInt(series);
        return (code >= 2 && code <= 13) || code == 29 || code == 35 || code == 60 || code == 61
                || code == 90 || code == 95 || code == 96;
    }

    /**
     * The filing years in which the USPTO issued numbers of a series, a year wider on each side, for
     * callers that must find an application written without its year (13/167,395) among DOCDB keys
     * that carry it. Utility series by their first year of use; designs (29) and provisionals (60-63)
     * over their whole periods.
     */
    static int[] plausibleFilingYears(String series) {
        int s = Integer.parseInt(series);
        int[] firstYear = {0, 0, 1935, 1948, 1960, 1970, 1979, 1987, 1993, 1997, 2001, 2004, 2007, 2010, 2013, 2014,
                2017, 2019, 2022, 2024, 2027};
        if (s >= 2 && s < firstYear.length - 1) {
            return range(firstYear[s] - 1, firstYear[s + 1] + 1);
        }
        if (s == 29) {
            return range(1992, LocalDate.now().getYear() + 1);
        }
        if (isProvisionalSeries(series)) {
            int[][] periods = {{1995, 2007}, {2008, 2014}, {2015, 2019}, {2020, LocalDate.now().getYear() + 1}};
            return range(periods[s - 60][0], periods[s - 60][1]);
        }
        return new int[0];
    }

    private static int[] range(int from, int to) {
        int[] years = new int[to - from + 1];
        for (int i = 0; i < years.length; i++) {
            years[i] = from + i;
        }
        return years;
    }

    static boolean isProvisionalSeries(String series) {
        return series.equals("60") || series.equals("61") || series.equals("62") || series.equals("63");
    }

    /** The provisional series in use on the date, or null when the date is missing or near a change. */
    static String provisionalSeries(LocalDate date) {
        if (date == null) {
            return null;
        }
        if (!date.isBefore(SERIES_60_START) && !date.isAfter(SERIES_60_END)) {
            return "60";
        }
        if (!date.isBefore(SERIES_61_START) && !date.isAfter(SERIES_61_END)) {
            return "61";
        }
        if (!date.isBefore(SERIES_62_START) && !date.isAfter(SERIES_62_END)) {
            return "62";
        }
        if (!date.isBefore(SERIES_63_START)) {
            return "63";
        }
        return null;
    }

    private static NormalizedNumber publication(NumberText t) {
        String body = t.body();
        Matcher m = PRE_GRANT_11.matcher(body);
        if (m.matches() && !t.kindsDisagree(m.group(3))) {
            String serial = m.group(2).charAt(0) == '0' ? m.group(2).substring(1) : m.group(2);
            return t.result("US", m.group(1) + serial, t.kind(m.group(3)), null);
        }
        m = PRE_GRANT_10.matcher(body);
        if (m.matches() && !t.kindsDisagree(m.group(3))) {
            return t.result("US", m.group(1) + m.group(2), t.kind(m.group(3)), null);
        }
        m = PATENT.matcher(body);
        if (m.matches() && !t.kindsDisagree(m.group(2))) {
            return t.result("US", m.group(1), t.kind(m.group(2)), null);
        }
        m = LETTERED_PATENT.matcher(body);
        if (m.matches() && !t.kindsDisagree(m.group(3))) {
            return t.result("US", m.group(1) + m.group(2), t.kind(m.group(3)), null);
        }
        return null;
    }

    @Override
    public String examples(NumberType parseAs) {
        return parseAs == NumberType.PUBLICATION
                ? "US 2012/0123456 A1, US2012057518, US 7,123,456 B2, RE41234"
                : "13/167,395, US 201113167395, 60/984,910, 201462081944P, 516238 P";
    }
}
