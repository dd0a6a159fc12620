/**
 * The node's background work on bulk packages submitted over SOAP: each upload spooled to a file in the
 * bulk work folder ({@link org.dossierlink.jobs.SubmissionStore}), imported by a bounded runner
 * ({@link org.dossierlink.jobs.BulkImports}: one or two at a time, a queue with a limit, unfinished imports
 * resumed at start-up, a stop that lets the running import commit its current item), and the exports
 * written to a temporary file to be streamed ({@link org.dossierlink.jobs.BulkExports}). The import and
 * export themselves are {@link org.dossierlink.bulk}'s. No CXF, Jetty or wire type here.
 */
package org.dossierlink.jobs;
