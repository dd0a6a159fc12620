package org.dossierlink.number;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns patent numbers as offices and people write them into DOCDB-style {@link NormalizedNumber}s.
 *
 * <p>Thread-safe and immutable: all patterns are compiled once; the happy path throws nothing and allocates
 * little (matchers, the cleaned string, the result): a few microseconds a call. One instance can serve the
 * whole process.
 *
 * <h2>Rules in short</h2>
 * <table>
 * <caption>Written forms and the DOCDB-style result (details in each office's format class)</caption>
 * <tr><th>office</th><th>written</th><th>result</th><th>rule</th></tr>
 * <tr><td>EP</td><td>{@code EP 05255002.7}, {@code EP20100167109}</td><td>{@code EP.05255002.A},
 * {@code EP.10167109.A}</td><td>application YY + 6 digits, check digit verified and dropped; epodoc
 * YYYY + 7 digits read back ({@link EpNumberFormat})</td></tr>
 * <tr><td>EP</td><td>{@code EP 1 612 402 A1}</td><td>{@code EP.1612402.A1}</td><td>publication 7 digits</td></tr>
 * <tr><td>US</td><td>{@code 13/167,395} (+ filing date 2011)</td><td>{@code US.13167395.A}
 * ({@code US.201113167395.A})</td><td>DOCDB year form only when the filing date is given (serial + YY
 * before series 13, {@code US.55313006.A}); designs kind F; provisionals
 * (series 60-63, {@code 516238 P}, {@code 201462081944P}) kind P ({@link UsNumberFormat})</td></tr>
 * <tr><td>US</td><td>{@code US 2012/0123456 A1}, {@code 7,123,456}, {@code RE41234}</td>
 * <td>{@code US.2012123456.A1}, {@code US.7123456}, {@code US.RE41234}</td><td>pre-grant: zero after
 * the year dropped; patents: padding zeros dropped</td></tr>
 * <tr><td>JP</td><td>{@code JP 2013-123456}, {@code 特願2013-123456}, {@code H25-123456}</td>
 * <td>{@code JP.2013123456.A}</td><td>YYYY + 6-digit serial, era years converted; before 2000
 * serial + YY, {@code JP.131699.A} ({@link JpNumberFormat})</td></tr>
 * <tr><td>KR</td><td>{@code 10-2016-0063019}, {@code 2008-0124668}</td><td>{@code KR.20160063019.A}</td>
 * <td>type code dropped from applications, kept in registrations ({@link KrNumberFormat})</td></tr>
 * <tr><td>CN</td><td>{@code 201110076986.7}, {@code CN 102298232 A}</td><td>{@code CN.201110076986.A},
 * {@code CN.102298232.A}</td><td>12 digits, check digit verified and dropped ({@link CnNumberFormat})</td></tr>
 * <tr><td>WO</td><td>{@code PCT/US2016/015853}, {@code PCT/US09/54677}, {@code US.2016015853.W}</td>
 * <td>{@code WO.2016US015853.W}, {@code WO.2009US054677.W}</td><td>PCT applications under WO with
 * YYYY + receiving office + 6-digit serial; note DOCDB itself files them under the receiving office
 * ({@code US.2016015853.W}), which is accepted as input ({@link WoNumberFormat})</td></tr>
 * <tr><td>WO</td><td>{@code WO2018148832A1}, {@code WO 03073013 A1}</td><td>{@code WO.2018148832.A1},
 * {@code WO.03073013.A1}</td><td>publications as written; pre-2004 two-digit years kept</td></tr>
 * <tr><td>AU, CA, GB</td><td>{@code AU2011221359}, {@code 2744162}, {@code GB1234567.8}</td>
 * <td>{@code AU.2011221359.A}, {@code CA.2744162.A}, {@code GB.1234567.A}</td><td>see
 * {@link AuNumberFormat}, {@link CaNumberFormat}, {@link GbNumberFormat}</td></tr>
 * <tr><td>others</td><td>{@code RU2015124071}, {@code CH 1974/01}</td><td>{@code RU.2015124071},
 * {@code CH.197401}</td><td>letters and digits kept ({@link GenericNumberFormat})</td></tr>
 * </table>
 *
 * <h2>Offices</h2>
 * The office is a WIPO ST.3 code, trimmed, any case. {@code WIPO} and {@code PCT} are aliases of
 * {@code WO}. Offices with their own formats: AU, CA, CN, EP, GB, JP, KR, US, WO (see the
 * {@code *NumberFormat} classes of this package for each office's rules). Every other ST.3 code
 * (the ISO 3166 countries, the regional offices AP, EA, EM, GC, OA, the WIPO codes IB, QZ, XN, XU, XV, XX,
 * and the historical DD, SU, CS, YU still found in DOCDB) uses a generic rule: letters and digits kept,
 * separators dropped, a trailing kind code split off. Anything else is an {@link UnknownOfficeException}.
 *
 * <h2>Clean-up before the office rules</h2>
 * <ol>
 * <li>Trim; full-width characters folded (NFKC); for JP, Japanese markers read where they stand in the
 * JPO's written forms: a leading {@code 特願}, {@code 実願}, {@code 特許願} marks an application, a leading
 * {@code 特開}, {@code 特表}, {@code 再表}, {@code 特公}, {@code 実開}, {@code 特許第…号} a publication (a marker
 * that contradicts the requested type is malformed); other offices accept no non-ASCII text; the era
 * names {@code 令和}, {@code 平成}, {@code 昭和}, {@code 大正} (and the short forms {@code 令}, {@code 平},
 * {@code 昭} of {@code 特願平11-123456}) become R, H, S, T and {@code 年} a dash.</li>
 * <li>Upper case; runs of white space become one space; a space or comma between two digits is a
 * digit-group separator and goes ({@code EP 1 612 402 A1}, {@code 60/984,910}).</li>
 * <li>A country prefix ({@code JP 2013-123456}, {@code EP.2400812.A1}, {@code EP20100167109}) equal to the
 * office is removed. A prefix naming another office makes the number malformed, except {@code WO} and
 * {@code PCT}: such a number is a PCT application or WO publication whatever office was given, and the
 * result has country WO.</li>
 * <li>A kind written before the number, as in citations ({@code EP-A- 0 529 854}), is split off.</li>
 * </ol>
 *
 * <h2>Output</h2>
 * <ul>
 * <li>{@code number}: the DOCDB doc-number (digits, letters for a few US and JP forms), no separators,
 * check digits dropped; {@code kind}: for applications the DOCDB application kind (A, or P for a US
 * provisional, U for utility models, F for designs, W for a PCT application), for publications the kind as written, or
 * null when none was written (the number service answers the same, see
 * {@code number_original_to_docdb_RU2015124071.xml}).</li>
 * <li>{@code type}: the requested type; null means APPLICATION. PRIORITY numbers are parsed with the
 * application rules, since a priority is the earlier application.</li>
 * <li>{@code st13}: the WIPO ST.13 form of an application number (office code, two-digit IP type code,
 * 10 for patents for invention, 20 utility models, 30 designs, then the 4-digit filing year and the
 * serial), where the number carries its year: see each office's rule. Null for publications, for PCT
 * applications, for CA and the generic offices, and for US applications whose year is not known.</li>
 * <li>{@code original}: the text as given, trimmed.</li>
 * </ul>
 *
 * <h2>US filing years</h2>
 * DOCDB writes US application numbers with the filing year, which the written number does not carry:
 * YYYY + series + serial since series 13 (late 2010; {@code 13/167,395} filed 2011 is
 * {@code US.201113167395.A}), serial + YY before ({@code 11/553,130} filed 2006 is {@code US.55313006.A}).
 * Callers that know the filing date (the importer does, from the data it imports) use
 * {@link #normalize(String, String, NumberType, LocalDate)} so that their keys match DOCDB; without the
 * date the number stays series + serial ({@code 13167395}), a key that matches only other dateless
 * normalisations of the same number. Numbers already in DOCDB form ({@code US.201113167395.A},
 * {@code US.55313006.A}) need no date and keep their number.
 */
public final class NumberNormalizer {

    private static final SortedSet<String> ST3 = st3Codes();
    /** Longer texts are refused before any pattern runs. The longest accepted forms have about 30 characters. */
    static final int MAX_LENGTH = 64;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern DIGIT_GROUP_SEPARATOR = Pattern.compile("(?<=\\d)[ ,](?=\\d)");
    private static final Pattern COUNTRY_PREFIX = Pattern.compile("([A-Z]{2})[ .:-]?(?=[0-9A-Z])");
    private static final Pattern LEADING_KIND = Pattern.compile("([A-Z]\\d?) ?- ?(?=[0-9])");
    /** A leading JPO marker: group 1 marks an application, group 2 a publication or patent. */
    private static final Pattern JP_MARKER =
            Pattern.compile("\\s*(?:(特許願|特願|実用新案登録願|実願)|(特開|特表|再表|特公|実開|実公|特許))\\s*(?:第)?");
    private static final Pattern JP_ERA = Pattern.compile("(令和|平成|昭和|大正|令|平|昭)");
    /** "25年特許願第" in "平成25年特許願第123456号": year, application marker, serial. */
    private static final Pattern JP_YEAR_MARK = Pattern.compile("年\\s*(特許願|実用新案登録願)?\\s*(?:第)?");
    private static final Pattern JP_NUMBER_SUFFIX = Pattern.compile("号\\s*$");

    private static final SortedSet<String> DEDICATED = Collections.unmodifiableSortedSet(
            new TreeSet<>(List.of("AU", "CA", "CN", "EP", "GB", "JP", "KR", "US", "WO")));

    private final Map<String, OfficeNumberFormat> formats;

    /** A normalizer with the formats of all offices described in the class comment. */
    public NumberNormalizer() {
        Map<String, OfficeNumberFormat> dedicated = Map.of(
                "AU", new AuNumberFormat(),
                "CA", new CaNumberFormat(),
                "CN", new CnNumberFormat(),
                "EP", new EpNumberFormat(),
                "GB", new GbNumberFormat(),
                "JP", new JpNumberFormat(),
                "KR", new KrNumberFormat(),
                "US", new UsNumberFormat(),
                "WO", new WoNumberFormat());
        Map<String, OfficeNumberFormat> all = new HashMap<>();
        for (String code : ST3) {
            all.put(code, dedicated.containsKey(code) ? dedicated.get(code) : new GenericNumberFormat(code));
        }
        this.formats = Map.copyOf(all);
    }

    /**
     * The DOCDB forms a US application number written without its filing year can have: DOCDB keys
     * carry the year ({@code 13/167,395} is {@code US.201113167395.A} when filed in 2011), which the
     * written form lacks. One form per plausible filing year of the number's series, so a store can
     * find the application with one query. Empty for every other number, including US numbers that
     * already carry their year.
     */
    public List<NormalizedNumber> filingYearCandidates(NormalizedNumber number) {
        if (!"US".equals(number.country()) || number.type() == NumberType.PUBLICATION
                || number.number().length() != 8 || !number.number().chars().allMatch(Character::isDigit)
                || number.st13() != null) {
            return List.of();
        }
        Map<String, NormalizedNumber> byKey = new java.util.LinkedHashMap<>();
        for (int year : UsNumberFormat.plausibleFilingYears(number.number().substring(0, 2))) {
            NormalizedNumber n = normalize("US", number.original(), number.type(), LocalDate.of(year, 7, 1));
            if (!n.key().equals(number.key())) {
                byKey.putIfAbsent(n.key(), n);
            }
        }
        return List.copyOf(byKey.values());
    }

    /** Same as {@link #normalize(String, String, NumberType, LocalDate)} without a filing date. */
    public NormalizedNumber normalize(String office, String text, NumberType type) {
        return normalize(office, text, type, null);
    }

    /**
     * Normalises a number.
     *
     * @param office     ST.3 code of the office that issued the number (or WIPO/PCT for WO)
     * @param text       the number as written
     * @param type       what the number identifies; null means APPLICATION
     * @param filingDate the filing date of the application, when known; used where the DOCDB number carries
     *                   a year the written one does not (US applications)
     * @throws UnknownOfficeException   when {@code office} is not an ST.3 code
     * @throws MalformedNumberException when {@code text} is in none of the office's formats
     */
    public NormalizedNumber normalize(String office, String text, NumberType type, LocalDate filingDate) {
        String code = canonicalOffice(office);
        if (code == null) {
            throw unknownOffice(office);
        }
        NumberType resultType = type == null ? NumberType.APPLICATION : type;
        NumberType parseAs = resultType == NumberType.PUBLICATION ? NumberType.PUBLICATION : NumberType.APPLICATION;
        String original = text == null ? "" : text.strip();
        if (original.isEmpty()) {
            throw malformed(code, original, parseAs, "no number given");
        }
        if (original.length() > MAX_LENGTH) {
            throw malformed(code, original.substring(0, MAX_LENGTH) + "...", parseAs,
                    "it is longer than any patent number (" + original.length() + " characters)");
        }

        String s = original;
        if (!isAscii(s)) {
            s = Normalizer.normalize(s, Normalizer.Form.NFKC);
            if (code.equals("JP") && !isAscii(s)) {
                s = japaneseToAscii(s, code, original, parseAs);
            }
            if (!isAscii(s)) {
                throw malformed(code, original, parseAs, "it contains characters that are not part of a number");
            }
        }
        s = s.toUpperCase(Locale.ROOT);
        // the two rewrites below only where they can change something: most numbers have no white space
        // other than single spaces, and neither spaces nor commas between digits
        if (hasWhitespaceToCollapse(s)) {
            s = WHITESPACE.matcher(s).replaceAll(" ");
        }
        if (s.indexOf(' ') >= 0 || s.indexOf(',') >= 0) {
            s = DIGIT_GROUP_SEPARATOR.matcher(s).replaceAll("");
        }

        // PCT applications and WO publications, whatever office was given.
        if (startsWithPct(s)) {
            if (parseAs != NumberType.APPLICATION) {
                throw malformed("WO", original, parseAs,
                        "PCT/... is an international application number, not a publication number");
            }
            return parseWith(formats.get("WO"), "WO", original, s, null, parseAs, resultType, filingDate);
        }
        String body = s;
        String prefix = null;
        Matcher p = COUNTRY_PREFIX.matcher(s);
        if (p.lookingAt() && ST3.contains(p.group(1))) {
            prefix = p.group(1);
        }
        if ("WO".equals(prefix) || (prefix != null && prefix.equals(code))) {
            body = s.substring(p.end());
            code = prefix;
        }
        String leadingKind = null;
        Matcher k = LEADING_KIND.matcher(body);
        if (k.lookingAt()) {
            leadingKind = k.group(1);
            body = body.substring(k.end());
        }
        NumberText t = new NumberText(original, body, leadingKind, parseAs, resultType, filingDate);
        if (!code.equals("WO") && parseAs == NumberType.APPLICATION) {
            // The DOCDB form of a PCT application names the receiving office: US.2016015853.W
            Matcher w = WoNumberFormat.PCT_UNDER_OFFICE.matcher(body);
            if (w.matches() && (w.group(3) != null || w.group(4) != null)) {
                NormalizedNumber pct = WoNumberFormat.pctUnderOffice(t, code);
                if (pct != null) {
                    return pct;
                }
            }
        }
        OfficeNumberFormat format = formatOf(code);
        NormalizedNumber result = format.parse(t);
        if (result == null && !code.equals("WO")) {
            result = WoNumberFormat.pctUnderOffice(t, code);
        }
        if (result != null && hasNonZeroDigit(result.number())) {
            return result;
        }
        if (prefix != null && !prefix.equals(code) && !code.equals("WO")) {
            throw malformed(code, original, parseAs, "the country prefix " + prefix + " contradicts office " + code);
        }
        String reason = format.diagnose(t);
        throw malformed(code, original, parseAs, reason == null ? "it matches none of the " + code + " formats" : reason);
    }

    /**
     * Reads the Japanese written forms {@code 特願2013-123456}, {@code 特願平11-123456},
     * {@code 特開2010-043647}, {@code 特許第5503096号} and {@code 平成25年特許願第123456号} into the ASCII forms
     * {@code 2013-123456}, {@code H11-123456}, {@code 2010-043647}, {@code 5503096}, {@code H25-123456}.
     * Markers are honoured only where they stand in those forms; a marker that contradicts the requested
     * type is malformed.
     */
    private String japaneseToAscii(String s, String code, String original, NumberType parseAs) {
        boolean application = false;
        boolean publication = false;
        Matcher m = JP_MARKER.matcher(s);
        if (m.lookingAt()) {
            application = m.group(1) != null;
            publication = m.group(2) != null;
            s = s.substring(m.end());
        }
        m = JP_ERA.matcher(s);
        if (m.lookingAt()) {
            String era = m.group(1);
            s = (era.startsWith("令") ? "R" : era.startsWith("平") ? "H" : era.startsWith("昭") ? "S" : "T")
                    + s.substring(m.end());
        }
        m = JP_YEAR_MARK.matcher(s);
        if (m.find()) {
            application |= m.group(1) != null;
            s = s.substring(0, m.start()) + "-" + s.substring(m.end());
        }
        m = JP_NUMBER_SUFFIX.matcher(s);
        if (m.find()) {
            s = s.substring(0, m.start());
        }
        if (application && parseAs != NumberType.APPLICATION) {
            throw malformed(code, original, parseAs, "the text is marked as an application (特願)");
        }
        if (publication && parseAs != NumberType.PUBLICATION) {
            throw malformed(code, original, parseAs, "the text is marked as a publication (特開, 特表, 特許第)");
        }
        return s;
    }

    private NormalizedNumber parseWith(OfficeNumberFormat format, String code, String original, String body,
                                       String leadingKind, NumberType parseAs, NumberType resultType,
                                       LocalDate filingDate) {
        NumberText t = new NumberText(original, body, leadingKind, parseAs, resultType, filingDate);
        NormalizedNumber result = format.parse(t);
        if (result == null) {
            throw malformed(code, original, parseAs, "it matches none of the " + code + " formats");
        }
        return result;
    }

    /**
     * The number as DOCDB data writes it, for export to DOCDB-based systems: {@link NormalizedNumber#docdb()},
     * except for PCT applications, which DOCDB files under the receiving office: {@code WO.2016US015853.W}
     * gives {@code US.2016015853.W}, {@code WO.2002CH000573.W} (before 2004) gives {@code CH.0200573.W}.
     */
    public String docdbExchangeForm(NormalizedNumber number) {
        return WoNumberFormat.docdbExchangeForm(number);
    }

    /** True for an ST.3 code (or WIPO/PCT) this normaliser accepts, in any case, with surrounding blanks. */
    public boolean isKnownOffice(String office) {
        return canonicalOffice(office) != null;
    }

    /**
     * The ST.3 codes accepted as office, sorted, unmodifiable. The aliases WIPO and PCT are accepted too
     * but not listed.
     */
    public SortedSet<String> knownOffices() {
        return ST3;
    }

    static boolean isSt3Code(String code) {
        return ST3.contains(code);
    }

    private OfficeNumberFormat formatOf(String code) {
        return formats.get(code);
    }

    /** Whether {@link #WHITESPACE} would change {@code s} (ASCII): white space other than single spaces. */
    static boolean hasWhitespaceToCollapse(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r'
                    || c == ' ' && i + 1 < s.length() && s.charAt(i + 1) == ' ') {
                return true;
            }
        }
        return false;
    }

    /** {@code PCT(?![A-Z]{3})} at the start of {@code s}: "PCT" not followed by three letters. */
    static boolean startsWithPct(String s) {
        return s.startsWith("PCT") && !(s.length() >= 6 && upper(s.charAt(3)) && upper(s.charAt(4)) && upper(s.charAt(5)));
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static String canonicalOffice(String office) {
        if (office == null) {
            return null;
        }
        String c = office.strip().toUpperCase(Locale.ROOT);
        if (c.equals("WIPO") || c.equals("PCT")) {
            return "WO";
        }
        return ST3.contains(c) ? c : null;
    }

    private UnknownOfficeException unknownOffice(String office) {
        return new UnknownOfficeException("Unknown office '" + office + "': give a WIPO ST.3 two-letter code."
                + " Offices with their own number formats: " + String.join(", ", DEDICATED)
                + " (WIPO and PCT are accepted for WO); any other ST.3 code such as DE, FR or RU is accepted"
                + " with the generic rule (" + ST3.size() + " codes).");
    }

    private MalformedNumberException malformed(String code, String original, NumberType parseAs, String reason) {
        String what = parseAs == NumberType.PUBLICATION ? "publication" : "application";
        return new MalformedNumberException("'" + original + "' is not a valid " + code + " " + what + " number: "
                + reason + ". Accepted forms, for example: " + formatOf(code).examples(parseAs), "number");
    }

    /** No office numbers a document 0: an all-zero serial is a typing slip, not a number. */
    private static boolean hasNonZeroDigit(String number) {
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static SortedSet<String> st3Codes() {
        TreeSet<String> codes = new TreeSet<>();
        Collections.addAll(codes, Locale.getISOCountries());
        // Regional and international offices, WIPO codes, and historical codes still found in DOCDB.
        Collections.addAll(codes, "AP", "BX", "EA", "EM", "EP", "GC", "IB", "OA", "QZ", "WO",
                "XN", "XU", "XV", "XX", "DD", "SU", "CS", "YU");
        return Collections.unmodifiableSortedSet(codes);
    }
}
