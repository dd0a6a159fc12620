package org.dossierlink.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Classification;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.LocalizedText;
import org.dossierlink.dossier.Party;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.dossier.Publication;
import org.dossierlink.family.FamilyLookup;
import org.dossierlink.family.FamilyType;
import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberType;

/**
 * Bulk load and family lookup rates of the store. Not a test (nothing runs it during the build):
 * <pre>
 *   mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *        org.dossierlink.store.StoreLoadBenchmark 1000000 [jdbc-url]
 * </pre>
 * Generates {@code n} applications in families of four (1.3 active priorities and 1.5 publications
 * per application on average), loads them with {@code saveAll} in calls of 10,000, then resolves
 * families by publication number from two threads (two rounds: the first one warms up). Without a URL it uses an H2 store in a
 * temporary folder.
 */
public final class StoreLoadBenchmark {

    private StoreLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("dossierlink-bench-");
        long t0 = System.nanoTime();
        try (JdbcDossierStore store = args.length > 1
                ? JdbcDossierStore.open(args[1], null, null) : JdbcDossierStore.open(StoreConfig.h2(dir))) {
            long opened = System.nanoTime();
            long claims = 0;
            long pubs = 0;
            List<Dossier> batch = new ArrayList<>(10_000);
            for (int i = 0; i < n; i++) {
                Dossier d = application(i);
                claims += d.priorityClaims().size();
                pubs += d.publications().size();
                batch.add(d);
                if (batch.size() == 10_000) {
                    store.saveAll(batch);
                    batch.clear();
                }
            }
            store.saveAll(batch);
            long loaded = System.nanoTime();
            double secs = (loaded - opened) / 1e9;
            System.out.printf("open and migrate: %.1f s%n", (opened - t0) / 1e9);
            System.out.printf("generated and loaded %,d applications (%,d priority claims, %,d publications)"
                    + " in %.1f s: %,.0f applications/s, %,.0f rows/s%n",
                    n, claims, pubs, secs, n / secs, (n + claims + pubs) / secs);

            FamilyLookup lookup = new FamilyLookup(store);
            // the first round warms the JIT and the page cache; the second is the one to read
            for (FamilyType type : List.of(FamilyType.SIMPLE, FamilyType.EXTENDED, FamilyType.SIMPLE,
                    FamilyType.EXTENDED)) {
                int perThread = 20_000;
                ExecutorService pool = Executors.newFixedThreadPool(2);
                long r0 = System.nanoTime();
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    int seed = t;
                    done.add(pool.submit(() -> {
                        Random random = new Random(seed);
                        int members = 0;
                        for (int k = 0; k < perThread; k++) {
                            int i = random.nextInt(n);
                            members += lookup.lookup(new NormalizedNumber("US", String.valueOf(2_000_000_000L + i),
                                    "A1", NumberType.PUBLICATION, "US" + i, null), type).members().size();
                        }
                        return members;
                    }));
                }
                long members = 0;
                for (Future<Integer> f : done) {
                    members += f.get();
                }
                pool.shutdown();
                double rs = (System.nanoTime() - r0) / 1e9;
                System.out.printf("%s family by publication: %,d lookups in %.1f s (2 threads): %,.0f/s,"
                        + " %.1f members each%n", type.wireName(), 2 * perThread, rs, 2 * perThread / rs,
                        members / (2.0 * perThread));
            }
        }
        try (var files = Files.walk(dir)) {
            List<Path> paths = files.sorted(java.util.Comparator.reverseOrder()).toList();
            System.out.printf("H2 files: %.0f MB (deleted)%n",
                    paths.stream().filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() / 1e6);
            for (Path p : paths) {
                Files.delete(p);
            }
        }
    }

    /** Application i: the four of a family claim one EP priority, 30% also a US provisional of the family. */
    static Dossier application(int i) {
        int family = i / 4;
        List<PriorityClaim> claims = new ArrayList<>(2);
        claims.add(new PriorityClaim(1, "EP", String.valueOf(10_000_000 + family), null, LocalDate.of(2010, 1, 1),
                PriorityKind.REGIONAL, true));
        if (i % 10 < 3) {
            claims.add(new PriorityClaim(2, "US", "2010" + (60_000_000 + family) + "P", null, LocalDate.of(2010, 2, 1),
                    PriorityKind.NATIONAL, true));
        }
        List<Publication> pubs = new ArrayList<>(2);
        pubs.add(new Publication("US", String.valueOf(2_000_000_000L + i), "A1", LocalDate.of(2012, 3, 8)));
        if (i % 2 == 0) {
            pubs.add(new Publication("US", String.valueOf(9_000_000 + i), "B2", LocalDate.of(2016, 3, 8)));
        }
        return new Dossier(new ApplicationRef("US", String.valueOf(201_100_000_000L + i), "A", null,
                LocalDate.of(2011, 6, 23)), pubs, claims,
                List.of(new LocalizedText("en", "Wireless device number " + i)),
                List.of(new Party(1, "Applicant " + (i % 1000), "US")), List.of(new Party(1, "Inventor " + i, "US")),
                List.of(new Classification(Classification.Scheme.CPC, "H04W 84/20")), List.of(),
                String.valueOf(family), "bench");
    }
}
