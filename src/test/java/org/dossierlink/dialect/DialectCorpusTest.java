package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.dossierlink.Corpus;
import org.dossierlink.dialect.DialectConverter.Direction;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.testsupport.TestDialects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cross-dialect promises, over every real instance of the corpus: it converts to a
 * canonical dossier that validates against xsd/dossier.xsd, that canonical record reads back into the
 * domain, and it converts on to ST.96 that validates against the WIPO ST.96 V6_0 schema (both with the
 * JDK validator and xmllint).
 */
class DialectCorpusTest {

    @Test
    void everyDialectHasItsStylesheetPair() {
        for (Dialect d : Dialect.values()) {
            assertThat(TestDialects.converter().supports(d, Direction.TO_CANONICAL)).as("%s to canonical", d).isTrue();
            assertThat(TestDialects.converter().supports(d, Direction.FROM_CANONICAL)).as("canonical to %s", d).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("org.dossierlink.dialect.CorpusInstances#arguments")
    void convertsToValidCanonicalAndOnToValidSt96(String file, Dialect dialect) {
        Path path = Corpus.file(file);
        assertThat(DialectDetector.detect(path).dialect()).isEqualTo(dialect);
        byte[] canonical = TestDialects.toCanonical(dialect, path);
        TestDialects.assertValid(canonical, TestDialects.canonicalSchema(), file + " as canonical");
        List<CanonicalDossierXml.Entry> entries = CanonicalDossierXml.read(
                new java.io.ByteArrayInputStream(canonical), file);
        if (entries.isEmpty()) {
            // EP Register answers with only events or procedural steps hold no dossier: the conversion
            // must then say what it dropped, never drop it silently
            List<DialectConverter.Loss> dropped = TestDialects.converter().droppedOnTheWayIn(dialect,
                    TestDialects.converter().parse(TestDialects.readAll(path), file));
            assertThat(dropped).as("what %s drops, as it yields no dossier", file).isNotEmpty();
            assertThat(dropped).extracting(DialectConverter.Loss::path)
                    .anyMatch(p -> p.contains("events-data") || p.contains("procedural-data"));
        }
        for (CanonicalDossierXml.Entry e : entries) {
            Dossier d = e.dossier();
            assertThat(d.application().docdb()).as("application docdb of a record of %s", file)
                    .matches("[A-Z]{2}\\.[0-9A-Z]+(\\.[A-Z0-9]+)?");
        }
        for (CanonicalDossierXml.Entry e : entries) {
            byte[] one = CanonicalDossierXml.toBytes(e.dossier(), e.documents());
            byte[] st96 = TestDialects.fromCanonical(Dialect.ST96, one, file + " " + e.dossier().application().docdb());
            TestDialects.assertValid(st96, TestDialects.st96Schema(),
                    file + " " + e.dossier().application().docdb() + " as ST.96:\n" + new String(st96, StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = "CANONICAL", mode = EnumSource.Mode.EXCLUDE)
    void everyStylesheetSaysWhatItCannotHold(Dialect d) {
        assertThat(TestDialects.converter().cannotHold(d, Direction.TO_CANONICAL)).as("%s to canonical", d).isNotEmpty();
        assertThat(TestDialects.converter().cannotHold(d, Direction.FROM_CANONICAL)).as("canonical to %s", d).isNotEmpty();
    }
}
