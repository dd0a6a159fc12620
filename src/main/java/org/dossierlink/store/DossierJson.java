package org.dossierlink.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Classification;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.LocalizedText;
import org.dossierlink.dossier.Party;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.dossier.Publication;

/**
 * The compact JSON form of a dossier's lists (the {@code record} column), and the canonical form
 * of a whole dossier that its content hash is taken over.
 *
 * <p>Each list element is a JSON array of its fields in declaration order, e.g.
 * {@code {"publications":[["EP","2400812","A1","2011-12-28"]],"priorityClaims":[[1,"EP","10167109",null,"2010-06-24","REGIONAL",true]],"titles":[["en","Sensor"]]}};
 * empty lists are left out. Every value (including null) round-trips exactly. The text is
 * readable in any SQL console and casts to PostgreSQL {@code jsonb} for ad-hoc queries.
 */
final class DossierJson {

    /** The lists kept in the record column. */
    record Lists(List<Publication> publications, List<PriorityClaim> priorityClaims, List<LocalizedText> titles,
                 List<Party> applicants, List<Party> inventors, List<Classification> classifications,
                 List<LocalizedText> abstracts) {
    }

    private DossierJson() {
    }

    static String lists(Dossier d) {
        StringBuilder sb = new StringBuilder(256);
        sb.append('{');
        boolean[] first = {true};
        if (!d.publications().isEmpty()) {
            key(sb, first, "publications");
            sb.append('[');
            for (int i = 0; i < d.publications().size(); i++) {
                Publication p = d.publications().get(i);
                sb.append(i == 0 ? "[" : ",[");
                str(sb, p.country()).append(',');
                str(sb, p.number()).append(',');
                str(sb, p.kind()).append(',');
                date(sb, p.date()).append(']');
            }
            sb.append(']');
        }
        if (!d.priorityClaims().isEmpty()) {
            key(sb, first, "priorityClaims");
            sb.append('[');
            for (int i = 0; i < d.priorityClaims().size(); i++) {
                PriorityClaim c = d.priorityClaims().get(i);
                sb.append(i == 0 ? "[" : ",[");
                sb.append(c.sequence()).append(',');
                str(sb, c.country()).append(',');
                str(sb, c.number()).append(',');
                str(sb, c.originalNumber()).append(',');
                date(sb, c.date()).append(',');
                str(sb, c.kind() == null ? null : c.kind().name()).append(',');
                sb.append(c.active()).append(']');
            }
            sb.append(']');
        }
        texts(sb, first, "titles", d.titles());
        parties(sb, first, "applicants", d.applicants());
        parties(sb, first, "inventors", d.inventors());
        if (!d.classifications().isEmpty()) {
            key(sb, first, "classifications");
            sb.append('[');
            for (int i = 0; i < d.classifications().size(); i++) {
                Classification c = d.classifications().get(i);
                sb.append(i == 0 ? "[" : ",[");
                str(sb, c.scheme() == null ? null : c.scheme().name()).append(',');
                str(sb, c.symbol()).append(']');
            }
            sb.append(']');
        }
        texts(sb, first, "abstracts", d.abstracts());
        return sb.append('}').toString();
    }

    /**
     * The whole dossier in one fixed order: equal dossiers give equal text, and a difference in any
     * field gives a different text (its SHA-256 is the content hash).
     */
    static String canonical(Dossier d, String lists) {
        StringBuilder sb = new StringBuilder(lists.length() + 128);
        ApplicationRef a = d.application();
        sb.append("{\"application\":[");
        str(sb, a.office()).append(',');
        str(sb, a.number()).append(',');
        str(sb, a.kind()).append(',');
        str(sb, a.originalNumber()).append(',');
        date(sb, a.filingDate()).append("],\"familyId\":");
        str(sb, d.familyId()).append(",\"source\":");
        str(sb, d.source()).append(",\"lists\":").append(lists);
        return sb.append('}').toString();
    }

    static Lists parseLists(String json) {
        Object parsed = new Parser(json).document();
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalStateException("record column is not a JSON object: " + abbreviate(json));
        }
        List<Publication> publications = new ArrayList<>();
        List<PriorityClaim> claims = new ArrayList<>();
        List<LocalizedText> titles = new ArrayList<>();
        List<Party> applicants = new ArrayList<>();
        List<Party> inventors = new ArrayList<>();
        List<Classification> classifications = new ArrayList<>();
        List<LocalizedText> abstracts = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            List<?> items = (List<?>) e.getValue();
            switch ((String) e.getKey()) {
                case "publications" -> items.forEach(i -> {
                    List<?> f = (List<?>) i;
                    publications.add(new Publication((String) f.get(0), (String) f.get(1), (String) f.get(2),
                            date(f.get(3))));
                });
                case "priorityClaims" -> items.forEach(i -> {
                    List<?> f = (List<?>) i;
                    String kind = (String) f.get(5);
                    claims.add(new PriorityClaim(((Number) f.get(0)).intValue(), (String) f.get(1), (String) f.get(2),
                            (String) f.get(3), date(f.get(4)), kind == null ? null : PriorityKind.valueOf(kind),
                            (Boolean) f.get(6)));
                });
                case "titles" -> items.forEach(i -> titles.add(text((List<?>) i)));
                case "abstracts" -> items.forEach(i -> abstracts.add(text((List<?>) i)));
                case "applicants" -> items.forEach(i -> applicants.add(party((List<?>) i)));
                case "inventors" -> items.forEach(i -> inventors.add(party((List<?>) i)));
                case "classifications" -> items.forEach(i -> {
                    List<?> f = (List<?>) i;
                    String scheme = (String) f.get(0);
                    classifications.add(new Classification(
                            scheme == null ? null : Classification.Scheme.valueOf(scheme), (String) f.get(1)));
                });
                default -> throw new IllegalStateException("record column has an unknown field '" + e.getKey() + "'");
            }
        }
        return new Lists(publications, claims, titles, applicants, inventors, classifications, abstracts);
    }

    private static LocalDate date(Object text) {
        return text == null ? null : LocalDate.parse((String) text);
    }

    private static LocalizedText text(List<?> f) {
        return new LocalizedText((String) f.get(0), (String) f.get(1));
    }

    private static Party party(List<?> f) {
        return new Party(((Number) f.get(0)).intValue(), (String) f.get(1), (String) f.get(2));
    }

    private static void texts(StringBuilder sb, boolean[] first, String name, List<LocalizedText> texts) {
        if (texts.isEmpty()) {
            return;
        }
        key(sb, first, name);
        sb.append('[');
        for (int i = 0; i < texts.size(); i++) {
            LocalizedText t = texts.get(i);
            sb.append(i == 0 ? "[" : ",[");
            str(sb, t.lang()).append(',');
            str(sb, t.text()).append(']');
        }
        sb.append(']');
    }

    private static void parties(StringBuilder sb, boolean[] first, String name, List<Party> parties) {
        if (parties.isEmpty()) {
            return;
        }
        key(sb, first, name);
        sb.append('[');
        for (int i = 0; i < parties.size(); i++) {
            Party p = parties.get(i);
            sb.append(i == 0 ? "[" : ",[");
            sb.append(p.sequence()).append(',');
            str(sb, p.name()).append(',');
            str(sb, p.country()).append(']');
        }
        sb.append(']');
    }

    private static void key(StringBuilder sb, boolean[] first, String name) {
        if (!first[0]) {
            sb.append(',');
        }
        first[0] = false;
        sb.append('"').append(name).append("\":");
    }

    private static StringBuilder date(StringBuilder sb, LocalDate date) {
        return date == null ? sb.append("null") : sb.append('"').append(date).append('"');
    }

    private static StringBuilder str(StringBuilder sb, String s) {
        if (s == null) {
            return sb.append("null");
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** A strict reader for the JSON this class writes (objects, arrays, strings, integers, null, booleans). */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value();
            if (i != s.length()) {
                throw error("trailing characters");
            }
            return v;
        }

        private Object value() {
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 'n':
                    return literal("null", null);
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character '" + c + "'");
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            i++;
            if (peek() == '}') {
                i++;
                return map;
            }
            while (true) {
                if (peek() != '"') {
                    throw error("expected a field name");
                }
                String key = string();
                expect(':');
                map.put(key, value());
                char c = next();
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    throw error("expected , or }");
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            i++;
            if (peek() == ']') {
                i++;
                return list;
            }
            while (true) {
                list.add(value());
                char c = next();
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    throw error("expected , or ]");
                }
            }
        }

        private String string() {
            i++;
            StringBuilder sb = null;
            int start = i;
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i);
                if (c == '"') {
                    String tail = s.substring(start, i);
                    i++;
                    return sb == null ? tail : sb.append(tail).toString();
                }
                if (c == '\\') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(s, start, i);
                    char e = s.charAt(i + 1);
                    switch (e) {
                        case '"', '\\', '/' -> sb.append(e);
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                            i += 4;
                        }
                        default -> throw error("bad escape");
                    }
                    i += 2;
                    start = i;
                } else {
                    i++;
                }
            }
        }

        private Long number() {
            int start = i;
            if (s.charAt(i) == '-') {
                i++;
            }
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            return Long.parseLong(s.substring(start, i));
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, i)) {
                throw error("unexpected literal");
            }
            i += word.length();
            return value;
        }

        private char peek() {
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(i);
        }

        private char next() {
            char c = peek();
            i++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("expected " + c);
            }
        }

        private IllegalStateException error(String what) {
            return new IllegalStateException("record column is not valid JSON (" + what + " at " + i + "): "
                    + abbreviate(s));
        }
    }
}
