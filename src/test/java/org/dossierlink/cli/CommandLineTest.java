package org.dossierlink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dossierlink.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The CLI as a user meets it: output, exit codes, one-line errors, --help. */
class CommandLineTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = DossierlinkCommand.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void importIsIdempotentAndFamilyReadsTheStore() {
        String file = Corpus.file("epo-ops/responses/family_biblio_EP2400812A1.xml").toString();
        Run first = run("import", "--data", dir.toString(), file);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("docdb, 3 application(s): 3 new, 0 updated, 0 unchanged");
        Run second = run("import", "--data", dir.toString(), file);
        assertThat(second.out()).contains("3 application(s): 0 new, 0 updated, 3 unchanged");

        Run family = run("family", "EP", "EP 2400812 A1", "--type", "publication", "--extended", "--data", dir.toString());
        assertThat(family.exit()).as(family.err()).isZero();
        assertThat(family.out()).startsWith("extended family of EP.2400812.A1: 3 member(s)")
                .contains("* EP.10167109.A", "CA.2744162.A", "US.201113167395.A", "US.2012057518.A1 US.9648662.B2")
                .contains("linked by: EP.10167109");
    }

    @Test
    void normalizeShowsEveryForm() {
        Run r = run("normalize", "EP", "EP 05255002.7");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("docdb     EP.05255002.A").contains("original  EP 05255002.7")
                .contains("type      application");
    }

    @Test
    void errorsAreOneLineWithANonZeroExit() throws Exception {
        Run garbage = run("normalize", "JP", "not-a-number");
        assertThat(garbage.exit()).isEqualTo(1);
        assertThat(garbage.err().strip().lines()).singleElement()
                .satisfies(l -> assertThat(l).startsWith("normalize: ").contains("not-a-number"));

        Run office = run("normalize", "ZZ", "123");
        assertThat(office.exit()).isEqualTo(1);
        assertThat(office.err()).startsWith("normalize: ").doesNotContain("\tat ");

        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, "<dos:dossiers xmlns:dos='urn:dossierlink:dossier:1'>\n<dos:dossier>\n<unclosed></dos:dossiers>");
        Run imp = run("import", "--data", dir.resolve("store").toString(), bad.toString());
        assertThat(imp.exit()).isEqualTo(1);
        assertThat(imp.err().strip().lines()).singleElement()
                .satisfies(l -> assertThat(l).startsWith("import: " + bad + ":3:").contains("unexpected element unclosed in dos:dossier"));

        Run missing = run("family", "EP", "10167109", "--data", dir.resolve("empty").toString());
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).startsWith("family: ").contains("EP.10167109");

        Run config = run("import", "--config", dir.resolve("nope.properties").toString(), bad.toString());
        assertThat(config.exit()).isEqualTo(1);
        assertThat(config.err()).contains("nope.properties: configuration file not found");

        Run usage = run("family", "EP");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required parameter: 'NUMBER'");
    }

    @Test
    void serveStopsOnABadOfficesFileNamingEveryProblem() throws Exception {
        java.nio.file.Path offices = dir.resolve("offices.xml");
        java.nio.file.Files.writeString(offices, "<offices xmlns=\"urn:dossierlink:offices:1\">\n"
                + "  <office code=\"JP\" name=\"Japan Patent Office\" role=\"providing-and-accessing\"/>\n"
                + "  <agreement accessing=\"AU\" providing=\"JP\" start=\"2014-04-01\"/>\n"
                + "  <agreement accessing=\"JP\" providing=\"JP\" start=\"2014-04-01\"/>\n</offices>\n");
        java.nio.file.Path config = dir.resolve("node.properties");
        java.nio.file.Files.writeString(config, "access.offices=" + offices + "\nserver.port=0\n");
        Run r = run("serve", "--config", config.toString(), "--data", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(2)
                .anySatisfy(l -> assertThat(l).startsWith("serve: " + offices + ":3:").contains("accessing office AU is not configured"))
                .anySatisfy(l -> assertThat(l).startsWith("serve: " + offices + ":4:").contains("as both accessing and providing"));
    }

    @Test
    void servingOnAPortThatIsTakenIsAClearError() throws Exception {
        java.nio.file.Path config = dir.resolve("node.properties");
        java.nio.file.Files.writeString(config, "signature.keystore=" + dir.resolve("signing.p12") + "\n"
                + "server.tls.keystore=" + dir.resolve("tls.p12") + "\n");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(taken.getLocalPort());
            // without a signing key the node does not start, whatever else is wrong
            Run noKey = run("serve", "--config", config.toString(), "--port", port, "--data", dir.toString());
            assertThat(noKey.exit()).isEqualTo(1);
            assertThat(noKey.err().strip()).isEqualTo("serve: " + dir.resolve("signing.p12")
                    + ": signing keystore not found. Every answer is signed: put this node's PKCS#12 keystore there "
                    + "(signature.keystore), or start with --demo to generate a demo key");

            assertThat(run("keys", "--config", config.toString(), "generate", "--alias", "node").exit()).isZero();
            // without --demo the node serves HTTPS only: no TLS key, no start
            Run noTls = run("serve", "--config", config.toString(), "--port", port, "--data", dir.toString());
            assertThat(noTls.exit()).isEqualTo(1);
            assertThat(noTls.err().strip()).startsWith("serve: server.tls.keystore: " + dir.resolve("tls.p12")
                    + " does not exist: create it with `dossierlink keys tls --name HOST`").contains("--demo");
            Run tls = run("keys", "--config", config.toString(), "tls", "--name", "127.0.0.1,localhost");
            assertThat(tls.exit()).as(tls.err()).isZero();
            assertThat(tls.out()).contains("TLS key for 127.0.0.1, localhost").contains("certificate SHA-256");
            assertThat(dir.resolve("tls.p12.password")).exists();
            Run r = run("serve", "--config", config.toString(), "--port", port, "--data", dir.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err().strip().lines()).singleElement().satisfies(l -> assertThat(l)
                    .startsWith("serve: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("choose another with --port"));
        }
    }


    @Test
    void helpListsEachCommandsOptions() {
        assertThat(run("--help").out()).contains("serve", "import", "family", "normalize");
        assertThat(run("serve", "--help").out()).contains("--port=N", "--config=FILE", "--data=DIR", "--demo");
        assertThat(run("import", "--help").out()).contains("FILE...", "--data=DIR", "--config=FILE");
        assertThat(run("family", "--help").out()).contains("OFFICE", "NUMBER", "--type=TYPE", "--extended", "--data=DIR");
        assertThat(run("normalize", "--help").out()).contains("OFFICE", "NUMBER", "--type=TYPE");
        Run version = run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("dossierlink ");
    }
}
