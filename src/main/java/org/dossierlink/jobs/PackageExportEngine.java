package org.dossierlink.jobs;

import java.io.IOException;
import java.io.OutputStream;

import org.dossierlink.bulk.ExportRequest;
import org.dossierlink.bulk.ExportSummary;

/** What {@link BulkExports} needs of the bulk export: write a signed package to a stream. */
@FunctionalInterface
public interface PackageExportEngine {

    ExportSummary export(ExportRequest request, OutputStream out) throws IOException;
}
