package org.dossierlink.dialect;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dossierlink.DossierlinkException;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.number.NumberType;

import net.sf.saxon.expr.StaticProperty;
import net.sf.saxon.expr.XPathContext;
import net.sf.saxon.lib.ExtensionFunctionCall;
import net.sf.saxon.lib.ExtensionFunctionDefinition;
import net.sf.saxon.ma.map.MapItem;
import net.sf.saxon.ma.map.MapType;
import net.sf.saxon.ma.map.Shape;
import net.sf.saxon.ma.map.SparseShapedMap;
import net.sf.saxon.om.Item;
import net.sf.saxon.om.Sequence;
import net.sf.saxon.om.StructuredQName;
import net.sf.saxon.str.StringView;
import net.sf.saxon.trans.XPathException;
import net.sf.saxon.value.EmptySequence;
import net.sf.saxon.value.SequenceType;
import net.sf.saxon.value.StringValue;

/**
 * The functions dossierlink's stylesheets may call beyond XPath's own, in namespace
 * {@value #NS} (prefix {@code dl}). They put the core service's number rules into every conversion,
 * so a number means the same in XSLT as in a SOAP request.
 * <ul>
 * <li>{@code dl:normalize-number($office, $text, $type)} and
 * {@code dl:normalize-number($office, $text, $type, $filing-date)}: a map with keys {@code country},
 * {@code number}, {@code kind} (absent when unknown), {@code docdb}, {@code key}, {@code original},
 * {@code st13} (absent where none exists). {@code $type} is application, publication or priority;
 * {@code $filing-date} is an xs:date or YYYYMMDD string, or empty. A malformed number is a dynamic
 * error whose message is the normaliser's.</li>
 * <li>{@code dl:try-normalize-number(...)}: the same arities; the empty sequence where
 * {@code dl:normalize-number} would raise an error.</li>
 * <li>{@code dl:symbol($symbol)}: the same symbol in one form, "H04W 84/20" (main group without leading zeros,
 * one space, no other), or empty when it is not one: a single string, which a stylesheet splits with
 * {@code substring} at fixed places (section 1, class 2-3, subclass 4, main group from 6 to "/", subgroup after
 * it), for a fraction of what a sequence of five strings costs Saxon to build, check and take apart.</li>
 * <li>{@code dl:match-groups($text, $regex)}: the capturing groups (group 1 onwards; a group that took no
 * part is "") of {@code $regex} when it matches the whole of {@code $text}; empty when it does not match
 * or {@code $text} is empty. {@code $regex} is in Java's syntax, not XPath's (write {@code [ \t\n\r]} for
 * XPath's {@code \s}); the stylesheets pass literals, each compiled once. It replaces
 * {@code analyze-string()}, which builds a result tree for every call, and {@code xsl:analyze-string},
 * whose {@code regex} attribute (an attribute value template) Saxon compiles again on every call.</li>
 * <li>{@code dl:tokenize($text, $regex)}: {@code fn:tokenize($text, $regex)} with Java's regex engine
 * ({@code $regex} in Java's syntax, a literal, compiled once; it must not match the empty string): the
 * parts between the matches, a leading or trailing match giving an empty first or last part; empty for an
 * empty {@code $text}. Saxon's own engine showed in the profile of a conversion that splits an
 * abstract into paragraphs.</li>
 * <li>{@code dl:clean-text($text)}: white space, Unicode spaces included, collapsed to single spaces and
 * trimmed (the reader's rule for OPS names).</li>
 * <li>{@code dl:epodoc-party($name)}: an epodoc party name "HERRALA SAMI [FI]" as (name, residence
 * country); empty when it carries no residence.</li>
 * <li>{@code dl:priority-kind($country, $number)}: {@code international} when the number is a PCT
 * application (whatever the document's own kind attribute says), {@code regional} for the regional
 * offices (EP, EA, AP, OA, GC), {@code national} otherwise.</li>
 * </ul>
 */
public final class XsltFunctions {

    public static final String NS = "urn:dossierlink:xslt";

    private static final SequenceType MAP_OPT = SequenceType.makeSequenceType(MapType.ANY_MAP_TYPE,
            StaticProperty.ALLOWS_ZERO_OR_ONE);

    private XsltFunctions() {
    }

    public static List<ExtensionFunctionDefinition> all(NumberNormalizer normalizer) {
        return List.of(normalize(normalizer, "normalize-number", true),
                normalize(normalizer, "try-normalize-number", false),
                priorityKind(normalizer),
                stringsFunction("symbol", XsltFunctions::symbol, SequenceType.OPTIONAL_STRING),
                matchGroups(),
                tokenize(),
                stringFunction("clean-text", XsltFunctions::cleanText),
                stringsFunction("epodoc-party", XsltFunctions::epodocParty));
    }

    /**
     * {@code dl:symbol}: an IPC or CPC symbol in one form whatever way it was written, "H04W 84/20" (section, class,
     * subclass, a space, the main group without leading zeros, "/", the subgroup), so a stylesheet takes its
     * parts with {@code substring}; empty when the text is not a symbol ({@link #symbolParts}).
     */
    static List<String> symbol(String text) {
        String[] p = text == null ? null : symbolParts(text.trim());
        return p == null ? List.of() : List.of(p[0] + p[1] + p[2] + ' ' + p[3] + '/' + p[4]);
    }

    /** Runs of white space, Unicode spaces included (OPS pads names with en spaces), become one space; trimmed. */
    static List<String> cleanText(String text) {
        return List.of(text == null ? "" : DocdbExchangeReader.SPACES.matcher(text).replaceAll(" ").trim());
    }

    /** An epodoc party name "HERRALA SAMI [FI]" as (name, country); empty when it has no [CC] residence. */
    static List<String> epodocParty(String text) {
        java.util.regex.Matcher m = text == null ? null : DocdbExchangeReader.EPODOC_PARTY.matcher(text);
        return m != null && m.matches() ? List.of(m.group(1).trim(), m.group(2)) : List.of();
    }

    private static ExtensionFunctionDefinition stringFunction(String name,
            java.util.function.Function<String, List<String>> f) {
        return stringsFunction(name, f, SequenceType.SINGLE_STRING);
    }

    private static ExtensionFunctionDefinition stringsFunction(String name,
            java.util.function.Function<String, List<String>> f) {
        return stringsFunction(name, f, SequenceType.STRING_SEQUENCE);
    }

    /** A one-argument string function implemented in Java. */
    private static ExtensionFunctionDefinition stringsFunction(String name,
            java.util.function.Function<String, List<String>> f, SequenceType result) {
        return stringsFunction(name, new SequenceType[] {SequenceType.OPTIONAL_STRING}, args -> f.apply(args[0]), result);
    }

    /**
     * A string function implemented in Java: its arguments as strings (null for an empty sequence), its
     * result as a sequence of strings. A Java IllegalArgumentException becomes a dynamic error.
     */
    private static ExtensionFunctionDefinition stringsFunction(String name, SequenceType[] argumentTypes,
            java.util.function.Function<String[], List<String>> f, SequenceType result) {
        return new ExtensionFunctionDefinition() {
            @Override
            public StructuredQName getFunctionQName() {
                return new StructuredQName("dl", NS, name);
            }

            @Override
            public SequenceType[] getArgumentTypes() {
                return argumentTypes.clone();
            }

            @Override
            public SequenceType getResultType(SequenceType[] suppliedArgumentTypes) {
                return result;
            }

            /** The strings are made here, so Saxon need not check each result against the declared type. */
            @Override
            public boolean trustResultType() {
                return true;
            }

            @Override
            public ExtensionFunctionCall makeCallExpression() {
                return new ExtensionFunctionCall() {
                    @Override
                    public Sequence call(XPathContext context, Sequence[] args) throws XPathException {
                        String[] values = new String[args.length];
                        for (int i = 0; i < args.length; i++) {
                            Item item = args[i].head();
                            values[i] = item == null ? null : item.getStringValue();
                        }
                        List<String> strings;
                        try {
                            strings = f.apply(values);
                        } catch (IllegalArgumentException e) {
                            throw new XPathException("dl:" + name + ": " + e.getMessage());
                        }
                        if (strings.size() <= 1) { // no sequence to build: the value itself
                            return strings.isEmpty() ? EmptySequence.getInstance() : new StringValue(strings.get(0));
                        }
                        List<StringValue> out = new java.util.ArrayList<>(strings.size());
                        for (String v : strings) {
                            out.add(new StringValue(v));
                        }
                        return new net.sf.saxon.value.SequenceExtent.Of<>(out);
                    }
                };
            }
        };
    }

    /**
     * An IPC or CPC symbol as offices write it ("H04W 84/20", "H04W0084/20", "Y02E 10/50") split into section,
     * class, subclass, main group (leading zeros dropped, one digit kept) and subgroup; null when the text is
     * not one. The form is {@code [A-HY][0-9]{2}[A-Z]\s*0*[0-9]{1,4}\s*\/\s*[0-9]{1,6}} (white space as in
     * Java's {@code \s}), read by hand, a few times faster than that regular expression (SymbolPartsTest holds
     * the two to the same answers).
     */
    static String[] symbolParts(String s) {
        int n = s.length();
        if (n < 7) { // the shortest: "A01B1/0"
            return null;
        }
        char section = s.charAt(0);
        if (!(section >= 'A' && section <= 'H' || section == 'Y') || !digit(s.charAt(1)) || !digit(s.charAt(2))
                || !(s.charAt(3) >= 'A' && s.charAt(3) <= 'Z')) {
            return null;
        }
        int i = skipSpace(s, 4);
        int groupStart = i;
        while (i < n && digit(s.charAt(i))) {
            i++;
        }
        int groupEnd = i;
        while (groupStart < groupEnd - 1 && s.charAt(groupStart) == '0') {
            groupStart++;
        }
        if (groupEnd == groupStart || groupEnd - groupStart > 4) {
            return null;
        }
        i = skipSpace(s, i);
        if (i == n || s.charAt(i) != '/') {
            return null;
        }
        int subStart = skipSpace(s, i + 1);
        int subEnd = subStart;
        while (subEnd < n && digit(s.charAt(subEnd))) {
            subEnd++;
        }
        if (subEnd != n || subEnd == subStart || subEnd - subStart > 6) {
            return null;
        }
        return new String[] {s.substring(0, 1), s.substring(1, 3), s.substring(3, 4), s.substring(groupStart, groupEnd),
                s.substring(subStart, subEnd)};
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The index of the first character from {@code i} that is not white space in the sense of Java's {@code \s}. */
    private static int skipSpace(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\u000B' && c != '\f' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    /** Compiled regexes of {@code dl:match-groups} and {@code dl:tokenize}: the stylesheets' literals, so a handful. */
    private static final Map<String, java.util.regex.Pattern> MATCH_GROUPS_PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The groups of {@code regex} (Java syntax) matching all of {@code text}; empty when it does not match. */
    static List<String> matchGroups(String text, String regex) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        java.util.regex.Matcher m = MATCH_GROUPS_PATTERNS.computeIfAbsent(regex, java.util.regex.Pattern::compile).matcher(text);
        if (!m.matches()) {
            return List.of();
        }
        List<String> groups = new java.util.ArrayList<>(m.groupCount());
        for (int i = 1; i <= m.groupCount(); i++) {
            String g = m.group(i);
            groups.add(g == null ? "" : g);
        }
        return groups;
    }

    /**
     * {@code fn:tokenize} with Java's engine: {@code split} with a negative limit keeps the trailing empty
     * part, and a match at the start gives the leading one, as in XPath (for a regex that cannot match "").
     */
    static List<String> tokenize(String text, String regex) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        java.util.regex.Pattern p = MATCH_GROUPS_PATTERNS.computeIfAbsent(regex, java.util.regex.Pattern::compile);
        if (p.matcher("").matches()) {
            throw new IllegalArgumentException("regex " + regex + " matches the empty string");
        }
        return List.of(p.split(text, -1));
    }

    private static ExtensionFunctionDefinition tokenize() {
        return stringsFunction("tokenize", new SequenceType[] {SequenceType.OPTIONAL_STRING, SequenceType.SINGLE_STRING},
                args -> tokenize(args[0], args[1]), SequenceType.STRING_SEQUENCE);
    }

    private static ExtensionFunctionDefinition matchGroups() {
        return stringsFunction("match-groups", new SequenceType[] {SequenceType.OPTIONAL_STRING, SequenceType.SINGLE_STRING},
                args -> matchGroups(args[0], args[1]), SequenceType.STRING_SEQUENCE);
    }

    private static ExtensionFunctionDefinition normalize(NumberNormalizer normalizer, String name, boolean raise) {
        return new ExtensionFunctionDefinition() {
            @Override
            public StructuredQName getFunctionQName() {
                return new StructuredQName("dl", NS, name);
            }

            @Override
            public int getMinimumNumberOfArguments() {
                return 3;
            }

            @Override
            public int getMaximumNumberOfArguments() {
                return 4;
            }

            @Override
            public SequenceType[] getArgumentTypes() {
                return new SequenceType[] {SequenceType.OPTIONAL_STRING, SequenceType.OPTIONAL_STRING,
                        SequenceType.SINGLE_STRING, SequenceType.OPTIONAL_STRING};
            }

            @Override
            public SequenceType getResultType(SequenceType[] suppliedArgumentTypes) {
                return MAP_OPT;
            }

            /** A map built here, or nothing: Saxon need not check it against the declared type on every call. */
            @Override
            public boolean trustResultType() {
                return true;
            }

            @Override
            public ExtensionFunctionCall makeCallExpression() {
                return new ExtensionFunctionCall() {
                    @Override
                    public Sequence call(XPathContext context, Sequence[] args) throws XPathException {
                        String office = text(args[0]);
                        String number = text(args[1]);
                        if (office == null || number == null) {
                            if (raise) {
                                throw new XPathException("dl:normalize-number: "
                                        + (office == null ? "office" : "number") + " is empty");
                            }
                            return EmptySequence.getInstance();
                        }
                        try {
                            NumberType type = NumberType.parse(text(args[2]), NumberType.APPLICATION);
                            LocalDate filed = args.length == 4 ? date(text(args[3])) : null;
                            return toMap(normalizer.normalize(office, number, type, filed));
                        } catch (DossierlinkException e) {
                            if (raise) {
                                throw new XPathException(e.getMessage());
                            }
                            return EmptySequence.getInstance();
                        }
                    }
                };
            }
        };
    }

    private static ExtensionFunctionDefinition priorityKind(NumberNormalizer normalizer) {
        return new ExtensionFunctionDefinition() {
            @Override
            public StructuredQName getFunctionQName() {
                return new StructuredQName("dl", NS, "priority-kind");
            }

            @Override
            public SequenceType[] getArgumentTypes() {
                return new SequenceType[] {SequenceType.OPTIONAL_STRING, SequenceType.OPTIONAL_STRING};
            }

            @Override
            public SequenceType getResultType(SequenceType[] suppliedArgumentTypes) {
                return SequenceType.SINGLE_STRING;
            }

            /** One string made here. */
            @Override
            public boolean trustResultType() {
                return true;
            }

            @Override
            public ExtensionFunctionCall makeCallExpression() {
                return new ExtensionFunctionCall() {
                    @Override
                    public Sequence call(XPathContext context, Sequence[] args) throws XPathException {
                        return new StringValue(priorityKind(normalizer, text(args[0]), text(args[1])));
                    }
                };
            }
        };
    }

    /** international for a PCT application number, regional for a regional office, else national. */
    static String priorityKind(NumberNormalizer normalizer, String country, String number) {
        String cc = country == null ? "" : country.trim().toUpperCase(Locale.ROOT);
        if (number != null) {
            try {
                cc = normalizer.normalize(cc.isEmpty() ? "WO" : cc, number, NumberType.PRIORITY).country();
            } catch (DossierlinkException e) {
                // an unreadable number is decided by its country alone
            }
        }
        return PriorityKind.ofNormalizedCountry(cc).wireName();
    }

    /** The keys of a normalised number's map, in this order (see {@link #toMap}). */
    private static final Shape NUMBER_SHAPE = new Shape(StringView.of("country"), StringView.of("number"),
            StringView.of("kind"), StringView.of("docdb"), StringView.of("key"), StringView.of("original"),
            StringView.of("st13"));

    /**
     * The map of a normalised number: a map of one fixed shape, whose absent entries (a number without a kind
     * or an ST.13 form) are left out. A lookup such as {@code $n?country} finds the key's slot in the one key
     * index the shape holds for every such map; a map from {@code StringMapBuilder} built its own index at its
     * first lookup, for every number (a lookup cost about a quarter more, in a micro-benchmark of 50 numbers).
     */
    static MapItem toMap(NormalizedNumber n) {
        return new SparseShapedMap(NUMBER_SHAPE, value(n.country()), value(n.number()), value(n.kind()),
                value(n.docdb()), value(n.key()), value(n.original()), value(n.st13()));
    }

    /** A map entry's value; null (the entry absent) for null. */
    private static StringValue value(String s) {
        return s == null ? null : new StringValue(s);
    }

    private static String text(Sequence v) throws XPathException {
        Item item = v == null ? null : v.head();
        if (item == null) {
            return null;
        }
        String s = item.getStringValue().trim();
        return s.isEmpty() ? null : s;
    }

    private static LocalDate date(String s) throws XPathException {
        if (s == null) {
            return null;
        }
        try {
            return s.length() == 8 && s.chars().allMatch(Character::isDigit)
                    ? LocalDate.parse(s, java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                    : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new XPathException("dl:normalize-number: filing date '" + s + "' is neither YYYYMMDD nor xs:date");
        }
    }
}
