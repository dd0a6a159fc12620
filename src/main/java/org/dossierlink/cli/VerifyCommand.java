package org.dossierlink.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

import org.dossierlink.config.ConfigException;
import org.dossierlink.config.NodeConfig;
import org.dossierlink.signature.SignatureRejectedException;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.TrustedCertificates;
import org.dossierlink.signature.VerifiedSignature;
import org.dossierlink.xml.SecureXml;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dossierlink verify FILE... [--trust DIR]}: checks XML signatures and says who signed what, and when. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify the enveloped XML signature of each file against a folder of trusted certificates,",
                "and say which key signed it, when, and over which element. A file is a signed document (the",
                "signature covers its root element) or a SOAP envelope (it covers the payload in the Body).",
                "Exit 0 when every file verifies, 1 otherwise."})
public final class VerifyCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Signed XML files.")
    List<Path> files;

    @Option(names = "--trust", paramLabel = "DIR",
            description = "Folder of trusted certificates (.pem, .crt, .cer, .der); default: signature.trust, conf/trust.")
    Path trustDir;

    @Option(names = "--at", paramLabel = "TIME",
            description = "Judge certificate validity at this instant (e.g. 2026-11-26T10:00:00Z) instead of now.")
    String at;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NodeConfig node = config.load();
        Path dir = trustDir != null ? trustDir : node.signature().trustDir();
        TrustedCertificates trust;
        try {
            trust = TrustedCertificates.load(dir);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + (trustDir == null ? "; name one with --trust DIR" : ""));
        }
        Instant when = instant();
        SignatureVerifier verifier = new SignatureVerifier(trust, node.signature().limits());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        for (Path f : files) {
            try {
                Document doc = parse(f);
                VerifiedSignature v = verifier.verify(SignatureVerifier.payloadOf(doc), when);
                out.println(f + ": " + v.describe());
            } catch (SignatureRejectedException e) {
                err.println(f + ": signature rejected (" + e.problem() + "): " + e.getMessage());
                failed++;
            } catch (UnreadableFile e) {
                err.println(e.getMessage());
                failed++;
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }

    private Instant instant() {
        if (at == null) {
            return Instant.now();
        }
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new ConfigException("--at: '" + at + "' is not an instant such as 2026-11-26T10:00:00Z");
        }
    }

    /** Parses without DOCTYPE: a DTD could declare IDs and change what a signature seems to cover. */
    private static Document parse(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            return SecureXml.documentBuilderRefusingDoctype().parse(in, f.toUri().toString());
        } catch (NoSuchFileException e) {
            throw new UnreadableFile(f + ": no such file");
        } catch (SAXParseException e) {
            throw new UnreadableFile(f + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": not well-formed XML, "
                    + "or it has a DOCTYPE (refused in signed documents): " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw new UnreadableFile(f + ": cannot read: " + e.getMessage());
        }
    }

    private static final class UnreadableFile extends RuntimeException {
        UnreadableFile(String message) {
            super(message);
        }
    }
}
