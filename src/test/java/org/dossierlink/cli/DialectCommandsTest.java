package org.dossierlink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dossierlink.Corpus;
import org.dossierlink.cli.CommandLineTest.Run;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dialect.DialectDetector;
import org.dossierlink.testsupport.TestDialects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dossierlink detect} and {@code dossierlink transform} as a user runs them. */
class DialectCommandsTest {

    @TempDir
    Path dir;

    @Test
    void detectSaysTheDialectAndWhatItWasToldBy() {
        String us = Corpus.file("uspto/redbook-samples/US08926509.xml").toString();
        String st96 = Corpus.file("st96/examples/PatentPublication_Example.xml").toString();
        Run r = CommandLineTest.run("detect", us, st96);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(us + ": uspto (root us-patent-grant, dtd-version v4.5 2014-04-03, DOCTYPE us-patent-grant-v45-2014-04-03.dtd)")
                .contains(st96 + ": st96 (root {http://www.wipo.int/standards/XMLSchema/ST96/Patent}PatentPublication)");
    }

    @Test
    void detectRefusesAnUnknownDocumentWithFileLineAndReason() throws Exception {
        Path f = dir.resolve("invoice.xml");
        Files.writeString(f, "<?xml version='1.0'?>\n<invoice/>");
        Run r = CommandLineTest.run("detect", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("detect: " + f + ":2:1: unknown dossier dialect: root element invoice; supported: ");
    }

    @Test
    void transformWritesTheTargetDialectAndNotesWhatIsDropped() throws Exception {
        Path in = Corpus.file("uspto/redbook-samples/US08930553.xml");
        Path out = dir.resolve("out.xml");
        Run r = CommandLineTest.run("transform", in.toString(), "--to", "st96", "-o", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(in + ": uspto to st96, ").contains("bytes written to " + out);
        assertThat(r.err()).contains("note: uspto to canonical does not carry ");
        assertThat(DialectDetector.detect(out).dialect()).isEqualTo(Dialect.ST96);
        TestDialects.assertValid(Files.readAllBytes(out), TestDialects.st96Schema(), "transform output");
    }

    @Test
    void transformToCanonicalValidates() throws Exception {
        Path out = dir.resolve("canonical.xml");
        Run r = CommandLineTest.run("transform", Corpus.file("jpo/jp-gazette-st36/jp_example4.xml").toString(),
                "--to", "canonical", "-o", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        TestDialects.assertValid(Files.readAllBytes(out), TestDialects.canonicalSchema(), "transform output");
    }

    @Test
    void importTakesEveryDialectAndTheFamiliesFindTheRecords() {
        String[] files = {"cnipa/CN103492414A_cn_old.xml", "cnipa/cn_new1.xml", "jpo/jp-gazette-st36/jp_example4.xml",
                "st36/ep-publication/EP1667425A1_DOC00001.xml", "st36/ep-publication/EP1599469B1_toc.xml",
                "st96/examples/PatentPublication_Example.xml", "uspto/redbook-samples/US20210049351A1.xml",
                "epo-ops/responses/register_biblio_EP3221665A1.xml", "epo-ops/responses/biblio_EP2400812A1.xml"};
        String[] dialects = {"cnipa-old", "cnipa-new", "jpo", "ep-publication", "ep-toc", "st96", "uspto", "ep-register",
                "docdb"};
        for (int i = 0; i < files.length; i++) {
            String f = Corpus.file(files[i]).toString();
            Run r = CommandLineTest.run("import", "--data", dir.toString(), f);
            assertThat(r.exit()).as(f + ": " + r.err()).isZero();
            assertThat(r.out()).as(f).startsWith(f + ": " + dialects[i] + ", 1 application(s): 1 new");
        }
        // the ST.96 example (US 8,936,998) claims JP 2007-290922: its family is found from the priority
        Run family = CommandLineTest.run("family", "JP", "2007-290922", "--type", "priority", "--data", dir.toString());
        assertThat(family.exit()).as(family.err()).isZero();
        assertThat(family.out()).contains("US.");
        // importing the same files again changes nothing
        Run again = CommandLineTest.run("import", "--data", dir.toString(), Corpus.file(files[2]).toString());
        assertThat(again.out()).contains("1 application(s): 0 new, 0 updated, 1 unchanged");
    }

    @Test
    void transformRefusesAnUnknownTargetDialect() {
        Run r = CommandLineTest.run("transform", Corpus.file("cnipa/cn_new1.xml").toString(), "--to", "klingon");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("transform: unknown dialect 'klingon'; supported: canonical, st36, st96");
    }
}
