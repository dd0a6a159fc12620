package org.dossierlink.bench;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.dossierlink.bulk.ImportLedger;
import org.dossierlink.bulk.PackageForm;
import org.dossierlink.bulk.PackageIdentity;
import org.dossierlink.bulk.StagedRecord;
import org.dossierlink.dialect.CanonicalDossierXml;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.JdbcImportLedger;
import org.dossierlink.store.StoreConfig;
import org.dossierlink.validation.DossierValidator;
import org.dossierlink.validation.ValidationMode;
import org.dossierlink.validation.ValidationReport;

/**
 * The two per-item stages of a bulk import, measured apart in one JVM over the items of a package (issue 5):
 * validation ({@link DossierValidator}, tolerant, what the importer's reader thread does per item), the
 * canonical read, and the store's item transaction ({@link JdbcImportLedger#commit}) into an empty H2 store
 * and, when a URL is given, an empty PostgreSQL schema. Prints warm microseconds per item for each round.
 *
 * <pre>java -cp ... org.dossierlink.bench.BulkStageBench PACKAGE ITEMS ROUNDS H2_DIR|- [PG_URL]</pre>
 * Each store is measured twice, with {@link JdbcImportLedger#commit} per item and with the run's writer
 * ({@link JdbcImportLedger#items}); the word SCHEMA in PG_URL becomes {@code commit} and {@code writer}.
 * ({@code -}: the validation and the canonical read only)
 */
public final class BulkStageBench {

    /** CPU time of the measuring thread: on a loaded machine, wall time mostly measures the other processes. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path pkg = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Path h2 = Path.of(args[3]);
        String pg = args.length > 4 ? args[4] : null;
        List<byte[]> items = new ArrayList<>();
        try (ZipFile zip = new ZipFile(pkg.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements() && items.size() < n; ) {
                ZipEntry entry = e.nextElement();
                if (entry.isDirectory() || entry.getName().startsWith("META-INF/")) {
                    continue;
                }
                items.add(zip.getInputStream(entry).readAllBytes());
            }
        }
        DossierValidator validator = new DossierValidator();
        for (int r = 1; r <= rounds; r++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < items.size(); i++) {
                ValidationReport rep = validator.validate(items.get(i), "item " + i, Dialect.CANONICAL, ValidationMode.TOLERANT);
                if (!rep.valid()) {
                    throw new IllegalStateException("item " + i + " invalid: " + rep.toTextLines());
                }
            }
            long t1 = System.nanoTime();
            long c1 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < items.size(); i++) {
                CanonicalDossierXml.read(new ByteArrayInputStream(items.get(i)), "item " + i);
            }
            long t2 = System.nanoTime();
            long c2 = CPU.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "round %d: validate %.1f us/item (cpu %.1f), canonical read %.1f us/item (cpu %.1f)%n",
                    r, (t1 - t0) / 1e3 / items.size(), (c1 - c0) / 1e3 / items.size(), (t2 - t1) / 1e3 / items.size(),
                    (c2 - c1) / 1e3 / items.size());
        }
        List<List<StagedRecord>> staged = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<StagedRecord> recs = new ArrayList<>();
            for (CanonicalDossierXml.Entry e : CanonicalDossierXml.read(new ByteArrayInputStream(items.get(i)), "item " + i)) {
                recs.add(new StagedRecord(e.dossier(), List.of()));
            }
            staged.add(recs);
        }
        if (args[3].equals("-")) {
            return; // validation only
        }
        Files.createDirectories(h2);
        for (boolean writer : new boolean[] {false, true}) {
            Path dir = h2.resolve(writer ? "writer" : "commit");
            Files.createDirectories(dir);
            store("H2", StoreConfig.h2(dir), staged, rounds, writer);
        }
        if (pg != null) {
            for (boolean writer : new boolean[] {false, true}) {
                store("PostgreSQL", new StoreConfig(pg.replace("SCHEMA", writer ? "writer" : "commit"), null, null),
                        staged, rounds, writer);
            }
        }
    }

    /** The items split in ROUNDS slices, one run each into the same store: every item is new (stored). */
    private static void store(String label, StoreConfig config, List<List<StagedRecord>> staged, int rounds,
                              boolean writer) {
        JdbcDossierStore store = JdbcDossierStore.open(config);
        try {
            JdbcImportLedger ledger = new JdbcImportLedger(store);
            int slice = staged.size() / rounds;
            for (int r = 0; r < rounds; r++) {
                String ticket = UUID.randomUUID().toString();
                ledger.begin(ticket, new PackageIdentity(PackageForm.ZIP, "bench", UUID.randomUUID().toString()), "EP",
                        (long) slice, Instant.now());
                long c0 = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                if (writer) {
                    try (ImportLedger.Items items = ledger.items(ticket)) {
                        for (int i = 0; i < slice; i++) {
                            items.commit(i + 1, "item" + i, staged.get(r * slice + i));
                        }
                    }
                } else {
                    for (int i = 0; i < slice; i++) {
                        ledger.commit(ticket, i + 1, "item" + i, staged.get(r * slice + i));
                    }
                }
                long t1 = System.nanoTime();
                long c1 = CPU.getCurrentThreadCpuTime();
                System.out.printf(Locale.ROOT, "%s %s round %d: %.1f us/item (cpu of the committing thread %.1f)"
                        + " (%d items stored)%n", label, writer ? "run writer (items)" : "per-item commit", r + 1,
                        (t1 - t0) / 1e3 / slice, (c1 - c0) / 1e3 / slice, slice);
            }
        } finally {
            store.close();
        }
    }
}
