package org.dossierlink.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splitting the concatenated form, and telling it from a plain dossier file. */
class ConcatenatedReaderTest {

    @TempDir
    Path dir;

    @Test
    void documentsAreSplitAtEachXmlDeclarationOnly() throws Exception {
        String one = "<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?>\n<!DOCTYPE a SYSTEM \"a.dtd\" [ ]>\n<a>1</a>\n";
        String two = "<?xml\tversion=\"1.0\" encoding=\"UTF-8\"?><b>2</b>";
        Path f = dir.resolve("c.xml");
        Files.writeString(f, "\n" + one + two + "\n", StandardCharsets.UTF_8);
        assertThat(PackageImporter.formOf(f)).contains(PackageForm.CONCATENATED);
        List<ConcatenatedReader.Item> items = read(f, false);
        assertThat(items).hasSize(2);
        assertThat(new String(items.get(0).bytes(), StandardCharsets.UTF_8)).isEqualTo(one);
        assertThat(new String(items.get(1).bytes(), StandardCharsets.UTF_8)).isEqualTo(two + "\n");
        assertThat(items.get(0).line()).isEqualTo(2);
        assertThat(items.get(1).line()).isEqualTo(6);
        assertThat(items.get(1).seq()).isEqualTo(2);

        Path single = dir.resolve("one.xml");
        Files.writeString(single, one, StandardCharsets.UTF_8);
        assertThat(PackageImporter.formOf(single)).as("a stylesheet PI is not a second declaration").isEmpty();
    }

    @Test
    void wrapperChildrenBecomeDocumentsWithTheNamespacesTheyUse() throws Exception {
        Path f = dir.resolve("w.xml");
        Files.writeString(f, "<pkg:dossiers xmlns:pkg=\"urn:dossierlink:package:1\" xmlns:x=\"urn:x\" xmlns:y=\"urn:y\">"
                + "<x:a y:k=\"v\">t &amp; u</x:a><b xmlns=\"urn:b\"><c/></b></pkg:dossiers>", StandardCharsets.UTF_8);
        List<ConcatenatedReader.Item> items = read(f, false);
        assertThat(items).hasSize(2);
        String a = new String(items.get(0).bytes(), StandardCharsets.UTF_8);
        assertThat(a).contains("<x:a").contains("xmlns:x=\"urn:x\"").contains("xmlns:y=\"urn:y\"").contains("y:k=\"v\"")
                .contains("t &amp; u");
        assertThat(new String(items.get(1).bytes(), StandardCharsets.UTF_8)).contains("<b xmlns=\"urn:b\"><c");
    }

    private static List<ConcatenatedReader.Item> read(Path f, boolean anyWrapper) throws Exception {
        List<ConcatenatedReader.Item> out = new ArrayList<>();
        try (ConcatenatedReader r = ConcatenatedReader.open(f, anyWrapper)) {
            for (ConcatenatedReader.Item i = r.next(); i != null; i = r.next()) {
                out.add(i);
            }
        }
        return out;
    }
}
