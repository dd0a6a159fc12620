package org.dossierlink.bulk;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.dossierlink.dialect.Dialect;
import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.signature.PayloadSigner;

/**
 * Writes a ZIP package as a stream, item by item: each dossier entry (and its content entries) goes into
 * the ZIP at once while its manifest line is spooled to a temporary file; {@link #finish()} then writes the
 * manifest entry (digesting it) and the detached signature over it. Memory stays bounded whatever the
 * number of items. Used by {@link PackageExporter}, and by whoever builds packages (tests, benchmark).
 * Not thread-safe.
 */
public final class PackageWriter implements AutoCloseable {

    /** A document's bytes to add with an item. */
    public record Content(String documentId, String mediaType, byte[] bytes) {
        public Content {
            Objects.requireNonNull(documentId, "documentId");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    private final ZipOutputStream zip;
    private final PayloadSigner signer;
    private final String sendingOffice;
    private final String packageId;
    private final Instant created;
    private final Instant since;
    private final Path spool;
    private final OutputStream spoolOut;
    private final ManifestWriter.Fragment items;
    private long seq;
    private long contents;
    private boolean finished;

    /**
     * @param out           where the ZIP goes (closed by {@link #finish()})
     * @param signer        signs the manifest
     * @param sendingOffice the manifest's pkg:sendingOffice
     * @param packageId     the manifest's pkg:packageId
     * @param created       the manifest's pkg:created
     * @param since         the manifest's pkg:since, or null
     */
    public PackageWriter(OutputStream out, PayloadSigner signer, String sendingOffice, String packageId, Instant created,
                         Instant since) throws IOException {
        this.zip = new ZipOutputStream(new BufferedOutputStream(out, 1 << 16));
        this.signer = Objects.requireNonNull(signer, "signer");
        this.sendingOffice = Objects.requireNonNull(sendingOffice, "sendingOffice");
        this.packageId = Objects.requireNonNull(packageId, "packageId");
        this.created = Objects.requireNonNull(created, "created");
        this.since = since;
        this.spool = Files.createTempFile("dossierlink-manifest-", ".items");
        this.spoolOut = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16);
        this.items = new ManifestWriter.Fragment(spoolOut);
    }

    /** Adds one dossier entry (path chosen from seq and {@code name}) with its documents' bytes; returns its seq. */
    public long add(String name, Dialect dialect, byte[] dossier, List<Content> documents) throws IOException {
        long s = seq + 1;
        String path = PackageFormat.DOSSIERS_FOLDER + String.format("%07d", s) + "-" + PackageExporter.safe(name) + ".xml";
        List<Manifest.Content> listed = new java.util.ArrayList<>(documents.size());
        for (Content c : documents) {
            String cpath = PackageFormat.DOCUMENTS_FOLDER + PackageExporter.safe(name) + "/" + PackageExporter.safe(c.documentId());
            listed.add(new Manifest.Content(c.documentId(), cpath, c.mediaType(), ContentDigest.sha256(c.bytes()),
                    c.bytes().length));
        }
        return addEntries(new Manifest.Item(s, path, dialect, ContentDigest.sha256(dossier), dossier.length, listed),
                dossier, documents);
    }

    /**
     * Adds an item exactly as given: {@code item}'s manifest line, and the entries' bytes (which need not match
     * it: for building bad packages in tests).
     */
    public long addEntries(Manifest.Item item, byte[] dossier, List<Content> documents) throws IOException {
        if (item.seq() != seq + 1) {
            throw new IllegalArgumentException("item seq " + item.seq() + " where " + (seq + 1) + " is next");
        }
        seq = item.seq();
        zip.putNextEntry(new ZipEntry(item.path()));
        zip.write(dossier);
        zip.closeEntry();
        for (int i = 0; i < item.contents().size() && i < documents.size(); i++) {
            zip.putNextEntry(new ZipEntry(item.contents().get(i).path()));
            zip.write(documents.get(i).bytes());
            zip.closeEntry();
            contents++;
        }
        items.item(item);
        return seq;
    }

    /** Adds an entry the manifest does not list (tests: such an entry is a rejected item). */
    public void addUnlisted(String path, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Items added so far. */
    public long items() {
        return seq;
    }

    /** Content entries added so far. */
    public long contents() {
        return contents;
    }

    /** Writes the manifest and its signature and closes the ZIP; returns the manifest's SHA-256 (hex). */
    public String finish() throws IOException {
        items.finish();
        spoolOut.close();
        MessageDigest md = PackageFiles.sha256();
        zip.putNextEntry(new ZipEntry(PackageFormat.MANIFEST_ENTRY));
        DigestOutputStream digesting = new DigestOutputStream(new Unclosed(zip), md);
        ManifestWriter mw = new ManifestWriter(digesting, new Manifest(sendingOffice, created, packageId, since, seq));
        mw.itemsFrom(spool);
        mw.finish();
        zip.closeEntry();
        byte[] digest = md.digest();
        zip.putNextEntry(new ZipEntry(PackageFormat.SIGNATURE_ENTRY));
        zip.write(signer.signDigest(PackageFormat.MANIFEST_URI, digest, false));
        zip.closeEntry();
        zip.close();
        finished = true;
        Files.deleteIfExists(spool);
        return HexFormat.of().formatHex(digest);
    }

    /** Without {@link #finish()}: drops the spool file and closes the ZIP (an incomplete package). */
    @Override
    public void close() throws IOException {
        if (!finished) {
            spoolOut.close();
            Files.deleteIfExists(spool);
            zip.close();
        }
    }

    /** Lets the manifest writer flush into the ZIP entry without closing the ZIP. */
    private static final class Unclosed extends java.io.FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
