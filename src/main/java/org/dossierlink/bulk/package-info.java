/**
 * Bulk dossier transfer: streaming package import and export, receipts, checkpoints.
 *
 * <p>Entry points:
 * <ul>
 * <li>{@link org.dossierlink.bulk.PackageImporter}: imports a package file (ZIP with a signed manifest, or
 * the concatenated XML form), one transaction per item, resumable after a crash;</li>
 * <li>{@link org.dossierlink.bulk.ImportRuns}: the run registry (status, counts and last committed seq of
 * each run, by ticket or package; the unfinished runs to resume at start-up);</li>
 * <li>{@link org.dossierlink.bulk.ReceiptWriter}: a run's signed receipt, streamed;</li>
 * <li>{@link org.dossierlink.bulk.PackageExporter}: everything changed since a time, as a signed package.</li>
 * </ul>
 * The format is {@code xsd/package.xsd} (README, "Bulk packages"). No CXF, Jetty or wire type here.
 */
package org.dossierlink.bulk;
