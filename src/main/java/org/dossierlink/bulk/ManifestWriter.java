package org.dossierlink.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.dossierlink.signature.CanonicalEscaping;

/**
 * Writes {@code META-INF/manifest.xml} as a stream: the header ({@link #ManifestWriter}), then the items
 * ({@link #item}, or {@link #itemsFrom} a spool file of items written by a {@link Fragment}), then
 * {@link #finish()}. One item per line; values escaped as XML requires.
 */
public final class ManifestWriter {

    private final OutputStream out;

    public ManifestWriter(OutputStream out, Manifest header) {
        this.out = out;
        StringBuilder sb = new StringBuilder(512);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<pkg:manifest xmlns:pkg=\"").append(PackageFormat.NS).append("\">\n");
        element(sb, "sendingOffice", header.sendingOffice());
        element(sb, "created", time(header.created()));
        element(sb, "packageId", header.packageId());
        if (header.since() != null) {
            element(sb, "since", time(header.since()));
        }
        element(sb, "itemCount", Long.toString(header.itemCount()));
        sb.append("<pkg:items>\n");
        write(sb);
    }

    public void item(Manifest.Item item) {
        write(itemXml(item));
    }

    /** Copies items spooled by a {@link Fragment}. */
    public void itemsFrom(Path spool) {
        try {
            Files.copy(spool, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes pkg:items and pkg:manifest and flushes (the stream stays open). */
    public void finish() {
        write(new StringBuilder("</pkg:items>\n</pkg:manifest>\n"));
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(StringBuilder sb) {
        try {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StringBuilder itemXml(Manifest.Item item) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<pkg:item seq=\"").append(item.seq()).append("\" path=\"");
        CanonicalEscaping.attribute(sb, item.path());
        sb.append("\" dialect=\"").append(item.dialect().wireName()).append("\" sha256=\"").append(item.sha256())
                .append("\" size=\"").append(item.size()).append('"');
        if (item.contents().isEmpty()) {
            return sb.append("/>\n");
        }
        sb.append(">\n");
        for (Manifest.Content c : item.contents()) {
            sb.append("  <pkg:content documentId=\"");
            CanonicalEscaping.attribute(sb, c.documentId());
            sb.append("\" path=\"");
            CanonicalEscaping.attribute(sb, c.path());
            sb.append("\" mediaType=\"");
            CanonicalEscaping.attribute(sb, c.mediaType());
            sb.append("\" sha256=\"").append(c.sha256()).append("\" size=\"").append(c.size()).append("\"/>\n");
        }
        return sb.append("</pkg:item>\n");
    }

    private static void element(StringBuilder sb, String local, String value) {
        sb.append("<pkg:").append(local).append('>');
        CanonicalEscaping.text(sb, value);
        sb.append("</pkg:").append(local).append(">\n");
    }

    private static String time(Instant i) {
        return i.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** Writes items alone (no header), to spool them while the item count is not yet known. */
    public static final class Fragment {
        private final OutputStream out;

        public Fragment(OutputStream out) {
            this.out = out;
        }

        public void item(Manifest.Item item) {
            try {
                out.write(itemXml(item).toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void finish() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
