package org.dossierlink.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongConsumer;

import org.dossierlink.InvalidRequestException;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore;
import org.dossierlink.dossier.StoredDocument;
import org.dossierlink.signature.PayloadSigner;

/**
 * Writes a package of everything changed since a time, for some offices, in a dialect, to an
 * OutputStream, streaming ({@link PackageWriter}): the applications are read from the store a page at a
 * time, in key order, each converted and written as one entry (for canonical, with each document's bytes),
 * then the signed manifest closes the ZIP. Importing the package into an empty store gives an identical
 * store (canonical dialect: records, document lists, document bytes). Thread-safe (one export per call).
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
     * @throws InvalidRequestException when this build cannot write that dialect
     */
    public ExportSummary export(ExportRequest request, OutputStream out, LongConsumer progress) throws IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(progress, "progress");
        Dialect dialect = request.dialect();
        if (!converter.supports(dialect, DialectConverter.Direction.FROM_CANONICAL)) {
            throw new InvalidRequestException("cannot export to " + dialect.wireName()
                    + ": this build has no stylesheet from canonical to it", "dialect");
        }
        String packageId = request.packageId() == null ? UUID.randomUUID().toString() : request.packageId();
        try (PackageWriter writer = new PackageWriter(out, signer, sendingOffice, packageId, clock.instant(),
                request.since())) {
            String after = null;
            List<String> keys;
            do {
                keys = source.changedKeys(request.since(), request.offices(), after, PAGE);
                for (Dossier d : store.findByApplicationKeys(keys)) {
                    String key = d.application().key();
                    List<DocumentInfo> docs = store.documents(key);
                    List<PackageWriter.Content> contents = new ArrayList<>();
                    if (dialect == Dialect.CANONICAL) {
                        for (DocumentInfo info : docs) {
                            StoredDocument doc = store.document(key, info.id()).orElse(null);
                            if (doc != null) {
                                contents.add(new PackageWriter.Content(info.id(), info.mediaType(), doc.content()));
                            }
                        }
                    }
                    writer.add(key, dialect, converter.fromCanonical(dialect, d, docs), contents);
                    progress.accept(writer.items());
                }
                if (!keys.isEmpty()) {
                    after = keys.get(keys.size() - 1);
                }
            } while (keys.size() == PAGE);
            long documents = writer.contents();
            String manifestSha = writer.finish();
            return new ExportSummary(packageId, writer.items(), documents, manifestSha);
        }
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
}
