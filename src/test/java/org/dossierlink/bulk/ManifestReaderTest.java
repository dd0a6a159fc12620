package org.dossierlink.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;

import org.dossierlink.dialect.Dialect;
import org.dossierlink.xml.XmlLimits;
import org.junit.jupiter.api.Test;

/** The manifest, written by {@link ManifestWriter} and read back item by item by {@link ManifestReader}. */
class ManifestReaderTest {

    private static final String SHA = "a".repeat(64);

    @Test
    void roundTrip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ManifestWriter w = new ManifestWriter(out, new Manifest("EP", Instant.parse("2026-11-26T10:00:00Z"), "id <&>",
                Instant.parse("2026-11-01T00:00:00Z"), 2));
        w.item(new Manifest.Item(1, "dossiers/1.xml", Dialect.ST36, SHA, 10, List.of()));
        w.item(new Manifest.Item(2, "dossiers/2 & \"x\".xml", Dialect.CANONICAL, SHA, 20,
                List.of(new Manifest.Content("D-1", "documents/EP1/D-1", "application/pdf", SHA, 5))));
        w.finish();
        try (ManifestReader r = new ManifestReader(new ByteArrayInputStream(out.toByteArray()), "m")) {
            assertThat(r.header()).isEqualTo(new Manifest("EP", Instant.parse("2026-11-26T10:00:00Z"), "id <&>",
                    Instant.parse("2026-11-01T00:00:00Z"), 2));
            assertThat(r.next()).isEqualTo(new Manifest.Item(1, "dossiers/1.xml", Dialect.ST36, SHA, 10, List.of()));
            assertThat(r.next().contents()).containsExactly(
                    new Manifest.Content("D-1", "documents/EP1/D-1", "application/pdf", SHA, 5));
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void problemsRefuseTheManifestNamingTheLine() {
        assertRefused(manifest(2, item(1), item(3)), "m:8: item seq 3 where 2 was expected");
        assertRefused(manifest(3, item(1), item(2)), "pkg:itemCount says 3 but the manifest lists 2 item(s)");
        assertRefused(manifest(1, item(1).replace("dossiers/1.xml", "../etc/passwd")), "path '../etc/passwd' is not a relative entry name");
        assertRefused(manifest(1, item(1).replace("dossiers/1.xml", "META-INF/signature.xml")), "not in META-INF/");
        assertRefused(manifest(1, item(1).replace(SHA, "ABC")), "sha256 'ABC' is not 64 lower-case hex digits");
        assertRefused(manifest(1, item(1).replace("st36", "klingon")), "item 1: ");
        assertRefused(manifest(1, item(1)).replace("2026-11-26T10:00:00Z", "yesterday"), "pkg:created 'yesterday' is not an xsd:dateTime");
        assertRefused("<manifest/>", "expected pkg:manifest (namespace urn:dossierlink:package:1)");
        assertRefused(manifest(1, item(1)).replace("</pkg:manifest>", ""), "not well-formed XML");
    }

    @Test
    void manyMoreItemsThanOneElementMayHaveChildrenAreStreamed() throws Exception {
        int n = XmlLimits.MAX_CHILD_ELEMENTS + 1000;
        InputStream in = new SequenceInputStream(new Enumeration<>() {
            int i = -1;

            @Override
            public boolean hasMoreElements() {
                return i <= n;
            }

            @Override
            public InputStream nextElement() {
                if (i > n) {
                    throw new NoSuchElementException();
                }
                i++;
                String s = i == 0 ? head(n) : i <= n ? item(i) : "</pkg:items></pkg:manifest>";
                return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
            }
        });
        long count = 0;
        try (ManifestReader r = new ManifestReader(in, "big")) {
            while (r.next() != null) {
                count++;
            }
        }
        assertThat(count).isEqualTo(n);
    }

    private static void assertRefused(String manifest, String message) {
        assertThatThrownBy(() -> {
            try (ManifestReader r = new ManifestReader(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)), "m")) {
                while (r.next() != null) {
                    // read them all
                }
            }
        }).isInstanceOf(PackageRefusedException.class).hasMessageContaining(message);
    }

    private static String head(long count) {
        return "<pkg:manifest xmlns:pkg=\"urn:dossierlink:package:1\">\n<pkg:sendingOffice>EP</pkg:sendingOffice>\n"
                + "<pkg:created>2026-11-26T10:00:00Z</pkg:created>\n<pkg:packageId>p</pkg:packageId>\n"
                + "<pkg:itemCount>" + count + "</pkg:itemCount>\n<pkg:items>\n";
    }

    private static String item(long seq) {
        return "<pkg:item seq=\"" + seq + "\" path=\"dossiers/" + seq + ".xml\" dialect=\"st36\" sha256=\"" + SHA
                + "\" size=\"1\"/>\n";
    }

    private static String manifest(long count, String... items) {
        return head(count) + String.join("", items) + "</pkg:items>\n</pkg:manifest>\n";
    }
}
