package org.dossierlink.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Objects;

import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.XMLGregorianCalendar;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;

import org.dossierlink.InvalidRequestException;
import org.dossierlink.access.Caller;
import org.dossierlink.jobs.BulkExports;
import org.dossierlink.jobs.BulkImports;
import org.dossierlink.jobs.ExportedPackage;
import org.dossierlink.jobs.PackageState;
import org.dossierlink.jobs.Submission;
import org.dossierlink.wire.messages.ExportChanges;
import org.dossierlink.wire.messages.ExportChangesResponse;
import org.dossierlink.wire.messages.GetPackageReceiptResponse;
import org.dossierlink.wire.messages.PackageProgressType;
import org.dossierlink.wire.messages.PackageStatusType;
import org.dossierlink.wire.messages.PackageTotalsType;
import org.dossierlink.wire.messages.SubmitPackage;
import org.dossierlink.wire.messages.SubmitPackageResponse;

/**
 * The bulk transfer operations in wire terms: SubmitPackage hands the uploaded package's stream to
 * {@link BulkImports} (which spools it) and answers the ticket; GetPackageReceipt reports
 * {@link BulkImports#state}, with the signed receipt as an MTOM attachment streamed from its file;
 * ExportChanges has {@link BulkExports} write the package to a temporary file and streams it as an MTOM
 * attachment (the file is deleted once sent). Nothing here holds a package or a receipt in memory.
 */
public final class BulkOperations {

    private final BulkImports imports;
    private final BulkExports exports;

    public BulkOperations(BulkImports imports, BulkExports exports) {
        this.imports = Objects.requireNonNull(imports, "imports");
        this.exports = Objects.requireNonNull(exports, "exports");
    }

    SubmitPackageResponse submit(SubmitPackage request, Caller caller) {
        DataHandler content = request.getPackage();
        if (content == null) {
            throw new InvalidRequestException("package is required: attach the ZIP or XML package (MTOM)", "package");
        }
        // a name for logs and the receipt: no control characters (no forged log lines)
        String name = request.getPackageName() == null || request.getPackageName().isBlank() ? null
                : request.getPackageName().replaceAll("\\p{Cntrl}", " ").trim();
        Submission s;
        try (InputStream in = content.getInputStream()) {
            s = imports.submit(in, caller, name);
        } catch (IOException e) {
            // the upload broke off, or CXF's attachment limit stopped it
            throw new InvalidRequestException("the package could not be received whole (" + e.getMessage()
                    + "); at most " + imports.settings().maxPackageBytes() + " bytes are accepted"
                    + " (bulk.max-package-bytes)", "package");
        }
        SubmitPackageResponse response = new SubmitPackageResponse();
        response.setTicket(s.ticket());
        response.setStatus(PackageStatusType.QUEUED);
        response.setSize(s.size());
        response.setSha256(s.sha256());
        response.setReceived(WireMapper.toWire(s.receivedAt()));
        return response;
    }

    GetPackageReceiptResponse receipt(String ticket, Caller caller) {
        PackageState state = imports.state(ticket, caller);
        Submission s = state.submission();
        GetPackageReceiptResponse response = new GetPackageReceiptResponse();
        response.setTicket(s.ticket());
        response.setStatus(PackageStatusType.fromValue(state.status().wireName()));
        response.setReason(state.reason());
        response.setSubmittedBy(s.submitter());
        response.setPackageName(s.packageName());
        response.setReceived(WireMapper.toWire(s.receivedAt()));
        if (state.completedAt() != null) {
            response.setCompleted(WireMapper.toWire(state.completedAt()));
        }
        PackageProgressType progress = new PackageProgressType();
        progress.setItemsDone(state.itemsDone());
        if (state.itemsTotal() >= 0) {
            progress.setItemsTotal(state.itemsTotal());
        }
        progress.setBytesDone(state.bytesDone());
        progress.setBytesTotal(state.bytesTotal());
        progress.setItemsPerSecond(state.itemsPerSecond());
        progress.setBytesPerSecond(state.bytesPerSecond());
        response.setProgress(progress);
        if (state.totals() != null) {
            PackageTotalsType totals = new PackageTotalsType();
            totals.setStored(state.totals().stored());
            totals.setUnchanged(state.totals().unchanged());
            totals.setReplaced(state.totals().replaced());
            totals.setRejected(state.totals().rejected());
            response.setTotals(totals);
        }
        if (state.receipt() != null) {
            response.setReceiptSha256(state.receiptSha256());
            response.setReceipt(new DataHandler(new FileSource(state.receipt(), "application/xml")));
        }
        return response;
    }

    ExportChangesResponse export(ExportChanges request, Caller caller) {
        ExportedPackage exported;
        try {
            exported = exports.export(caller, instant(request.getSince()), request.getOffice(),
                    WireMapper.fromWire(request.getDialect()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export package: " + e.getMessage(), e);
        }
        ExportChangesResponse response = new ExportChangesResponse();
        response.setPackageId(exported.packageId());
        response.setItemCount(exported.items());
        response.setSize(exported.size());
        response.setSha256(exported.sha256());
        response.setPackage(new DataHandler(new ExportSource(exported)));
        return response;
    }

    /** xs:dateTime as an instant; one written without a time zone is taken as UTC. */
    static Instant instant(XMLGregorianCalendar c) {
        if (c == null) {
            return null;
        }
        XMLGregorianCalendar utc = (XMLGregorianCalendar) c.clone();
        if (utc.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
            utc.setTimezone(0);
        }
        return utc.toGregorianCalendar().toInstant();
    }

    /** A file's bytes for an MTOM attachment. */
    private record FileSource(java.nio.file.Path file, String contentType) implements DataSource {
        @Override
        public InputStream getInputStream() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getName() {
            return file.getFileName().toString();
        }
    }

    /** The exported package, deleted once it has been read to its end and closed. */
    private record ExportSource(ExportedPackage exported) implements DataSource {
        @Override
        public InputStream getInputStream() throws IOException {
            return exported.open();
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return "application/zip";
        }

        @Override
        public String getName() {
            return exported.packageId() + ".zip";
        }
    }
}
