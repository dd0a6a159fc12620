package org.dossierlink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dossierlink.access.Offices;
import org.dossierlink.access.PasswordHash;
import org.dossierlink.access.UserCredential;
import org.dossierlink.cli.CommandLineTest.Run;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** {@code dossierlink credentials hash|new}: what an operator pastes into offices.xml and hands to a partner. */
class CredentialsCommandTest {

    private static Run run(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CredentialsCommand(env::get,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    private static String field(String out, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + ":\\s+(\\S+)$").matcher(out);
        assertThat(m.find()).as(name + " in\n" + out).isTrue();
        return m.group(1);
    }

    @Test
    void hashReadsThePasswordFromTheNamedVariable() {
        Run r = run(Map.of("JPO_PASSWORD", "kasumigaseki-3-4-3"), "", "hash", "--password-env", "JPO_PASSWORD");
        assertThat(r.exit()).as(r.err()).isZero();
        PasswordHash hash = PasswordHash.parse(field(r.out(), "password-hash"));
        assertThat(hash.matches("kasumigaseki-3-4-3".toCharArray())).isTrue();
        assertThat(field(r.out(), "digest-key")).isEqualTo(hash.digestKey());
        assertThat(r.out()).contains("PasswordDigest").doesNotContain("kasumigaseki");
    }

    @Test
    void hashReadsThePasswordFromStandardInput() {
        Run r = run(Map.of(), "from stdin\nignored second line\n", "hash");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(PasswordHash.parse(field(r.out(), "password-hash")).matches("from stdin".toCharArray())).isTrue();
    }

    @Test
    void hashRefusesAMissingPasswordAndTakesNoneAsAnArgument() {
        Run unset = run(Map.of(), "", "hash", "--password-env", "NOT_SET");
        assertThat(unset.exit()).isNotZero();
        assertThat(unset.err()).contains("environment variable NOT_SET is not set or empty");
        Run empty = run(Map.of(), "", "hash");
        assertThat(empty.exit()).isNotZero();
        assertThat(empty.err()).contains("no password on standard input");
        Run argument = run(Map.of(), "", "hash", "my-password");
        assertThat(argument.exit()).isNotZero();
        assertThat(argument.err()).contains("my-password");
    }

    @Test
    void newMakesAPasswordAndTheLineToPasteAndTheFileAcceptsIt() {
        Run r = CommandLineTest.run("credentials", "new", "--office", "JP", "--user", "jpo-gd");
        assertThat(r.exit()).as(r.err()).isZero();
        String password = field(r.out(), "password");
        assertThat(password).matches("[A-Za-z0-9]{24}");
        Matcher line = Pattern.compile("(?m)^    (<username-token username=\"jpo-gd\" password-hash=\"([^\"]+)\"/>)$").matcher(r.out());
        assertThat(line.find()).as(r.out()).isTrue();
        assertThat(r.out()).contains("paste inside <office code=\"JP\"> in conf/offices.xml", "shown once");

        Offices offices = Offices.parse(new ByteArrayInputStream(("<offices xmlns=\"urn:dossierlink:offices:1\">\n"
                + "  <office code=\"JP\" name=\"Japan Patent Office\" role=\"providing-and-accessing\">\n    " + line.group(1)
                + "\n  </office>\n</offices>\n").getBytes(StandardCharsets.UTF_8)), "offices.xml");
        UserCredential user = offices.user("jpo-gd").orElseThrow();
        assertThat(user.office()).isEqualTo("JP");
        assertThat(user.password().matches(password.toCharArray())).isTrue();
        assertThat(field(r.out(), "digest-key")).isEqualTo(user.password().digestKey());

        Run again = CommandLineTest.run("credentials", "new", "--office", "JP", "--user", "jpo-gd");
        assertThat(field(again.out(), "password")).isNotEqualTo(password);
    }

    @Test
    void newChecksTheOfficeAndTheUsername() {
        Run office = CommandLineTest.run("credentials", "new", "--office", "jpo", "--user", "x");
        assertThat(office.exit()).isNotZero();
        assertThat(office.err()).contains("--office must be a two-letter ST.3 code in upper case, found 'jpo'");
        Run user = CommandLineTest.run("credentials", "new", "--office", "JP", "--user", "a b\"");
        assertThat(user.exit()).isNotZero();
        assertThat(user.err()).contains("--user must be 1 to 64 letters");
        Run none = CommandLineTest.run("credentials");
        assertThat(none.exit()).isNotZero();
        assertThat(none.err()).contains("name a subcommand: hash, new");
    }

    @Test
    void generatedPasswordsAreLongAndRandom() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            char[] p = CredentialsCommand.generate();
            assertThat(p).hasSize(24);
            assertThat(seen.add(new String(p))).isTrue();
        }
    }
}
