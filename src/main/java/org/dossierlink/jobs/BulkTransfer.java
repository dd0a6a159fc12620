package org.dossierlink.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;

import org.dossierlink.access.AccessGate;
import org.dossierlink.bulk.ImportOptions;
import org.dossierlink.bulk.ImportSummary;
import org.dossierlink.bulk.PackageExporter;
import org.dossierlink.bulk.PackageImporter;
import org.dossierlink.bulk.ReceiptWriter;
import org.dossierlink.config.BulkSettings;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.operator.NodeMetrics;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.TrustedCertificates;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.JdbcImportLedger;

/**
 * A serving node's bulk transfer, put together: the submissions in the work folder, the import runner over
 * {@link PackageImporter} (each package's items held to its submitter by {@link SubmitterLedger}), the
 * receipts by {@link ReceiptWriter}, the exports by {@link PackageExporter}. {@link #start()} resumes the
 * unfinished imports; {@link #stop(Duration)} lets the running ones commit their current item and stop.
 */
public final class BulkTransfer implements AutoCloseable {

    private final SubmissionStore submissions;
    private final BulkImports imports;
    private final BulkExports exports;

    /**
     * @param trustDir      certificates trusted for packages' manifest signatures besides this node's own
     *                      ({@code signature.trust}); a missing folder trusts only this node's keys
     * @param knownOffices  the offices that may share dossiers with a caller (the offices file's)
     * @param sendingOffice the office this node's exported packages name as their sender
     */
    public BulkTransfer(JdbcDossierStore store, DialectConverter converter, NumberNormalizer normalizer,
                        PayloadSigner signer, Path trustDir, VerificationLimits limits, AccessGate gate,
                        Collection<String> knownOffices, String sendingOffice, BulkSettings settings, Path workDir,
                        NodeMetrics metrics, Clock clock) {
        JdbcImportLedger ledger = new JdbcImportLedger(store);
        SignatureVerifier verifier = new SignatureVerifier(TrustedCertificates.ofNodeAndFolder(signer.keys(), trustDir), limits);
        ReceiptWriter receipts = new ReceiptWriter(ledger, signer);
        this.submissions = new SubmissionStore(workDir);
        PackageImportEngine engine = new PackageImportEngine() {
            @Override
            public ImportSummary importPackage(Path file, Submission submission, ImportOptions options) {
                PackageImporter importer = new PackageImporter(new SubmitterLedger(ledger,
                        submission.unrestricted() ? null : submission.submitter()), converter, normalizer, verifier);
                return importer.importPackage(file, options.withDossiersFileAsPackage(true));
            }

            @Override
            public void writeReceipt(String runTicket, OutputStream out) throws IOException {
                receipts.write(runTicket, out);
            }
        };
        this.imports = new BulkImports(submissions, ledger, engine, settings, metrics, clock);
        this.exports = new BulkExports((request, caller, out) -> new PackageExporter(
                new CallerVisibleStore(store, gate, caller), ledger, converter, signer, sendingOffice, clock)
                .export(request, out, written -> { }), gate, knownOffices, submissions.exportsDir(), metrics);
    }

    /** Resumes the unfinished imports; returns how many. */
    public int start() {
        return imports.resumeUnfinished();
    }

    public BulkImports imports() {
        return imports;
    }

    public BulkExports exports() {
        return exports;
    }

    /** Where CXF spools a large upload's attachment while it arrives. */
    public Path spoolDir() {
        return submissions.incomingDir();
    }

    /** Asks the running imports to stop after their current item, at once; {@link #stop} waits for them. */
    public void beginStop() {
        imports.beginStop();
    }

    /** Stops the imports: see {@link BulkImports#stop(Duration)}. */
    public boolean stop(Duration timeout) {
        return imports.stop(timeout);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }
}
