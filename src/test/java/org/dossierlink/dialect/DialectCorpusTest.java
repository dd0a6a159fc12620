package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** Every corpus instance's canonical and ST.96 forms, checked by xmllint in one run per schema. */
    private static Map<String, String> xmllintCanonical;
    private static Map<String, String> xmllintSt96;

    private static synchronized void xmllintEverything() {
        if (xmllintCanonical != null) {
            return;
        }
        Map<String, byte[]> canonical = new LinkedHashMap<>();
        Map<String, byte[]> st96 = new LinkedHashMap<>();
        for (CorpusInstances.Instance i : CorpusInstances.ALL) {
            byte[] c = TestDialects.toCanonical(i.dialect(), Corpus.file(i.file()));
            canonical.put(i.file(), c);
            for (CanonicalDossierXml.Entry e : CanonicalDossierXml.read(new java.io.ByteArrayInputStream(c), i.file())) {
                st96.put(i.file() + " " + e.dossier().application().docdb(), TestDialects.fromCanonical(Dialect.ST96,
                        CanonicalDossierXml.toBytes(e.dossier(), e.documents()), i.file()));
            }
        }
        xmllintCanonical = TestDialects.xmllintEach(canonical, TestDialects.canonicalSchema());
        xmllintSt96 = TestDialects.xmllintEach(st96, TestDialects.st96Schema());
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("org.dossierlink.dialect.CorpusInstances#arguments")
    void convertsToValidCanonicalAndOnToValidSt96(String file, Dialect dialect) {
        xmllintEverything();
        Path path = Corpus.file(file);
        assertThat(DialectDetector.detect(path).dialect()).isEqualTo(dialect);
        byte[] canonical = TestDialects.toCanonical(dialect, path);
        TestDialects.assertValidJdk(canonical, TestDialects.canonicalSchema(), file + " as canonical");
        assertThat(xmllintCanonical.get(file)).as("xmllint, %s as canonical", file).isEqualTo("validates");
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
            String name = file + " " + e.dossier().application().docdb();
            TestDialects.assertValidJdk(st96, TestDialects.st96Schema(), name + " as ST.96");
            assertThat(xmllintSt96.get(name)).as("xmllint, %s as ST.96:%n%s", name, new String(st96, StandardCharsets.UTF_8))
                    .isEqualTo("validates");
        }
    }

    @Test
    void xmllintInOneRunStillTellsEachDocumentApart() {
        Map<String, byte[]> docs = new LinkedHashMap<>();
        docs.put("good", TestDialects.toCanonical(Dialect.ST96, Corpus.file("st96/examples/PatentPublication_Example.xml")));
        docs.put("bad", "<dos:dossier xmlns:dos='urn:dossierlink:dossier:1'><dos:oops/></dos:dossier>"
                .getBytes(StandardCharsets.UTF_8));
        Map<String, String> r = TestDialects.xmllintEach(docs, TestDialects.canonicalSchema());
        assertThat(r.get("good")).isEqualTo("validates");
        assertThat(r.get("bad")).contains("oops").doesNotContain("validates");
    }

    /**
     * What a conversion drops is reported with each conversion (the CLI's notes): every cannot-hold path of both
     * stylesheets of a dialect evaluates, with the prefixes its stylesheet declares, on every corpus instance and
     * on its canonical form. A path with an undeclared prefix (xsi, in cnipa-new and ST.96 until 2026-11-27) made
     * {@code dossierlink transform} of those files fail.
     */
    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("org.dossierlink.dialect.CorpusInstances#arguments")
    void reportsWhatItDropsOnTheWayInAndOut(String file, Dialect dialect) {
        Path path = Corpus.file(file);
        DialectConverter c = TestDialects.converter();
        List<DialectConverter.Loss> in = c.droppedOnTheWayIn(dialect, c.parse(TestDialects.readAll(path), file));
        assertThat(c.cannotHold(dialect, Direction.TO_CANONICAL)).containsAll(in);
        if (new String(TestDialects.readAll(path), StandardCharsets.UTF_8).contains("xsi:schemaLocation=")
                && (dialect == Dialect.CNIPA_NEW || dialect == Dialect.ST96)) {
            assertThat(in).extracting(DialectConverter.Loss::path).anyMatch(p -> p.contains("@xsi:schemaLocation"));
        }
        byte[] canonical = TestDialects.toCanonical(dialect, path);
        List<DialectConverter.Loss> out = c.droppedOnTheWayOut(dialect, c.parse(canonical, file + " as canonical"));
        assertThat(c.cannotHold(dialect, Direction.FROM_CANONICAL)).containsAll(out);
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = "CANONICAL", mode = EnumSource.Mode.EXCLUDE)
    void everyStylesheetSaysWhatItCannotHold(Dialect d) {
        assertThat(TestDialects.converter().cannotHold(d, Direction.TO_CANONICAL)).as("%s to canonical", d).isNotEmpty();
        assertThat(TestDialects.converter().cannotHold(d, Direction.FROM_CANONICAL)).as("canonical to %s", d).isNotEmpty();
    }
}
