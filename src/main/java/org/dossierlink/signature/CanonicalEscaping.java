package org.dossierlink.signature;

/**
 * Text and attribute values escaped as exclusive c14n writes them (W3C c14n 1.0, section 2.3), for XML
 * written directly in canonical form from strings: text escapes {@code & < >} and CR, attribute values
 * {@code & < "} and TAB, LF, CR. Characters XML 1.0 cannot hold become U+FFFD.
 */
public final class CanonicalEscaping {

    private CanonicalEscaping() {
    }

    /** Appends {@code s} as the text of an element. */
    public static void text(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\r' -> sb.append("&#xD;");
                default -> i = appendChecked(sb, s, i);
            }
        }
    }

    /** Appends {@code s} as an attribute value (without its quotes). */
    public static void attribute(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '"' -> sb.append("&quot;");
                case '\t' -> sb.append("&#x9;");
                case '\n' -> sb.append("&#xA;");
                case '\r' -> sb.append("&#xD;");
                default -> i = appendChecked(sb, s, i);
            }
        }
    }

    /** Appends the character (or surrogate pair) at i if XML 1.0 allows it, U+FFFD otherwise; returns the last index used. */
    private static int appendChecked(StringBuilder sb, String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(i + 1));
            return i + 1;
        }
        boolean allowed = c == '\t' || c == '\n' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
        sb.append(allowed ? c : '\uFFFD');
        return i;
    }
}
