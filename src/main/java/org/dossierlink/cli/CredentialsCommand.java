package org.dossierlink.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.dossierlink.access.PasswordHash;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dossierlink credentials hash|new}: UsernameToken credentials for {@code conf/offices.xml}.
 * A password is never taken as an argument (it would show in the process list and the shell history).
 */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = {"UsernameToken credentials for conf/offices.xml: the salted password hash",
                "to paste there, and the digest key that a partner sending WS-Security",
                "PasswordDigest uses as its password."},
        subcommands = {CredentialsCommand.Hash.class, CredentialsCommand.New.class})
public final class CredentialsCommand implements Runnable {

    /** Letters and digits: a generated password survives any configuration file or shell unquoted. */
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** 24 characters of 62: about 143 bits. */
    static final int GENERATED_LENGTH = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Function<String, String> env;
    private final InputStream stdin;

    @Spec
    CommandSpec spec;

    public CredentialsCommand() {
        this(System::getenv, System.in);
    }

    /** For tests: the environment and standard input the subcommands read. */
    CredentialsCommand(Function<String, String> env, InputStream stdin) {
        this.env = env;
        this.stdin = stdin;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: hash, new");
    }

    /** {@code credentials hash}. */
    @Command(name = "hash", mixinStandardHelpOptions = true,
            description = {"Hash a password for a <username-token> in conf/offices.xml. The password",
                    "comes from the environment variable named by --password-env, else from",
                    "standard input (its first line); never from an argument."})
    static final class Hash implements Callable<Integer> {
        @ParentCommand
        CredentialsCommand parent;
        @Spec
        CommandSpec spec;

        @Option(names = "--password-env", paramLabel = "VAR",
                description = "Environment variable holding the password (default: read standard input).")
        String passwordEnv;

        @Override
        public Integer call() {
            char[] password = parent.password(passwordEnv, spec);
            try {
                PasswordHash hash = PasswordHash.create(password);
                PrintWriter out = spec.commandLine().getOut();
                out.println("password-hash: " + hash.encoded());
                out.println("digest-key:    " + hash.digestKey());
                out.println("Paste password-hash into <username-token username=\"...\" password-hash=\"...\"/>"
                        + " in conf/offices.xml.");
                out.println("A partner sending WS-Security PasswordDigest uses digest-key as its password (PasswordText"
                        + " over TLS sends the password itself); keep both secret.");
                out.flush();
                return 0;
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** {@code credentials new}. */
    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Make a new UsernameToken user for an office: a strong random password",
                    "(printed once, stored nowhere), the <username-token .../> line to paste into",
                    "the office in conf/offices.xml, and the digest key for partners sending",
                    "WS-Security PasswordDigest."})
    static final class New implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--office", required = true, paramLabel = "CODE", description = "ST.3 code of the office (JP, EP...).")
        String office;

        @Option(names = "--user", required = true, paramLabel = "NAME",
                description = "Username: 1 to 64 letters, digits, dots, dashes, underscores or @.")
        String user;

        @Override
        public Integer call() {
            if (!office.matches("[A-Z]{2}")) {
                throw new ParameterException(spec.commandLine(), "--office must be a two-letter ST.3 code in upper case, found '"
                        + office + "'");
            }
            if (!user.matches("[A-Za-z0-9._@-]{1,64}")) {
                throw new ParameterException(spec.commandLine(),
                        "--user must be 1 to 64 letters, digits, dots, dashes, underscores or @, found '" + user + "'");
            }
            char[] password = generate();
            try {
                PasswordHash hash = PasswordHash.create(password);
                PrintWriter out = spec.commandLine().getOut();
                out.println("password:   " + new String(password));
                out.println("            shown once and stored nowhere: hand it to " + office + " over a safe channel");
                out.println("paste inside <office code=\"" + office + "\"> in conf/offices.xml:");
                out.println("    <username-token username=\"" + user + "\" password-hash=\"" + hash.encoded() + "\"/>");
                out.println("digest-key: " + hash.digestKey());
                out.println("            the password for a partner sending WS-Security PasswordDigest; keep it secret");
                out.flush();
                return 0;
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** A random password of {@link #GENERATED_LENGTH} letters and digits. */
    static char[] generate() {
        char[] p = new char[GENERATED_LENGTH];
        for (int i = 0; i < p.length; i++) {
            p[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return p;
    }

    private char[] password(String variable, CommandSpec spec) {
        if (variable != null) {
            String v = env.apply(variable);
            if (v == null || v.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "environment variable " + variable + " is not set or empty");
            }
            return v.toCharArray();
        }
        Console console = stdin == System.in ? System.console() : null;
        if (console != null) {
            char[] p = console.readPassword("password: ");
            if (p == null || p.length == 0) {
                throw new ParameterException(spec.commandLine(), "no password given");
            }
            return p;
        }
        try {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no password on standard input (or use --password-env VAR)");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read the password from standard input: " + e.getMessage());
        }
    }
}
