package org.dossierlink.number;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PCT (WIPO) numbers. Results always carry country {@code WO}.
 *
 * <ul>
 * <li>International application: {@code PCT/US2016/015853} gives {@code WO.2016US015853.W}; the old
 * two-digit-year form {@code PCT/US09/54677} gives {@code WO.2009US054677.W} (years from 78 are 19xx,
 * PCT started in 1978). Also accepted: the epodoc form {@code WO2016US15853}, the receiving-office forms
 * {@code US2016/015853} and {@code KR2018016728} (OPS "original", JPO {@code pct-or-regional-filing-data}),
 * and the DOCDB forms {@code US.2016015853.W} and, before 2004, {@code CH.0200573.W} (given with the
 * receiving office as office). Number: 4-digit year + receiving office + 6-digit serial.
 * DOCDB itself files an international application under the receiving office's country code
 * ({@code US.2016015853.W}, corpus {@code biblio_application_US2016015853W.xml}); dossierlink keeps it
 * under WO, so that one PCT application has one key whichever way it was written, and accepts the
 * DOCDB form as input. ST.13 defines no form for international applications: st13 is null.</li>
 * <li>Publication: since 2004 4-digit year + 6-digit serial ({@code WO2018148832A1},
 * {@code WO 2009/058797} give {@code WO.2018148832.A1}, {@code WO.2009058797}); before 2004 two-digit year +
 * serial kept as written, as DOCDB does ({@code WO 03073013 A1} gives {@code WO.03073013.A1},
 * corpus citation {@code WO.02054790.A2}).</li>
 * </ul>
 */
final class WoNumberFormat implements OfficeNumberFormat {

    private static final String SEP = "[ /-]*";
    /** PCT/CCYYYY/NNNNNN, PCT/CCYY/NNNNN, CCYYYY/NNNNNN, CCYYYYNNNNNN, CC.YYYYNNNNNN.W */
    static final Pattern PCT = Pattern.compile(
            "(?:PCT)?" + SEP + "([A-Z]{2})" + SEP + "[.]?(?:(\\d{4})" + SEP + "(\\d{6})|(\\d{4}|\\d{2})[ /-]+(\\d{1,6}))"
                    + "(?:[ .]?(W))?");
    /** DOCDB before 2004, receiving office + YY + 5-digit serial + W: CH0200573W. */
    private static final Pattern PCT_OLD_DOCDB = Pattern.compile("([A-Z]{2})[ .]?(\\d{2})(\\d{5})[ .]?W");
    private static final Pattern PCT_EPODOC = Pattern.compile("(\\d{4})([A-Z]{2})(\\d{1,6})(?:[ .]?(W))?");
    /**
     * The PCT layout under a national office: YYYY/NNNNNN, or the DOCDB forms YYYYNNNNNN.W (from 2004) and
     * YYNNNNN.W (before 2004).
     */
    static final Pattern PCT_UNDER_OFFICE =
            Pattern.compile("(\\d{4})(?:/(\\d{6})|[ .]?(\\d{6})[ .]?W)|(\\d{2})[ .]?(\\d{5})[ .]?W");
    private static final Pattern NORMALISED_PCT = Pattern.compile("(\\d{4})([A-Z]{2})(\\d{6})");
    private static final Pattern SLASH = Pattern.compile("/");
    /** WO publication kinds are A1 to A9 (and B1 for some old documents); U or E are typing slips. */
    private static final Pattern PUBLICATION_4 = Pattern.compile("((?:19|20)\\d{2})(\\d{6})(?:[ .]?([AB]\\d?))?");
    private static final Pattern PUBLICATION_2 = Pattern.compile("(\\d{2})(\\d{5,6})(?:[ .]?([AB]\\d?))?");

    @Override
    public NormalizedNumber parse(NumberText t) {
        String body = t.body();
        if (t.application()) {
            if (t.leadingKind() != null && !t.leadingKind().equals("W")) {
                return null;
            }
            Matcher m = PCT.matcher(body);
            if (m.matches()) {
                return m.group(2) != null
                        ? pct(t, m.group(1), m.group(2), m.group(3))
                        : pct(t, m.group(1), m.group(4), m.group(5));
            }
            m = PCT_OLD_DOCDB.matcher(body);
            if (m.matches()) {
                return pct(t, m.group(1), m.group(2), m.group(3));
            }
            m = PCT_EPODOC.matcher(body);
            if (m.matches()) {
                return pct(t, m.group(2), m.group(1), m.group(3));
            }
            return null;
        }
        // The slash is only a separator in publication numbers (WO 2009/058797, WO 03/073013, even 20/04032928).
        body = SLASH.matcher(body).replaceAll("");
        Matcher m = PUBLICATION_4.matcher(body);
        if (m.matches() && !t.kindsDisagree(m.group(3))) {
            return t.result("WO", m.group(1) + m.group(2), t.kind(m.group(3)), null);
        }
        m = PUBLICATION_2.matcher(body);
        if (m.matches() && !t.kindsDisagree(m.group(3))) {
            return t.result("WO", m.group(1) + m.group(2), t.kind(m.group(3)), null);
        }
        return null;
    }

    /** A PCT application filed with {@code receivingOffice}; null when the year or office is impossible. */
    static NormalizedNumber pct(NumberText t, String receivingOffice, String year, String serial) {
        String fullYear = year.length() == 2 ? OfficeNumberFormat.fullYear(year, 78) : year;
        int y = Integer.parseInt(fullYear);
        if (y < 1978 || y > 2099 || !NumberNormalizer.isSt3Code(receivingOffice)
                || receivingOffice.equals("WO")) {
            return null;
        }
        return t.result("WO", fullYear + receivingOffice + OfficeNumberFormat.pad(serial, 6), "W", null);
    }

    /** The PCT layout given under a national office (which is then the receiving office), or null. */
    static NormalizedNumber pctUnderOffice(NumberText t, String office) {
        Matcher m = PCT_UNDER_OFFICE.matcher(t.body());
        if (!t.application() || !m.matches()) {
            return null;
        }
        if (m.group(4) != null) {
            return pct(t, office, m.group(4), m.group(5));
        }
        return pct(t, office, m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
    }

    /**
     * The number as DOCDB itself writes it: a PCT application under its receiving office, YYYY + 6-digit
     * serial from 2004 ({@code US.2016015853.W}) and YY + 5-digit serial before ({@code CH.0200573.W});
     * any other number unchanged.
     */
    static String docdbExchangeForm(NormalizedNumber n) {
        Matcher m = NORMALISED_PCT.matcher(n.number());
        if (!n.country().equals("WO") || !"W".equals(n.kind()) || !m.matches()) {
            return n.docdb();
        }
        String year = m.group(1);
        String serial = m.group(3);
        if (Integer.parseInt(year) < 2004 && serial.startsWith("0")) {
            return m.group(2) + "." + year.substring(2) + serial.substring(1) + ".W";
        }
        return m.group(2) + "." + year + serial + ".W";
    }

    @Override
    public String examples(NumberType parseAs) {
        return parseAs == NumberType.PUBLICATION
                ? "WO 2018/148832 A1, WO2018148832A1, WO 03073013 A1"
                : "PCT/US2016/015853, PCT/US09/54677, WO2016US15853 (epodoc), US.2016015853.W (DOCDB)";
    }
}
