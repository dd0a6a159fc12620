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
 * LocalDate)}), the DOCDB form is built: filing year + series + serial. For applications filed before 2001
 * DOCDB writes the 6-digit serial followed by the two-digit year instead (corpus
 * {@code legal_CA2300029C.xml}: priority {@code US.26562999.A} filed 1999-03-09, i.e. 09/265,629); that form
 * is built for filing years up to 2000, and an 8-digit text already in it (ending in the filing year's two
 * digits) is kept. The corpus shows the old form for 1999 and the year-prefixed form from 2011; the
 * cut-over at 2001 is the assumption for the years between. The filing date is the date the USPTO gives the
 * application; for national-stage (371) entries DOCDB's year was not checked against data;</li>
 * <li>given series/serial without a filing date, the number is the 8 digits series + serial
 * ({@code 13167395}): the DOCDB year cannot be derived, and a key without a year is better than a wrong
 * year. Callers that store numbers (the importer) pass the filing date so keys match DOCDB data.</li>
 * </ul>
 * Kind A, except provisional applications (series 60 to 63, or a trailing {@code P}): kind P, as DOCDB
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
    private static final Pattern PROVISIONAL_SERIAL_ONLY = Pattern.compile("(\\d{6}) ?P");

    private static final Pattern PRE_GRANT_11 = Pattern.compile("(20\\d{2})[/-]?(\\d{7})(?:[ .]?([A-Z]\\d?))?");
    private static final Pattern PRE_GRANT_10 = Pattern.compile("(20\\d{2})(\\d{6})(?:[ .]?([A-Z]\\d?))?");
    private static final Pattern PATENT = Pattern.compile("0*([1-9]\\d{0,7})(?:[ .]?([A-Z]\\d?))?");
    private static final Pattern LETTERED_PATENT =
            Pattern.compile("(RE|PP|RX|AI|D|H|T|X)0*([1-9]\\d{0,6})(?:[ .]?([A-Z]\\d?))?");

    /** First filing year DOCDB writes as YYYY + series + serial; earlier years are serial + YY. */
    private static final int FIRST_YEAR_PREFIXED = 2001;

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
     * @param contiguous the 8 digits were written without separator, so they may already be the pre-2001
     *                   DOCDB form serial + YY
     */
    private static NormalizedNumber application(NumberText t, String year, String series, String serial,
                                                String trailingKind, boolean contiguous) {
        if (series.equals("00") || t.kindsDisagree(trailingKind)) {
            return null;
        }
        boolean provisional = isProvisionalSeries(series);
        String kind = provisional ? "P" : "A";
        String written = t.kind(trailingKind);
        if (written != null && !written.equals(kind)) {
            return null;
        }
        if (year == null) {
            return t.result("US", series + serial, kind, null);
        }
        String st13 = "US" + ST13_PATENT + year + series + serial;
        if (Integer.parseInt(year) < FIRST_YEAR_PREFIXED) {
            String yy = year.substring(2);
            // Already in the old DOCDB form (serial + YY, e.g. 26562999 for 09/265,629 filed 1999)?
            String number = contiguous && (series + serial).endsWith(yy) ? series + serial : serial + yy;
            return t.result("US", number, kind, number.equals(series + serial) ? null : st13);
        }
        return t.result("US", year + series + serial, kind, st13);
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
