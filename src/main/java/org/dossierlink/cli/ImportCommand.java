package org.dossierlink.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;

import org.dossierlink.bulk.ImportListener;
import org.dossierlink.bulk.ImportOptions;
import org.dossierlink.bulk.ImportProgress;
import org.dossierlink.bulk.ImportRun;
import org.dossierlink.bulk.ImportSummary;
import org.dossierlink.bulk.ImportTotals;
import org.dossierlink.bulk.ItemOutcome;
import org.dossierlink.bulk.ItemStatus;
import org.dossierlink.bulk.PackageForm;
import org.dossierlink.bulk.PackageImporter;
import org.dossierlink.bulk.ReceiptWriter;
import org.dossierlink.bulk.RunStatus;
import org.dossierlink.config.ConfigException;
import org.dossierlink.config.NodeConfig;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.dialect.DossierImporter;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.SignatureKeyException;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.signature.SigningKeystore;
import org.dossierlink.signature.TrustedCertificates;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.JdbcImportLedger;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dossierlink import FILE...}: loads dossier files and bulk packages into the store, idempotently.
 * A package (a ZIP, a {@code pkg:dossiers} file or concatenated XML documents) goes in item by item, each in
 * its own transaction, with a receipt; a plain dossier file as before, all of it or nothing. SIGTERM (or
 * Ctrl-C) stops a package after the current item; the same command resumes it.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Load dossier files and bulk packages into the store.",
                "A dossier file may be in any supported dialect: canonical (dos:dossier, dos:dossiers), st36, st96,",
                "ep-publication, ep-toc, docdb, ep-register, uspto, jpo, cnipa-old, cnipa-new (detected from each",
                "file); it is stored whole or not at all. A package is a ZIP with a signed manifest, a pkg:dossiers",
                "file, or several XML documents concatenated in one file (USPTO bulk style): each item is stored",
                "in its own transaction, a bad item is reported and the rest go on. Importing the same file twice",
                "changes nothing. An interrupted package import resumes where it stopped when run again.",
                "Exit status: 0 all stored, 2 some items were rejected, 1 a file was refused, 130/143 stopped."})
public final class ImportCommand implements Callable<Integer> {

    /** Rejected items printed on standard error; the receipt lists them all. */
    static final int MAX_REJECTIONS_SHOWN = 50;

    @Mixin
    NodeOptions node;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Dossier files or packages to import.")
    List<Path> files;

    @Option(names = "--receipt", paramLabel = "FILE",
            description = {"Write each package's signed receipt there (signed with the node's key,",
                    "signature.keystore). With several packages, FILE is a folder and each receipt is",
                    "named after its package: <package>.receipt.xml."})
    Path receipt;

    @Option(names = "--package",
            description = "Import a canonical dos:dossiers file as a package: one item per dossier, with a receipt.")
    boolean dossiersAsPackage;

    @Option(names = "--trust", paramLabel = "DIR",
            description = "Certificates trusted to sign package manifests; default: signature.trust (conf/trust).")
    Path trustDir;

    @Option(names = "--progress-every", paramLabel = "SECONDS", defaultValue = "10",
            description = {"Where standard error is not a terminal (a log, a pipe), write a package's progress",
                    "line at most every SECONDS; 0 writes one after every item. Default: ${DEFAULT-VALUE}."})
    int progressEverySeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (progressEverySeconds < 0) {
            throw new ConfigException("--progress-every " + progressEverySeconds + ": give 0 or more seconds");
        }
        NodeConfig config = node.config(null);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> packages = new ArrayList<>();
        for (Path f : files) {
            if (PackageImporter.formOf(f).isPresent() || (dossiersAsPackage && Files.isRegularFile(f))) {
                packages.add(f);
            }
        }
        if (receipt != null && packages.size() > 1 && !Files.isDirectory(receipt)) {
            throw new ConfigException("--receipt " + receipt + ": with " + packages.size()
                    + " packages, --receipt must name an existing folder (one receipt per package)");
        }
        NodeKeys nodeKeys = packages.isEmpty() ? null : NodeKeys.open(config, err);
        PayloadSigner signer = receipt == null || nodeKeys == null ? null : new PayloadSigner(nodeKeys.required());
        StopOnSignal stop = packages.isEmpty() ? null : StopOnSignal.install();
        int status = 0;
        try (JdbcDossierStore store = NodeOptions.openStore(config)) {
            NumberNormalizer normalizer = new NumberNormalizer();
            // compiled on first need: a package of canonical items needs no stylesheet
            DialectConverter[] compiled = new DialectConverter[1];
            java.util.function.Supplier<DialectConverter> converter = () -> {
                synchronized (compiled) {
                    if (compiled[0] == null) {
                        compiled[0] = new DialectConverter(normalizer);
                    }
                    return compiled[0];
                }
            };
            PackageImporter importer = packages.isEmpty() ? null : new PackageImporter(new JdbcImportLedger(store), converter,
                    normalizer, new SignatureVerifier(trust(config, nodeKeys), config.signature().limits()));
            for (Path f : files) {
                if (stop != null && stop.requested()) {
                    break;
                }
                if (!packages.contains(f)) {
                    try (Progress progress = Progress.of("import", "files", 1, err)) {
                        DossierImporter.Result r = new DossierImporter(store, normalizer, converter.get()).importFile(f);
                        out.printf("%s: %s, %d application(s): %d new, %d updated, %d unchanged%n",
                                f, r.dialect().wireName(), r.total(), r.inserted(), r.updated(), r.unchanged());
                        progress.advance(1);
                        progress.finish();
                    }
                    continue;
                }
                int s = importPackage(importer, store, signer, f, stop, out, err);
                status = Math.max(status, s);
            }
        } finally {
            if (stop != null) {
                stop.done();
            }
        }
        return status;
    }

    private int importPackage(PackageImporter importer, JdbcDossierStore store, PayloadSigner signer, Path f,
                              StopOnSignal stop, PrintWriter out, PrintWriter err) {
        Listener listener = new Listener(f, err, Duration.ofSeconds(progressEverySeconds));
        ImportSummary s;
        try {
            s = importer.importPackage(f, ImportOptions.defaults().withListener(listener)
                    .withCancellation(stop::requested).withDossiersFileAsPackage(dossiersAsPackage));
        } finally {
            listener.close();
        }
        ImportRun run = s.run();
        ImportTotals t = run.totals();
        String form = PackageImporter.formOf(f).map(PackageForm::wireName).orElse("dossiers file");
        out.printf("%s: %s package, %d item(s): %d stored, %d unchanged, %d replaced, %d rejected (ticket %s%s)%n",
                f, form, t.items(), t.stored(), t.unchanged(), t.replaced(), t.rejected(), run.ticket(),
                s.resumed() ? ", resumed after item " + s.resumedAfterSeq() : "");
        if (listener.rejected > MAX_REJECTIONS_SHOWN) {
            err.printf("%s: ... and %d more rejected item(s): the receipt lists them all%n", f,
                    listener.rejected - MAX_REJECTIONS_SHOWN);
        }
        if (signer != null) {
            Path target = Files.isDirectory(receipt) ? receipt.resolve(f.getFileName() + ".receipt.xml") : receipt;
            writeReceipt(new ReceiptWriter(new JdbcImportLedger(store), signer), run.ticket(), target);
            out.printf("%s: receipt written to %s%n", f, target);
        }
        if (run.status() == RunStatus.INTERRUPTED) {
            err.printf("%s: stopped after item %d%s (ticket %s); run the same import command again to resume from item %d%n",
                    f, run.lastSeq(), run.itemCount() == null ? "" : " of " + run.itemCount(), run.ticket(),
                    run.lastSeq() + 1);
            err.flush();
            return 130;
        }
        return t.rejected() > 0 ? 2 : 0;
    }

    private static void writeReceipt(ReceiptWriter writer, String ticket, Path target) {
        try {
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".receipt-", ".tmp");
            try (OutputStream o = Files.newOutputStream(tmp)) {
                writer.write(ticket, o);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConfigException("--receipt " + target + ": cannot write: " + e.getMessage());
        }
    }

    /**
     * What manifests are verified against: the folder named by --trust alone; else this node's own keys (so that
     * it takes back its own exports) and signature.trust.
     */
    private TrustedCertificates trust(NodeConfig config, NodeKeys nodeKeys) {
        if (trustDir == null && nodeKeys.keys() != null) {
            return TrustedCertificates.ofNodeAndFolder(nodeKeys.keys(), config.signature().trustDir());
        }
        Path dir = trustDir != null ? trustDir : config.signature().trustDir();
        try {
            return TrustedCertificates.load(dir);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + ": ZIP packages are verified against it"
                    + (trustDir == null ? " (signature.trust) and this node's own keys, which cannot be used ("
                    + nodeKeys.problem() + "); name a folder with --trust DIR" : ""));
        }
    }

    /** This node's signing keys, or why they cannot be opened (a receipt needs them; verifying may do without). */
    private record NodeKeys(SigningKeys keys, String problem) {
        static NodeKeys open(NodeConfig config, PrintWriter err) {
            try {
                return new NodeKeys(SigningKeystore.open(config.signature(), false, System::getenv, err::println), null);
            } catch (SignatureKeyException e) {
                return new NodeKeys(null, e.getMessage());
            }
        }

        SigningKeys required() {
            if (keys == null) {
                throw new ConfigException("--receipt: the receipt is signed with this node's key, which cannot be used: "
                        + problem);
            }
            return keys;
        }
    }

    /** Progress line and rejected items, as they come. */
    private static final class Listener implements ImportListener {
        private final Path file;
        private final PrintWriter err;
        private final Duration progressEvery;
        private Progress progress;
        int rejected;

        Listener(Path file, PrintWriter err, Duration progressEvery) {
            this.file = file;
            this.err = err;
            this.progressEvery = progressEvery;
        }

        @Override
        public void started(ImportRun run) {
            long total = run.itemCount() == null ? 0 : run.itemCount();
            if (run.lastSeq() > 0) {
                err.printf("%s: resuming import run %s after item %d%n", file, run.ticket(), run.lastSeq());
            } else {
                err.printf("%s: importing%s as run %s%n", file, total > 0 ? " " + total + " item(s)" : "", run.ticket());
            }
            err.flush();
            progress = Progress.of("import " + file.getFileName(), "items", total, err, progressEvery);
            progress.advance(run.lastSeq());
        }

        @Override
        public void itemDone(ImportProgress p, ItemOutcome o) {
            if (o.status() == ItemStatus.REJECTED && ++rejected <= MAX_REJECTIONS_SHOWN) {
                err.printf("%s: item %d (%s) rejected: %s%n", file, o.seq(), o.path(), o.reason());
            }
            progress.advance(1);
        }

        void close() {
            if (progress != null) {
                progress.finish();
                progress.close();
            }
        }
    }

    /**
     * Turns SIGTERM / SIGINT into a request to stop after the current item: the shutdown hook sets the flag
     * and waits (bounded) until the import has recorded where it stopped and printed how to resume.
     */
    static final class StopOnSignal {
        static final long WAIT_SECONDS = 60;
        private final AtomicBoolean requested = new AtomicBoolean();
        private final CountDownLatch finished = new CountDownLatch(1);
        private Thread hook;

        static StopOnSignal install() {
            StopOnSignal s = new StopOnSignal();
            s.hook = new Thread(() -> {
                s.requested.set(true);
                try {
                    s.finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "dossierlink-import-stop");
            Runtime.getRuntime().addShutdownHook(s.hook);
            return s;
        }

        boolean requested() {
            return requested.get();
        }

        void done() {
            finished.countDown();
            if (!requested.get()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutdown began meanwhile: the hook runs and finds the latch open
                }
            }
        }
    }
}
