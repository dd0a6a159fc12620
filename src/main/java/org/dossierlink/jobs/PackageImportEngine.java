package org.dossierlink.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

import org.dossierlink.bulk.ImportOptions;
import org.dossierlink.bulk.ImportSummary;

/**
 * What {@link BulkImports} needs of the bulk import: run (or resume) the import of a spooled package for
 * its submitter, and write a run's signed receipt. The composition root builds it from
 * {@link org.dossierlink.bulk}'s importer and receipt writer; {@link SubmitterLedger} holds each item to the
 * submitter's office.
 */
public interface PackageImportEngine {

    /**
     * Imports {@code file} (or resumes the unfinished run of the same package), with {@code options}' ticket,
     * listener and cancellation.
     */
    ImportSummary importPackage(Path file, Submission submission, ImportOptions options) throws IOException;

    /** Writes the signed receipt of the run {@code runTicket} to {@code out}, streaming. */
    void writeReceipt(String runTicket, OutputStream out) throws IOException;
}
