package org.dossierlink.jobs;

import java.io.IOException;
import java.io.OutputStream;

import org.dossierlink.access.Caller;
import org.dossierlink.bulk.ExportRequest;
import org.dossierlink.bulk.ExportSummary;

/** What {@link BulkExports} needs of the bulk export: write a signed package to a stream. */
@FunctionalInterface
public interface PackageExportEngine {

    /**
     * Writes the package {@code request} describes, with only the documents {@code caller} may see (see
     * {@link CallerVisibleStore}).
     */
    ExportSummary export(ExportRequest request, Caller caller, OutputStream out) throws IOException;
}
