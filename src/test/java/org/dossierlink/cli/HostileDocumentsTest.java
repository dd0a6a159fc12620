package org.dossierlink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.dossierlink.cli.CommandLineTest.Run;
import org.dossierlink.store.StoreConfig;
import org.dossierlink.testsupport.HostilePayloads;
import org.dossierlink.testsupport.HostilePayloads.Attack;
import org.dossierlink.testsupport.OutboundTrap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attacks of {@link HostilePayloads} inside a real USPTO Red Book grant, through the CLI paths that read
 * office documents: {@code validate}, {@code transform} and {@code import} (the SOAP ValidateDossier path is
 * in {@code server.HostileInputIT}). On every path: a DTD is read only from the catalog (validate) or not at
 * all (transform, import), a DOCTYPE naming a DTD by URL or path is refused with a message saying so, no
 * external entity is expanded, entity expansion stops at the limits of {@code XmlLimits}, the trap sees
 * nothing, and the secret marker is never printed, logged or stored.
 */
class HostileDocumentsTest {

    @TempDir
    static Path dir;
    private static OutboundTrap trap;

    @BeforeAll
    static void openTrap() throws IOException {
        trap = OutboundTrap.open(dir);
    }

    @AfterAll
    static void closeTrap() throws IOException {
        trap.close();
    }

    @AfterEach
    void nothingWentOut() {
        trap.assertUntouched();
    }

    /** What each path must answer to a hostile document: the exit code and a phrase of its message. */
    record Case(String name, String document, int validateExit, String validateHint, String readHint) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> list = new ArrayList<>();
        for (Attack a : HostilePayloads.entityAttacks(trap)) {
            String readHint = switch (a.name()) {
                case "billion laughs", "deep indirection" -> "entity expansions";
                case "quadratic blow-up" -> "accumulated size of entities";
                case "recursive entities" -> "recursive";
                case "inline out-of-band exfiltration" -> "parameter entity";
                default -> "refused";
            };
            String validateHint = switch (a.name()) {
                case "billion laughs", "deep indirection" -> "entity expansions";
                case "quadratic blow-up" -> "accumulated size of entities";
                case "recursive entities" -> "recursive";
                case "inline out-of-band exfiltration" -> "parameter entity";
                default -> "refused, not in xsd/catalog.xml";
            };
            list.add(new Case(a.name(), HostilePayloads.usptoWith(a), 1, validateHint, readHint));
        }
        String unknownDtd = trap.http("/us-patent-grant-v47-2099-01-01.dtd");
        list.add(new Case("DOCTYPE naming an unknown DTD at the trap", HostilePayloads.usptoWithDoctypeSystemId(unknownDtd),
                1, "refused, not in xsd/catalog.xml: " + unknownDtd, "'" + unknownDtd + "' refused"));
        return list.stream().map(Arguments::of);
    }

    private static Path write(String name, String content) throws IOException {
        Path f = Files.createTempDirectory(dir, "doc").resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private static void assertNoSecret(Run r) {
        trap.assertNoSecretIn("stdout", r.out());
        trap.assertNoSecretIn("stderr", r.err());
    }

    @ParameterizedTest(name = "validate: {0}")
    @MethodSource("cases")
    void validate(Case c) throws IOException {
        Path f = write("hostile.xml", c.document());
        Run r = CommandLineTest.run("validate", f.toString());
        assertNoSecret(r);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(c.validateExit());
        assertThat(r.out()).as(r.err()).containsIgnoringCase(c.validateHint()).contains("error");
    }

    @ParameterizedTest(name = "transform: {0}")
    @MethodSource("cases")
    void transform(Case c) throws IOException {
        Path f = write("hostile.xml", c.document());
        Path out = f.resolveSibling("out.xml");
        Run r = CommandLineTest.run("transform", f.toString(), "--to", "canonical", "-o", out.toString());
        assertNoSecret(r);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("transform: " + f).containsIgnoringCase(c.readHint());
        assertThat(out).doesNotExist();
    }

    @ParameterizedTest(name = "import: {0}")
    @MethodSource("cases")
    void import_(Case c) throws Exception {
        Path f = write("hostile.xml", c.document());
        Path data = f.resolveSibling("data");
        Run r = CommandLineTest.run("import", "--data", data.toString(), f.toString());
        assertNoSecret(r);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("import: " + f).containsIgnoringCase(c.readHint());
        assertThat(storeContent(data)).doesNotContain(trap.secret()).doesNotContain("Wireless physiological sensor patches");
    }

    /** The same document without an attack goes through every path, so the refusals above are the attacks'. */
    @Test
    void the_clean_document_passes_every_path() throws Exception {
        Path f = write("clean.xml", HostilePayloads.usptoSample());
        Run v = CommandLineTest.run("validate", f.toString());
        assertThat(v.exit()).as(v.out() + v.err()).isZero();
        Path out = f.resolveSibling("out.xml");
        Run t = CommandLineTest.run("transform", f.toString(), "--to", "canonical", "-o", out.toString());
        assertThat(t.exit()).as(t.err()).isZero();
        Path data = f.resolveSibling("data");
        Run i = CommandLineTest.run("import", "--data", data.toString(), f.toString());
        assertThat(i.exit()).as(i.err()).isZero();
        assertThat(i.out()).contains("uspto, 1 application(s): 1 new");
        assertThat(storeContent(data)).contains("Wireless physiological sensor patches");
    }

    /**
     * Markup that points elsewhere but is no entity or DTD: an XInclude element and an xml-stylesheet
     * instruction. Neither is followed or applied on any path; the document is otherwise the clean one.
     */
    @Test
    void xinclude_and_stylesheet_instructions_are_never_followed() throws Exception {
        for (String doc : List.of(
                HostilePayloads.usptoWithTitleMarkup("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                        + trap.fileUrl() + "\" parse=\"text\"/>"),
                HostilePayloads.usptoWithTitleMarkup("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                        + trap.http("/xi.xml") + "\"/>"),
                HostilePayloads.usptoWithProlog("<?xml-stylesheet type=\"text/xsl\" href=\"" + trap.http("/x.xsl") + "\"?>"))) {
            Path f = write("pointing.xml", doc);
            Run v = CommandLineTest.run("validate", f.toString());
            assertNoSecret(v);
            if (doc.contains("xi:include")) {
                // not in the DTD: an error of the document, never an inclusion
                assertThat(v.exit()).isEqualTo(1);
                assertThat(v.out()).contains("xi:include");
            } else {
                assertThat(v.exit()).as(v.out()).isZero();
            }
            Path out = f.resolveSibling("out.xml");
            Run t = CommandLineTest.run("transform", f.toString(), "--to", "canonical", "-o", out.toString());
            assertNoSecret(t);
            assertThat(t.exit()).as(t.err()).isZero();
            trap.assertNoSecretIn("transform output", Files.readString(out));
            Path data = f.resolveSibling("data");
            Run i = CommandLineTest.run("import", "--data", data.toString(), f.toString());
            assertNoSecret(i);
            assertThat(i.exit()).as(i.err()).isZero();
            assertThat(storeContent(data)).doesNotContain(trap.secret()).contains("Wireless physiological sensor patches");
            trap.assertUntouched();
        }
    }

    /** Everything the H2 store holds, as SQL. */
    private static String storeContent(Path data) throws SQLException {
        if (!Files.exists(data)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection(StoreConfig.h2Url(data), "", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SCRIPT")) {
            while (rs.next()) {
                all.append(rs.getString(1)).append('\n');
            }
        }
        return all.toString();
    }
}
