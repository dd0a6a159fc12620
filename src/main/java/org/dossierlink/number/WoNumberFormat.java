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
 * and the DOCDB form {@code US.2016015853.W}. Number: 4-digit year + receiving office + 6-digit serial.
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
    private static final Pattern PCT_EPODOC = Pattern.compile("(\\d{4})([A-Z]{2})(\\d{1,6})(?:[ .]?(W))?");
    /** The PCT layout under a national office: YYYY/NNNNNN or YYYYNNNNNN.W. */
    static final Pattern PCT_UNDER_OFFICE = Pattern.compile("(\\d{4})(?:/(\\d{6})|[ .]?(\\d{6})[ .]?W)");
    private static final Pattern SLASH = Pattern.compile("/");
    private static final Pattern PUBLICATION_4 = Pattern.compile("((?:19|20)\\d{2})(\\d{6})(?:[ .]?([A-Z]\\d?))?");
    private static final Pattern PUBLICATION_2 = Pattern.compile("(\\d{2})(\\d{5,6})(?:[ .]?([A-Z]\\d?))?");

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
        return pct(t, office, m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
    }

    @Override
    public String examples(NumberType parseAs) {
        return parseAs == NumberType.PUBLICATION
                ? "WO 2018/148832 A1, WO2018148832A1, WO 03073013 A1"
                : "PCT/US2016/015853, PCT/US09/54677, WO2016US15853 (epodoc), US.2016015853.W (DOCDB)";
    }
}
