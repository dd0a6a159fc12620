package org.dossierlink.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

import org.dossierlink.config.ConfigException;
import org.dossierlink.config.NodeConfig;
import org.dossierlink.signature.Certificates;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SignatureKeyException;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.signature.SigningKeystore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dossierlink keys list|generate|export}: this node's signing keys (signature.keystore);
 * {@code keys tls}: a self-signed HTTPS key (server.tls.keystore).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"This node's signing keys, in the PKCS#12 keystore named by signature.keystore.",
                "Every answer is signed with the current key: the valid key of signature.algorithm whose",
                "certificate became valid last. Add the next key ahead of time; it takes over at its notBefore."},
        subcommands = {KeysCommand.ListKeys.class, KeysCommand.Generate.class, KeysCommand.Export.class,
                KeysCommand.Tls.class})
public final class KeysCommand implements Runnable {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: list, generate, export, tls");
    }

    NodeConfig nodeConfig() {
        return config.load();
    }

    SigningKeys open() {
        return SigningKeystore.open(nodeConfig().signature(), false, System::getenv, line -> { });
    }

    /** {@code keys list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the keys with their status and validity.")
    static final class ListKeys implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SigningKeys keys = parent.open();
            PrintWriter out = spec.commandLine().getOut();
            List<SigningKeys.Published> published = keys.published(Instant.now());
            if (published.stream().noneMatch(p -> p.status() == SigningKeys.Status.CURRENT)) {
                out.println("warning: no " + keys.algorithm().configName() + " key (signature.algorithm) is valid now: "
                        + "the node cannot sign answers and will not start");
            }
            for (SigningKeys.Published p : published) {
                SigningKey k = p.key();
                out.printf("%-8s %-20s %-18s %s to %s  %s%n    SHA-256 %s%n", p.status().name().toLowerCase(java.util.Locale.ROOT),
                        k.alias(), k.algorithm().configName(), k.notBefore(), k.notAfter(),
                        k.certificate().getSubjectX500Principal().getName(), k.fingerprint());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code keys generate}. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Add a new key with a self-signed certificate to the keystore (created when missing,",
                    "with a random password in signature.keystore.password-file unless one is configured).",
                    "For production, a certificate from your office's CA is better: import it with keytool."})
    static final class Generate implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;
        @Spec
        CommandSpec spec;

        @Option(names = "--alias", required = true, paramLabel = "NAME", description = "Name of the new key.")
        String alias;

        @Option(names = "--algorithm", paramLabel = "ALG", description = "rsa-sha256 or ecdsa-p256-sha256 (default: signature.algorithm).")
        String algorithm;

        @Option(names = "--valid-from", paramLabel = "TIME", description = "Start of validity, e.g. 2027-01-01T00:00:00Z (default: now).")
        String validFrom;

        @Option(names = "--days", paramLabel = "N", defaultValue = "398", description = "Days of validity (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--subject", paramLabel = "DN", defaultValue = "CN=dossierlink node",
                description = "Certificate subject (default: ${DEFAULT-VALUE}).")
        String subject;

        @Override
        public Integer call() {
            NodeConfig config = parent.nodeConfig();
            SignatureAlgorithm alg;
            try {
                alg = algorithm == null ? config.signature().algorithm() : SignatureAlgorithm.parse(algorithm);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--algorithm: " + e.getMessage());
            }
            if (days < 1 || days > 3650) {
                throw new ConfigException("--days must be from 1 to 3650, found " + days);
            }
            Instant from;
            try {
                from = validFrom == null ? Instant.now() : Instant.parse(validFrom);
            } catch (DateTimeParseException e) {
                throw new ConfigException("--valid-from: '" + validFrom + "' is not an instant such as 2027-01-01T00:00:00Z");
            }
            SigningKey key;
            try {
                key = SelfSignedKeys.generate(alias, alg, subject, from, from.plus(Duration.ofDays(days)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--subject: '" + subject + "' is not an X.500 name such as CN=node, O=office");
            }
            SigningKeystore.add(config.signature(), key, System::getenv);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("added key '%s' (%s, valid %s to %s, SHA-256 %s) to %s%n", alias, alg.configName(), key.notBefore(),
                    key.notAfter(), key.fingerprint(), config.signature().keystore());
            out.flush();
            return 0;
        }
    }

    /** {@code keys tls}. */
    @Command(name = "tls", mixinStandardHelpOptions = true,
            description = {"Create the HTTPS keystore (server.tls.keystore) with a self-signed P-256 key for the given",
                    "host names and IP addresses, and a random password in server.tls.keystore.password-file unless",
                    "the environment variable server.tls.keystore.password-env names one. Partners pin its certificate",
                    "(printed with its SHA-256); a certificate from your office's CA is better for production."})
    static final class Tls implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;
        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, split = ",", paramLabel = "HOST",
                description = "Host names and IP addresses partners use to reach this node (repeat or separate with commas).")
        List<String> names;

        @Option(names = "--days", paramLabel = "N", defaultValue = "398", description = "Days of validity (default: ${DEFAULT-VALUE}).")
        int days;

        @Override
        public Integer call() throws Exception {
            if (days < 1 || days > 3650) {
                throw new ConfigException("--days must be from 1 to 3650, found " + days);
            }
            NodeConfig config = parent.nodeConfig();
            SigningKey key = org.dossierlink.server.TlsKeystore.create(config.tls(), names, Duration.ofDays(days),
                    System::getenv);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("wrote %s: TLS key for %s, valid to %s, certificate SHA-256 %s%n", config.tls().keystore(),
                    String.join(", ", names), key.notAfter(), key.fingerprint());
            out.flush();
            return 0;
        }
    }

    /** {@code keys export}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write a key's certificate in PEM: for partners' trust stores and xmlsec1 --trusted-pem."})
    static final class Export implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;
        @Spec
        CommandSpec spec;

        @Option(names = "--alias", paramLabel = "NAME", description = "The key (default: the current one).")
        String alias;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
        Path output;

        @Override
        public Integer call() throws IOException {
            SigningKeys keys = parent.open();
            SigningKey key = alias == null ? keys.current(Instant.now()) : keys.all().stream()
                    .filter(k -> k.alias().equals(alias)).findFirst()
                    .orElseThrow(() -> new SignatureKeyException(keys.source() + ": no key named '" + alias + "'"));
            String pem = Certificates.pem(key.certificate());
            if (output == null) {
                spec.commandLine().getOut().print(pem);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(output, pem);
            }
            return 0;
        }
    }
}
