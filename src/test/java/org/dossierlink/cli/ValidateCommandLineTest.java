package org.dossierlink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.dossierlink.Corpus;
import org.dossierlink.cli.CommandLineTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dossierlink validate}: one line per issue, exit codes, XML reports that follow their schema. */
class ValidateCommandLineTest {

    @TempDir
    Path dir;

    static final String VALID = Corpus.file("epo-ops/responses/family_EP2400812A1.xml").toString();
    static final String DRIFT = Corpus.file("epo-ops/responses/biblio_WO2018148832A1.xml").toString();

    @Test
    void validFilesExitZeroWithASummaryEach() {
        Run r = CommandLineTest.run("validate", VALID, Corpus.file("st96/examples/PatentPublication_Example.xml").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly(
                VALID + ": valid (docdb, xsd/ops/ops.xsd, strict): 0 error(s), 0 warning(s)",
                Corpus.file("st96/examples/PatentPublication_Example.xml")
                        + ": valid (st96, xsd/st96/PatentPublication_V6_0.xsd, strict): 0 error(s), 0 warning(s)");
    }

    @Test
    void errorsAreOneLineEachAndExitOne() {
        Run r = CommandLineTest.run("validate", VALID, DRIFT);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines()).containsExactly(
                VALID + ": valid (docdb, xsd/ops/ops.xsd, strict): 0 error(s), 0 warning(s)",
                DRIFT + ":248:118: error: cvc-complex-type.3.2.2: Attribute 'office' is not allowed to appear in element"
                        + " 'citation'. (at /ops:world-patent-data/exchange-documents[1]/exchange-document[1]"
                        + "/bibliographic-data[1]/references-cited[1]/citation[1])",
                DRIFT + ":269:118: error: cvc-complex-type.3.2.2: Attribute 'office' is not allowed to appear in element"
                        + " 'citation'. (at /ops:world-patent-data/exchange-documents[1]/exchange-document[1]"
                        + "/bibliographic-data[1]/references-cited[1]/citation[2])",
                DRIFT + ": INVALID (docdb, xsd/ops/ops.xsd, strict): 2 error(s), 0 warning(s)");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void tolerantAcceptsTheDriftAsWarnings() {
        Run r = CommandLineTest.run("validate", "--tolerant", DRIFT);
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).hasSize(3).first().asString()
                .startsWith(DRIFT + ":248:118: warning: ").endsWith("[tolerated: citation-office]");
    }

    @Test
    void xmlReportsFollowTheirSchema() throws Exception {
        var schema = SchemaFactory.newDefaultInstance().newSchema(Path.of("xsd/validation-report.xsd").toFile());
        Run one = CommandLineTest.run("validate", "--format", "xml", "--tolerant", DRIFT);
        assertThat(one.exit()).isZero();
        assertThat(one.out()).contains("<val:validation-report", "rule=\"citation-office\"", "line=\"248\"");
        schema.newValidator().validate(new StreamSource(new StringReader(one.out())));

        Run two = CommandLineTest.run("validate", "--format=xml", VALID, DRIFT,
                Corpus.file("cnipa/cn_new1.xml").toString());
        assertThat(two.exit()).isEqualTo(1);
        assertThat(two.out()).contains("<val:validation-reports", "valid=\"false\"", "checked=\"well-formedness\"",
                "<val:schema kind=\"none\"");
        schema.newValidator().validate(new StreamSource(new StringReader(two.out())));
    }

    @Test
    void usageErrorsExitTwoAndOtherErrorsAreOneLine() throws Exception {
        Run dialect = CommandLineTest.run("validate", "--dialect", "klingon", VALID);
        assertThat(dialect.exit()).isEqualTo(2);
        assertThat(dialect.err()).contains("unknown dialect 'klingon'");

        Run format = CommandLineTest.run("validate", "--format", "pdf", VALID);
        assertThat(format.exit()).isEqualTo(2);

        Run none = CommandLineTest.run("validate");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required parameter: 'FILE'");

        Path missing = dir.resolve("nope.xml");
        Run gone = CommandLineTest.run("validate", missing.toString());
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err().strip().lines()).singleElement().isEqualTo("validate: " + missing + ": no such file");

        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, "<ops:world-patent-data xmlns:ops='http://ops.epo.org'>\n  <ops:meta>\n</ops:world-patent-data>\n");
        Run bad = CommandLineTest.run("validate", broken.toString());
        assertThat(bad.exit()).isEqualTo(1);
        // the schema errors before the break, then the break itself
        assertThat(bad.out().lines()).anySatisfy(l -> assertThat(l).startsWith(broken + ":2:13: error: cvc-complex-type.4"))
                .anySatisfy(l -> assertThat(l).startsWith(broken + ":3:").contains("ops:meta"));
    }

    @Test
    void aGivenDialectIsUsedInsteadOfDetection() {
        Run r = CommandLineTest.run("validate", "--dialect", "st96", VALID);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("cvc-elt.1.a", "(st96, xsd/st96/PatentPublication_V6_0.xsd, strict)");
        assertThat(CommandLineTest.run("validate", "--help").out()).contains("FILE...", "--dialect=D", "--tolerant",
                "--format=FORMAT");
        assertThat(CommandLineTest.run("--help").out()).contains("validate");
    }
}
