package org.dossierlink.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.dossierlink.InvalidRequestException;
import org.dossierlink.bulk.ExportRequest;
import org.dossierlink.bulk.ExportSummary;
import org.dossierlink.bulk.PackageExporter;
import org.dossierlink.config.ConfigException;
import org.dossierlink.config.NodeConfig;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SigningKeystore;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.JdbcImportLedger;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dossierlink export [--office X]... [--since T] [--dialect D] -o PACKAGE}: a signed package of changes. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a package (ZIP with a manifest signed by the node's key) of every application",
                "changed since a time, for some offices, in a dialect. Canonical packages also carry the bytes of",
                "every document; importing one into an empty store gives an identical store."})
public final class ExportCommand implements Callable<Integer> {

    @Mixin
    NodeOptions node;

    @Option(names = "--office", paramLabel = "X", description = "Only applications of this office (ST.3 code); repeatable. Default: all.")
    List<String> offices;

    @Option(names = "--since", paramLabel = "T",
            description = "Only applications changed after T: 2026-11-01 (midnight UTC) or 2026-11-01T10:00:00Z. Default: all.")
    String since;

    @Option(names = "--dialect", paramLabel = "D", defaultValue = "canonical",
            description = "Dialect of the dossier entries (default: ${DEFAULT-VALUE}); see 'dossierlink transform --help'.")
    String dialect;

    @Option(names = "--sender", paramLabel = "OFFICE",
            description = "The manifest's sending office; default: the first of node.offices.")
    String sender;

    @Option(names = {"-o", "--output"}, paramLabel = "PACKAGE", required = true, description = "The package file to write.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        NodeConfig config = node.config(null);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Dialect d = Dialect.parse(dialect, "--dialect");
        Instant after = since == null ? null : parseSince(since);
        Set<String> officeSet = new LinkedHashSet<>();
        if (offices != null) {
            offices.forEach(o -> officeSet.add(o.trim().toUpperCase(Locale.ROOT)));
        }
        String from = sender != null ? sender : config.offices().isEmpty() ? null : config.offices().get(0);
        if (from == null) {
            throw new ConfigException("no sending office: set node.offices or give --sender OFFICE");
        }
        PayloadSigner signer = new PayloadSigner(SigningKeystore.open(config.signature(), false, System::getenv, err::println));
        Path target = output.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".part");
        ExportSummary summary;
        try (JdbcDossierStore store = NodeOptions.openStore(config)) {
            DialectConverter converter = new DialectConverter(new NumberNormalizer());
            PackageExporter exporter = new PackageExporter(store, new JdbcImportLedger(store), converter, signer, from,
                    Clock.systemUTC());
            try (Progress progress = Progress.of("export", "items", 0, err); OutputStream o = Files.newOutputStream(tmp)) {
                long[] last = {0};
                summary = exporter.export(new ExportRequest(after, officeSet, d, null), o, n -> {
                    progress.advance(n - last[0]);
                    last[0] = n;
                });
                progress.finish();
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        out.printf("%s: %d item(s), %d document(s), %s, package %s, manifest sha256 %s%n", output, summary.items(),
                summary.documents(), d.wireName(), summary.packageId(), summary.manifestSha256());
        return 0;
    }

    static Instant parseSince(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("--since '" + text + "' is neither a date (2026-11-01) nor a time with a zone"
                    + " (2026-11-01T10:00:00Z)", "since");
        }
    }
}
