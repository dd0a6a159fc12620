package org.dossierlink.bulk;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.dossierlink.dialect.Dialect;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore;
import org.dossierlink.dossier.StoredDocument;
import org.dossierlink.signature.PayloadSigner;

/**
 * Writes a package of everything changed since a time, for some offices, in a dialect, to an
 * OutputStream, streaming: the dossier entries (and, for canonical, each document's bytes) go into the
 * ZIP as they are read from the store, a page of applications at a time; the manifest's items are
 * spooled to a temporary file meanwhile (the item count heads the manifest), then the manifest entry is
 * written and digested, and the detached signature over it ({@link PayloadSigner#signDigest}) closes
 * the ZIP. Importing the package into an empty store gives an identical store (canonical dialect).
 * Thread-safe (one export per call).
 */
public final class PackageExporter {

    /** Applications read from the store per query. */
    static final int PAGE = 500;

    private final DossierStore store;
    private final ExportSource source;
    private final DialectConverter converter;
    private final PayloadSigner signer;
    private final String sendingOffice;
    private final Clock clock;

    /**
     * @param sendingOffice the ST.3 code this node's packages name as their sender
     */
    public PackageExporter(DossierStore store, ExportSource source, DialectConverter converter, PayloadSigner signer,
                           String sendingOffice, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.source = Objects.requireNonNull(source, "source");
        this.converter = Objects.requireNonNull(converter, "converter");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.sendingOffice = Objects.requireNonNull(sendingOffice, "sendingOffice");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Writes the package to {@code out} (closed at the end: the ZIP's central directory is its last bytes).
     *
     * @param progress told the number of items written so far, after each item
     */
    public ExportSummary export(ExportRequest request, OutputStream out, LongConsumer progress) throws IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(progress, "progress");
        if (!converter.supports(request.dialect(), DialectConverter.Direction.FROM_CANONICAL)) {
            throw new org.dossierlink.InvalidRequestException("cannot export to " + request.dialect().wireName()
                    + ": this build has no stylesheet from canonical to it", "dialect");
        }
        String packageId = request.packageId() == null ? UUID.randomUUID().toString() : request.packageId();
        Path spool = Files.createTempFile("dossierlink-manifest-", ".items");
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out, 1 << 16))) {
            long items = 0;
            long documents = 0;
            try (OutputStream itemsOut = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16)) {
                ManifestItems spooled = new ManifestItems(itemsOut);
                String after = null;
                List<String> keys;
                do {
                    keys = source.changedKeys(request.since(), request.offices(), after, PAGE);
                    for (Dossier d : store.findByApplicationKeys(keys)) {
                        items++;
                        documents += writeItem(zip, spooled, items, d, request.dialect());
                        progress.accept(items);
                    }
                    if (!keys.isEmpty()) {
                        after = keys.get(keys.size() - 1);
                    }
                } while (keys.size() == PAGE);
                spooled.finish();
            }
            Manifest header = new Manifest(sendingOffice, clock.instant(), packageId, request.since(), items);
            MessageDigest md = PackageFiles.sha256();
            zip.putNextEntry(new ZipEntry(PackageFormat.MANIFEST_ENTRY));
            DigestOutputStream digesting = new DigestOutputStream(new NonClosing(zip), md);
            ManifestWriter mw = new ManifestWriter(digesting, header);
            mw.itemsFrom(spool);
            mw.finish();
            digesting.flush();
            zip.closeEntry();
            byte[] manifestDigest = md.digest();
            zip.putNextEntry(new ZipEntry(PackageFormat.SIGNATURE_ENTRY));
            zip.write(signer.signDigest(PackageFormat.MANIFEST_URI, manifestDigest, false));
            zip.closeEntry();
            zip.finish();
            return new ExportSummary(packageId, items, documents, java.util.HexFormat.of().formatHex(manifestDigest));
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** Writes one dossier entry (and its documents' bytes for canonical); returns the number of documents. */
    private long writeItem(ZipOutputStream zip, ManifestItems spooled, long seq, Dossier d, Dialect dialect)
            throws IOException {
        String key = d.application().key();
        List<DocumentInfo> docs = store.documents(key);
        byte[] bytes = converter.fromCanonical(dialect, d, docs);
        String path = PackageFormat.DOSSIERS_FOLDER + String.format("%07d", seq) + "-" + safe(key) + ".xml";
        zip.putNextEntry(new ZipEntry(path));
        zip.write(bytes);
        zip.closeEntry();
        List<Manifest.Content> contents = new ArrayList<>();
        if (dialect == Dialect.CANONICAL) {
            for (DocumentInfo info : docs) {
                StoredDocument doc = store.document(key, info.id()).orElse(null);
                if (doc == null) {
                    continue;
                }
                String cpath = PackageFormat.DOCUMENTS_FOLDER + safe(key) + "/" + safe(info.id());
                zip.putNextEntry(new ZipEntry(cpath));
                zip.write(doc.content());
                zip.closeEntry();
                contents.add(new Manifest.Content(info.id(), cpath, info.mediaType(), ContentDigest.sha256(doc.content()),
                        doc.content().length));
            }
        }
        spooled.item(new Manifest.Item(seq, path, dialect, ContentDigest.sha256(bytes), bytes.length, contents));
        return contents.size();
    }

    /** An entry name segment from a key or document id: letters, digits, '.', '-' and '_' kept, the rest %XX. */
    static String safe(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || (c == '.' && sb.length() > 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    /** Spools manifest items, one {@code pkg:item} fragment per line group, to be copied into the manifest. */
    static final class ManifestItems {
        private final ManifestWriter.Fragment w;

        ManifestItems(OutputStream out) {
            this.w = new ManifestWriter.Fragment(out);
        }

        void item(Manifest.Item item) {
            w.item(item);
        }

        void finish() {
            w.finish();
        }
    }

    /** Lets a writer close its view of the ZIP entry without closing the ZIP. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
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
