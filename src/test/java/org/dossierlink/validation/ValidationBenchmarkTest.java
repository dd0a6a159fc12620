package org.dossierlink.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dossierlink.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation throughput against {@code xmllint --noout --schema} on one large OPS file (the family
 * members of family_legal_EP2400812A1.xml repeated to about 25 MB), in the same run. Run with
 * {@code -Ddossierlink.bench=true}; it prints both times and the ratio.
 */
@EnabledIfSystemProperty(named = "dossierlink.bench", matches = "true")
class ValidationBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void validatesALargeFileAtLeastAsFastAsXmllint() throws Exception {
        String doc = Files.readString(Corpus.file("epo-ops/responses/family_legal_EP2400812A1.xml"));
        Matcher m = Pattern.compile("(?s)<ops:family-member.*</ops:family-member>").matcher(doc);
        assertThat(m.find()).isTrue();
        StringBuilder big = new StringBuilder(doc.substring(0, m.start()));
        for (int i = 0; i < 200; i++) {
            big.append(m.group()).append('\n');
        }
        big.append(doc.substring(m.end()));
        Path file = dir.resolve("large.xml");
        Files.writeString(file, big);
        double mb = Files.size(file) / 1e6;

        DossierValidator v = new DossierValidator();
        long jdk = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            long t = System.nanoTime();
            ValidationReport r = v.validate(file, null, ValidationMode.STRICT);
            jdk = Math.min(jdk, System.nanoTime() - t);
            assertThat(r.valid()).as(r.toTextLines().toString()).isTrue();
        }
        long lint = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long t = System.nanoTime();
            ValidationXmllintTest.Lint l = ValidationXmllintTest.xmllint("--schema", "xsd/ops/ops.xsd", file.toString());
            lint = Math.min(lint, System.nanoTime() - t);
            assertThat(l.exit()).as(l.errors().toString()).isZero();
        }
        System.out.printf("validation of %.1f MB: dossierlink (JDK, compiled schema cached) %d ms = %.1f MB/s; "
                + "xmllint --noout --schema %d ms = %.1f MB/s; ratio %.2f%n", mb, jdk / 1_000_000, mb / (jdk / 1e9),
                lint / 1_000_000, mb / (lint / 1e9), (double) jdk / lint);
        assertThat(jdk).isLessThanOrEqualTo(lint);
    }
}
