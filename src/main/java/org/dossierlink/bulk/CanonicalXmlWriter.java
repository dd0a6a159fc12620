package org.dossierlink.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;

import org.dossierlink.signature.CanonicalEscaping;

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
            CanonicalEscaping.attribute(sb, namespace);
            sb.append('"');
            rootOpen = true;
        }
        if (attributes != null) {
            for (Map.Entry<String, String> a : new TreeMap<>(attributes).entrySet()) {
                if (a.getValue() != null) {
                    sb.append(' ').append(a.getKey()).append("=\"");
                    CanonicalEscaping.attribute(sb, a.getValue());
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
        CanonicalEscaping.text(sb, text);
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
        CanonicalEscaping.text(sb, text);
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
}
