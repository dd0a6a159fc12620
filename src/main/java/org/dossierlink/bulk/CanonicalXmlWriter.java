package org.dossierlink.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes XML directly in exclusive canonical form (W3C exc-c14n, without comments), digesting every byte
 * it writes: no XML declaration; one namespace, declared on the root; unqualified attributes only, in
 * name order; empty elements as start and end tags; text and attribute values escaped as c14n does.
 * Characters XML 1.0 cannot hold become U+FFFD. What it wrote is what a verifier canonicalizes back.
 */
final class CanonicalXmlWriter {

    private final OutputStream out;
    private final MessageDigest digest;
    private final String prefix;
    private final String namespace;
    private boolean rootOpen;
    private final StringBuilder sb = new StringBuilder(256);

    CanonicalXmlWriter(OutputStream out, String prefix, String namespace) {
        this.out = out;
        this.digest = PackageFiles.sha256();
        this.prefix = prefix;
        this.namespace = namespace;
    }

    /** Start tag; attributes with null values are left out. The first start tag declares the namespace. */
    CanonicalXmlWriter start(String local, Map<String, String> attributes) throws IOException {
        sb.setLength(0);
        sb.append('<').append(prefix).append(':').append(local);
        if (!rootOpen) {
            sb.append(" xmlns:").append(prefix).append("=\"");
            attr(sb, namespace);
            sb.append('"');
            rootOpen = true;
        }
        if (attributes != null) {
            for (Map.Entry<String, String> a : new TreeMap<>(attributes).entrySet()) {
                if (a.getValue() != null) {
                    sb.append(' ').append(a.getKey()).append("=\"");
                    attr(sb, a.getValue());
                    sb.append('"');
                }
            }
        }
        sb.append('>');
        return emit();
    }

    CanonicalXmlWriter start(String local) throws IOException {
        return start(local, null);
    }

    CanonicalXmlWriter end(String local) throws IOException {
        sb.setLength(0);
        sb.append("</").append(prefix).append(':').append(local).append('>');
        return emit();
    }

    /** {@code <pkg:local>text</pkg:local>}, left out when text is null. */
    CanonicalXmlWriter element(String local, String text) throws IOException {
        if (text == null) {
            return this;
        }
        start(local);
        sb.setLength(0);
        text(sb, text);
        emit();
        return end(local);
    }

    /** An empty element with attributes. */
    CanonicalXmlWriter empty(String local, Map<String, String> attributes) throws IOException {
        start(local, attributes);
        return end(local);
    }

    /** Text between elements (a line break, for a readable file). */
    CanonicalXmlWriter text(String text) throws IOException {
        sb.setLength(0);
        text(sb, text);
        return emit();
    }

    /** The digest of everything written so far, and of {@code tail} after it (not written). */
    byte[] digestWith(String tail) {
        try {
            MessageDigest copy = (MessageDigest) digest.clone();
            copy.update(tail.getBytes(StandardCharsets.UTF_8));
            return copy.digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
        }
    }

    /** Writes bytes that are not part of the digest (the signature). */
    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    /** Writes a string that is not part of the digest. */
    void raw(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private CanonicalXmlWriter emit() throws IOException {
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        digest.update(b);
        out.write(b);
        return this;
    }

    static void text(StringBuilder sb, String s) {
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

    static void attr(StringBuilder sb, String s) {
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
