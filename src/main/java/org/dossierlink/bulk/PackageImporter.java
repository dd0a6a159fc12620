package org.dossierlink.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.dossierlink.DossierlinkException;
import org.dossierlink.dialect.CanonicalDossierXml;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.dialect.DialectDetector;
import org.dossierlink.dialect.DossierImporter;
import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.signature.SignatureRejectedException;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.validation.DossierValidator;
import org.dossierlink.validation.StreamingCheck;
import org.dossierlink.validation.ValidationIssue;
import org.dossierlink.validation.ValidationMode;
import org.dossierlink.validation.ValidationReport;
import org.dossierlink.xml.SecureXml;

/**
 * Imports a package file into the store, item by item, each in its own transaction
 * ({@link ImportLedger#commit}), in bounded memory (the ZIP read entry by entry through
 * {@link ZipFile}, the manifest with StAX, the concatenated form split as it is read).
 *
 * <p>A ZIP package's signature and manifest are verified, and the whole manifest read and checked,
 * before anything is committed; a failure refuses the package whole ({@link PackageRefusedException}).
 * Then each item's bytes are digested as they are read and compared with the manifest before its
 * transaction commits: a mismatch, an unreadable or unconvertible item, an item missing from the ZIP or
 * an entry the manifest does not list is a rejected item in the receipt, and the import goes on.
 *
 * <p>Every item (ZIP entry or item of the concatenated form) is validated against its dialect's XSD or
 * DTD by {@link DossierValidator} in {@link #VALIDATION_MODE tolerant} mode before it is converted, on the
 * reader thread: an invalid item is rejected with a reason quoting its first errors as
 * {@code line:col: message} and their count ({@link #invalidReason}), and the rest of the package goes on.
 * Tolerant, not strict, because six real OPS answers of the corpus (DOCDB and EP register) drift from
 * ops.xsd in known ways ({@link org.dossierlink.validation.DriftRule}); tolerant mode still reports every
 * other violation as an error.
 *
 * <p>An unfinished run of the same package (same manifest digest, or same file digest for the
 * concatenated form) is resumed after its last committed seq; a finished one is imported again as a new
 * run (then every item is UNCHANGED). Cancellation ({@link ImportOptions#cancelled()}) is checked before
 * every item: the run stops after the current one and stays resumable. Thread-safe (one import per call).
 */
public final class PackageImporter {

    /** How strictly items are validated: see the class comment. */
    public static final ValidationMode VALIDATION_MODE = ValidationMode.TOLERANT;
    /** How many errors a rejection quotes, and the longest reason it writes. */
    private static final int QUOTED_ERRORS = 3;
    private static final int MAX_REASON_CHARS = 600;

    private final ImportLedger ledger;
    private final DossierValidator validator = new DossierValidator();
    private final Supplier<DossierImporter> reader;
    private final SignatureVerifier verifier;

    /**
     * @param ledger     where items and their outcomes are committed
     * @param converter  the compiled dialect stylesheets
     * @param normalizer number normalisation (for the DOCDB reader)
     * @param verifier   checks the manifest signature against the node's trust store (signature.trust)
     */
    public PackageImporter(ImportLedger ledger, DialectConverter converter, NumberNormalizer normalizer,
                           SignatureVerifier verifier) {
        this(ledger, () -> converter, normalizer, verifier);
        Objects.requireNonNull(converter, "converter");
    }

    /**
     * As above, with the converter made on first need: a package of canonical items never compiles a
     * stylesheet (the CLI starts faster).
     */
    public PackageImporter(ImportLedger ledger, Supplier<DialectConverter> converter, NumberNormalizer normalizer,
                           SignatureVerifier verifier) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(converter, "converter");
        Objects.requireNonNull(normalizer, "normalizer");
        this.reader = new Supplier<>() {
            private volatile DossierImporter made;

            @Override
            public DossierImporter get() {
                DossierImporter r = made;
                if (r == null) {
                    synchronized (this) {
                        if (made == null) {
                            made = new DossierImporter(null, normalizer, converter.get());
                        }
                        r = made;
                    }
                }
                return r;
            }
        };
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * Which package form a file is, or empty when it is a plain dossier file: a ZIP (starts with
     * {@code PK\3\4}) is a package; an XML file is the concatenated form when its root is
     * {@code pkg:dossiers} or when it holds more than one XML declaration (USPTO-style concatenation).
     */
    public static Optional<PackageForm> formOf(Path file) {
        return PackageFiles.formOf(file);
    }

    /**
     * Imports (or resumes) the package in {@code file}.
     *
     * @return the run as it ended: COMPLETED, or INTERRUPTED when cancelled
     * @throws PackageRefusedException when the package is refused whole (a REFUSED run is recorded when
     *                                 the package could be identified); nothing of it was stored
     */
    public ImportSummary importPackage(Path file, ImportOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        if (!Files.isRegularFile(file)) {
            throw new PackageRefusedException(file + ": no such file");
        }
        Optional<PackageForm> form = formOf(file);
        if (form.isEmpty() && options.treatDossiersFileAsPackage()) {
            form = Optional.of(PackageForm.CONCATENATED);
        }
        if (form.isEmpty()) {
            throw new PackageRefusedException(file + ": not a package (neither a ZIP nor a pkg:dossiers file nor"
                    + " concatenated XML documents)");
        }
        try {
            return form.get() == PackageForm.ZIP ? importZip(file, options) : importConcatenated(file, options);
        } catch (PackageRefusedException e) {
            recordRefusal(file, form.get(), options, e);
            throw e;
        }
    }

    /**
     * With a ticket given (SubmitPackage's), a refused package leaves a REFUSED run under it, so whoever asks
     * for the ticket's receipt learns why; identified by the whole file's SHA-256.
     */
    private void recordRefusal(Path file, PackageForm form, ImportOptions options, PackageRefusedException e) {
        if (options.ticket() == null || ledger.byTicket(options.ticket()).isPresent()) {
            return;
        }
        String sha;
        try (InputStream in = Files.newInputStream(file)) {
            sha = PackageFiles.sha256(in);
        } catch (IOException io) {
            e.addSuppressed(io);
            return;
        }
        ledger.begin(options.ticket(), new PackageIdentity(form, null, sha), null, null, Instant.now());
        ledger.finish(options.ticket(), RunStatus.REFUSED, 0L, e.getMessage());
    }

    // ------------------------------------------------------------------ ZIP

    /**
     * The manifest's pre-pass: puts every path it lists (items and their contents) into {@code listed} and
     * returns its header; refuses the package when a path is listed twice. The paths are held as digests, so
     * that a manifest of millions of items fits the heap; a digest seen twice is only a suspicion, confirmed on
     * the paths themselves by a second pass ({@link #listedTwice}) that holds just the suspects.
     */
    static Manifest readListed(ZipPackage pkg, PathSet listed, Path file) throws IOException {
        Manifest header;
        Set<String> suspects = new HashSet<>();
        try (ManifestReader m = pkg.manifest()) {
            header = m.header();
            firstListed(m, path -> {
                if (!listed.add(path)) {
                    suspects.add(path);
                }
                return false;
            });
        }
        String twice = suspects.isEmpty() ? null : listedTwice(pkg, suspects);
        if (twice != null) {
            throw new PackageRefusedException(file + ": " + PackageFormat.MANIFEST_ENTRY + ": entry " + twice
                    + " is listed twice");
        }
        return header;
    }

    /**
     * The first path, in manifest order, that the manifest lists a second time, among {@code suspects} (paths
     * whose digest was seen before theirs in the pre-pass); null when none is (the digests collided by chance).
     */
    private static String listedTwice(ZipPackage pkg, Set<String> suspects) throws IOException {
        Set<String> seen = new HashSet<>();
        try (ManifestReader m = pkg.manifest()) {
            return firstListed(m, path -> suspects.contains(path) && !seen.add(path));
        }
    }

    /**
     * Walks the paths the manifest lists after its header, each item's then its contents', in order; the first
     * for which {@code found} is true, or null after the last.
     */
    private static String firstListed(ManifestReader m, java.util.function.Predicate<String> found) {
        for (Manifest.Item item = m.next(); item != null; item = m.next()) {
            if (found.test(item.path())) {
                return item.path();
            }
            for (Manifest.Content c : item.contents()) {
                if (found.test(c.path())) {
                    return c.path();
                }
            }
        }
        return null;
    }

    private ImportSummary importZip(Path file, ImportOptions options) {
        long fileSize = size(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipPackage pkg = new ZipPackage(zip, file.toString());
            String manifestSha = pkg.verifiedManifestDigest(verifier);
            PathSet listed = new PathSet();
            Manifest header = readListed(pkg, listed, file);
            List<String> unlisted = pkg.unlistedEntries(listed::contains);
            listed = null; // not needed any more: let it go before the items are read
            PackageIdentity identity = new PackageIdentity(PackageForm.ZIP, header.packageId(), manifestSha);
            Start start = start(identity, header.sendingOffice(), header.itemCount() + unlisted.size(), options);
            Run run = new Run(start, options, header.itemCount() + unlisted.size(), fileSize);
            try (ManifestReader m = pkg.manifest();
                 ItemPipeline items = new ItemPipeline(() -> {
                     for (Manifest.Item item = m.next(); item != null; item = m.next()) {
                         if (item.seq() > start.afterSeq) {
                             return prepare(pkg, item);
                         }
                     }
                     return null;
                 }, file.getFileName().toString())) {
                ImportSummary stopped = commitAll(items, run);
                if (stopped != null) {
                    return stopped;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return run.interrupted(run.lastSeq());
            }
            long seq = header.itemCount();
            for (String path : unlisted) {
                seq++;
                if (seq <= start.afterSeq) {
                    continue;
                }
                if (run.cancelled()) {
                    return run.interrupted(seq - 1);
                }
                run.done(0, ledger.reject(run.ticket, seq, path, null, "entry " + path + " is not listed in the manifest"));
            }
            return run.completed();
        } catch (ZipException e) {
            throw new PackageRefusedException(file + ": not a readable ZIP: " + e.getMessage());
        } catch (IOException e) {
            throw new PackageRefusedException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Reads, checks and converts one item (on the reader thread); nothing is stored here. */
    private ItemPipeline.Prepared prepare(ZipPackage pkg, Manifest.Item item) {
        long seq = item.seq();
        String path = item.path();
        ZipEntry entry = pkg.entry(path);
        if (entry == null) {
            return rejected(seq, path, null, "entry " + path + " is listed in the manifest but not in the ZIP", 0, 0);
        }
        long compressed = Math.max(0, entry.getCompressedSize());
        String application = null;
        try {
            byte[] bytes = pkg.read(entry, item.size(), item.sha256(), BulkLimits.MAX_ITEM_BYTES);
            if (item.dialect() != Dialect.CANONICAL) {
                // canonical entries are checked by the canonical reader itself (namespace and root)
                Dialect detected = DialectDetector.detect(new java.io.ByteArrayInputStream(bytes), path).dialect();
                if (detected != item.dialect()) {
                    return rejected(seq, path, null, "the manifest says dialect " + item.dialect().wireName()
                            + " but the entry is " + detected.wireName(), bytes.length, compressed);
                }
            }
            List<CanonicalDossierXml.Entry> entries = records(item.dialect(), bytes, path);
            application = keys(entries);
            Map<String, byte[]> contents = new HashMap<>();
            long size = bytes.length;
            for (Manifest.Content c : item.contents()) {
                ZipEntry ce = pkg.entry(c.path());
                if (ce == null) {
                    return rejected(seq, path, application, "content entry " + c.path() + " of document "
                            + c.documentId() + " is not in the ZIP", size, compressed);
                }
                byte[] content = pkg.read(ce, c.size(), c.sha256(), BulkLimits.MAX_CONTENT_BYTES);
                contents.put(c.documentId(), content);
                size += content.length;
                compressed += Math.max(0, ce.getCompressedSize());
            }
            List<StagedRecord> staged = stage(entries, contents, path);
            return new ItemPipeline.Prepared(seq, path, staged, ledger.prepare(staged), application, null, size,
                    compressed);
        } catch (ItemRejected | DossierlinkException | IllegalArgumentException e) {
            return rejected(seq, path, application, e.getMessage(), item.size(), compressed);
        }
    }

    private static ItemPipeline.Prepared rejected(long seq, String path, String application, String reason, long bytes,
                                                  long progressBytes) {
        return new ItemPipeline.Prepared(seq, path, null, null, application, reason == null ? "rejected" : reason,
                bytes, progressBytes);
    }

    /** Commits a prepared item (on the importing thread, in seq order). */
    private static ItemOutcome commit(ImportLedger.Items items, ItemPipeline.Prepared p) {
        if (p.rejected()) {
            return items.reject(p.seq(), p.path(), p.application(), p.reason());
        }
        try {
            return items.commit(p.seq(), p.path(), p.records(), p.stored());
        } catch (DossierlinkException | IllegalArgumentException e) {
            // the store refused the record (a priority number it cannot index, say): this item only
            return items.reject(p.seq(), p.path(), p.application(), e.getMessage());
        }
    }

    /**
     * The item's records with the documents whose bytes came with it; each content must belong to a
     * document of the record's list, with the same digest and size.
     */
    static List<StagedRecord> stage(List<CanonicalDossierXml.Entry> entries, Map<String, byte[]> contents,
                                    String path) {
        List<StagedRecord> out = new ArrayList<>(entries.size());
        Set<String> used = new HashSet<>();
        for (CanonicalDossierXml.Entry e : entries) {
            List<StagedRecord.Document> docs = new ArrayList<>();
            for (DocumentInfo info : e.documents()) {
                byte[] content = contents.get(info.id());
                if (content == null) {
                    continue;
                }
                if (!info.sha256().equals(ContentDigest.sha256(content)) || info.size() != content.length) {
                    throw new ItemRejected("document " + info.id() + " of " + e.dossier().application().key()
                            + ": the record's sha256/size do not match its content entry");
                }
                used.add(info.id());
                docs.add(new StagedRecord.Document(info, content));
            }
            out.add(new StagedRecord(e.dossier(), docs));
        }
        for (String id : contents.keySet()) {
            if (!used.contains(id)) {
                throw new ItemRejected("content of document " + id + " is in the manifest, but no record of " + path
                        + " lists that document");
            }
        }
        return out;
    }

    /**
     * Validates the item against its dialect's schema, then reads its records (converted to canonical). A
     * canonical item is first read once with the validation riding on that parse ({@link #readChecked}); only
     * when that check is not clean is it validated and read the usual way, apart, which gives the same records
     * or the same rejection as if the fast path did not exist.
     */
    private List<CanonicalDossierXml.Entry> records(Dialect dialect, byte[] bytes, String name) {
        if (dialect == Dialect.CANONICAL) {
            List<CanonicalDossierXml.Entry> checked = readChecked(bytes, name);
            if (checked != null) {
                return checked;
            }
        }
        ValidationReport report = validator.validate(bytes, name, dialect, VALIDATION_MODE);
        if (!report.valid()) {
            throw new ItemRejected(invalidReason(report));
        }
        if (dialect == Dialect.CANONICAL) {
            return CanonicalDossierXml.read(new java.io.ByteArrayInputStream(bytes), name);
        }
        List<CanonicalDossierXml.Entry> out = new ArrayList<>();
        for (Dossier d : reader.get().read(dialect, new java.io.ByteArrayInputStream(bytes), name)) {
            out.add(new CanonicalDossierXml.Entry(d, List.of()));
        }
        if (out.isEmpty()) {
            throw new ItemRejected(name + ": holds no dossier record");
        }
        return out;
    }

    /**
     * A canonical item's records, read in one parse that also validates it against the canonical XSD; null
     * when the check is not clean (an invalid item, a schema hint, a DTD, a warning, a read that failed):
     * then the caller validates and reads it apart.
     */
    private List<CanonicalDossierXml.Entry> readChecked(byte[] bytes, String name) {
        XMLStreamReader r = null;
        try {
            r = SecureXml.inputFactory().createXMLStreamReader(new java.io.ByteArrayInputStream(bytes));
            StreamingCheck check = validator.checking(r, Dialect.CANONICAL);
            List<CanonicalDossierXml.Entry> entries = CanonicalDossierXml.read(check, name);
            return check.finish() && !entries.isEmpty() ? entries : null;
        } catch (XMLStreamException | RuntimeException e) {
            return null; // the usual path says what is wrong, in its own words
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing is held
                }
            }
        }
    }

    /**
     * {@code not valid against xsd/dossier.xsd (tolerant): 2 error(s): 3:14: message; 5:2: message}: the
     * first {@value #QUOTED_ERRORS} errors, the whole bounded to {@value #MAX_REASON_CHARS} characters.
     */
    static String invalidReason(ValidationReport report) {
        List<ValidationIssue> errors = report.errors();
        StringBuilder sb = new StringBuilder("not valid against ")
                .append(report.schema() == null ? "its dialect (well-formedness)" : report.schema())
                .append(" (").append(report.mode().wireName()).append("): ")
                .append(errors.size()).append(report.truncated() ? "+" : "").append(" error(s): ");
        for (int i = 0; i < Math.min(QUOTED_ERRORS, errors.size()); i++) {
            ValidationIssue e = errors.get(i);
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(e.line()).append(':').append(e.column()).append(": ").append(e.message());
        }
        if (errors.size() > QUOTED_ERRORS) {
            sb.append("; ...");
        }
        return sb.length() > MAX_REASON_CHARS ? sb.substring(0, MAX_REASON_CHARS - 3) + "..." : sb.toString();
    }

    private static String keys(List<CanonicalDossierXml.Entry> entries) {
        StringBuilder sb = new StringBuilder();
        for (CanonicalDossierXml.Entry e : entries) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(e.dossier().application().key());
        }
        return sb.length() > 400 ? sb.substring(0, 400) : sb.toString();
    }

    // ------------------------------------------------------------------ concatenated

    private ImportSummary importConcatenated(Path file, ImportOptions options) {
        long fileSize = size(file);
        String sha;
        try (InputStream in = Files.newInputStream(file)) {
            sha = PackageFiles.sha256(in);
        } catch (IOException e) {
            throw new PackageRefusedException(file + ": cannot read: " + e.getMessage());
        }
        PackageIdentity identity = new PackageIdentity(PackageForm.CONCATENATED, null, sha);
        Start start = start(identity, null, null, options);
        Run run = new Run(start, options, -1, fileSize);
        long[] count = {0};
        try (ConcatenatedReader reader = ConcatenatedReader.open(file, options.treatDossiersFileAsPackage());
             ItemPipeline items = new ItemPipeline(() -> {
                 for (ConcatenatedReader.Item item = reader.next(); item != null; item = reader.next()) {
                     count[0] = item.seq();
                     if (item.seq() > start.afterSeq) {
                         return prepare(file, item);
                     }
                 }
                 return null;
             }, file.getFileName().toString())) {
            ImportSummary stopped = commitAll(items, run);
            if (stopped != null) {
                return stopped;
            }
            run.itemCount = Math.max(count[0], run.itemsDone);
        } catch (IOException e) {
            throw new PackageRefusedException(file + ": cannot read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return run.interrupted(run.lastSeq());
        }
        return run.completed();
    }

    /**
     * Commits the pipeline's items in order, each in its own transaction, until there are no more (null) or
     * the run is cancelled (the run, interrupted after the last committed item).
     */
    private ImportSummary commitAll(ItemPipeline items, Run run) throws InterruptedException {
        try (ImportLedger.Items writer = ledger.items(run.ticket)) {
            for (ItemPipeline.Prepared p = items.take(); p != null; p = items.take()) {
                if (run.cancelled()) {
                    return run.interrupted(p.seq() - 1);
                }
                run.done(p.progressBytes(), commit(writer, p));
            }
        }
        return null;
    }

    private ItemPipeline.Prepared prepare(Path file, ConcatenatedReader.Item item) {
        String path = "#" + item.seq() + " (line " + item.line() + ")";
        if (item.problem() != null) {
            return rejected(item.seq(), path, null, item.problem(), 0, item.endOffset());
        }
        String application = null;
        try {
            String name = file.getFileName() + " item " + item.seq() + " (line " + item.line() + ")";
            Dialect dialect = DialectDetector.detect(new java.io.ByteArrayInputStream(item.bytes()), name).dialect();
            List<CanonicalDossierXml.Entry> entries = records(dialect, item.bytes(), name);
            application = keys(entries);
            List<StagedRecord> staged = stage(entries, Map.of(), path);
            return new ItemPipeline.Prepared(item.seq(), path, staged, ledger.prepare(staged), application, null,
                    item.bytes().length, item.endOffset());
        } catch (ItemRejected | DossierlinkException | IllegalArgumentException e) {
            return rejected(item.seq(), path, application, e.getMessage(), item.bytes().length, item.endOffset());
        }
    }

    // ------------------------------------------------------------------ runs

    /** The run an import continues (resumed) or begins. */
    private record Start(ImportRun run, long afterSeq, boolean resumed) {
    }

    private Start start(PackageIdentity identity, String office, Long itemCount, ImportOptions options) {
        Optional<ImportRun> latest = ledger.latestByPackage(identity.sha256());
        if (latest.isPresent() && !latest.get().status().finished()) {
            ImportRun resumed = ledger.resume(latest.get().ticket());
            options.listener().started(resumed);
            return new Start(resumed, resumed.lastSeq(), true);
        }
        String ticket = options.ticket() == null ? UUID.randomUUID().toString() : options.ticket();
        ImportRun run = ledger.begin(ticket, identity, office, itemCount, Instant.now());
        options.listener().started(run);
        return new Start(run, 0, false);
    }

    /** One run's progress while it is imported. */
    private final class Run {
        final String ticket;
        final Start start;
        final ImportOptions options;
        long itemCount;
        final long bytesTotal;
        long itemsDone;
        long bytesDone;
        ImportTotals totals;

        Run(Start start, ImportOptions options, long itemCount, long bytesTotal) {
            this.ticket = start.run.ticket();
            this.start = start;
            this.options = options;
            this.itemCount = itemCount;
            this.bytesTotal = bytesTotal;
            this.itemsDone = start.afterSeq;
            this.totals = start.run.totals();
        }

        boolean cancelled() {
            return options.cancelled().getAsBoolean();
        }

        /** {@code bytes}: compressed bytes consumed (ZIP), or the file offset reached (concatenated). */
        void done(long bytes, ItemOutcome outcome) {
            itemsDone++;
            bytesDone = itemCount < 0 ? bytes : bytesDone + bytes;
            totals = totals.plus(outcome.status());
            options.listener().itemDone(new ImportProgress(ticket, itemsDone, itemCount, bytesDone, bytesTotal, totals),
                    outcome);
        }

        ImportSummary interrupted(long lastSeq) {
            ImportRun run = ledger.finish(ticket, RunStatus.INTERRUPTED, itemCount < 0 ? null : itemCount,
                    "stopped on request after item " + lastSeq);
            return new ImportSummary(run, start.resumed, start.afterSeq);
        }

        long lastSeq() {
            return itemsDone;
        }

        ImportSummary completed() {
            ImportRun run = ledger.finish(ticket, RunStatus.COMPLETED, itemsDone, null);
            return new ImportSummary(run, start.resumed, start.afterSeq);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw new PackageRefusedException(file + ": no such file");
        } catch (IOException e) {
            throw new PackageRefusedException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** One item is rejected; the reason goes to the receipt. */
    static final class ItemRejected extends RuntimeException {
        ItemRejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** For messages: a signature problem as one line. */
    static String describe(SignatureRejectedException e) {
        return e.problem() + ": " + e.getMessage();
    }
}
