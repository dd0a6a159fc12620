package org.dossierlink.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.dossierlink.cli.Progress;
import org.dossierlink.config.NodeConfig;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.LocalizedText;
import org.dossierlink.dossier.Party;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.dossier.Publication;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.number.NumberType;
import org.dossierlink.store.JdbcDossierStore;

/**
 * Generates a synthetic store of patent families for the load benchmark.
 *
 * <p>Families follow the shape of real data: half are single applications, 93% have one to five
 * members, 6.5% six to twenty, 0.45% up to a hundred, and one in five thousand reaches several
 * hundred (large US continuation and worldwide families). A query picks an application, not a
 * family, so large families weigh in proportion to their size: about a tenth of the queries land
 * in a family of more than twenty. The first filing of each family is its priority; later
 * members claim it, and one in a hundred also claims the first filing of another family (which
 * joins the two in an extended family). Numbers follow each
 * office's DOCDB format (US year+series+serial, EP YY+serial, JP and KR year+serial, CN 12 digits,
 * WO year+country+serial), and a query file lists numbers in the offices' written forms.
 *
 * <pre>java -cp ... org.dossierlink.bench.SyntheticStoreGenerator DATA_DIR APPLICATIONS QUERY_FILE [JDBC_URL]</pre>
 */
public final class SyntheticStoreGenerator {

    private static final String[] OFFICES = {"US", "CN", "JP", "EP", "KR", "WO", "DE", "GB", "CA", "AU"};
    private static final double[] OFFICE_WEIGHTS = {0.28, 0.20, 0.15, 0.11, 0.08, 0.07, 0.04, 0.03, 0.02, 0.02};
    private static final String[] RECEIVING_OFFICES = {"US", "JP", "CN", "KR", "DE", "GB"};
    private static final int CHUNK = 20_000;

    private final SplittableRandom rnd = new SplittableRandom(20261125L);
    private final Map<String, Integer> serials = new HashMap<>();
    private final List<ApplicationRef> firstFilings = new ArrayList<>();
    private final NumberNormalizer normalizer = new NumberNormalizer();
    private int rejectedQueries;

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: SyntheticStoreGenerator DATA_DIR APPLICATIONS QUERY_FILE [JDBC_URL]");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        int target = Integer.parseInt(args[1]);
        Path queries = Path.of(args[2]);
        String url = args.length > 3 ? args[3] : NodeConfig.defaults().with(null, data).jdbcUrl();
        long t0 = System.nanoTime();
        int[] counts;
        SyntheticStoreGenerator generator = new SyntheticStoreGenerator();
        try (JdbcDossierStore store = JdbcDossierStore.open(url, null, null);
             BufferedWriter q = Files.newBufferedWriter(queries, StandardCharsets.UTF_8);
             Progress progress = Progress.of("generate", "applications", target,
                     new java.io.PrintWriter(System.err, true))) {
            counts = generator.generate(store, target, q, progress);
            progress.finish();
        }
        if (generator.rejectedQueries > 0) {
            System.out.printf("%d sampled numbers were not written as queries: the normaliser reads their written"
                    + " form to another key%n", generator.rejectedQueries);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("generated and loaded %d applications in %d families (largest %d members) in %.1f s (%.0f applications/s)%n",
                counts[0], counts[1], counts[2], s, counts[0] / s);
        if (url.startsWith("jdbc:h2:file:")) {
            compact(url, data);
        }
    }

    /**
     * Rewrites the H2 file compactly, as its housekeeping would over the first minutes of serving. A load in
     * chunks leaves the file about a quarter full (1.35 GB for 1M applications, 0.33 GB compacted), and H2's
     * background writer then rewrites chunks for minutes, taking about a tenth of the server's CPU during the
     * load run (a profile of 2026-11-26): the benchmark measures the store as it is once that has settled.
     */
    private static void compact(String url, Path data) {
        Path file = data.resolve("dossierlink.mv.db");
        long t0 = System.nanoTime();
        try {
            long before = Files.size(file);
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "", "");
                 java.sql.Statement st = c.createStatement()) {
                st.execute("SHUTDOWN COMPACT");
            }
            System.out.printf("compacted the store file from %.0f MB to %.0f MB in %.1f s%n", before / 1e6,
                    Files.size(file) / 1e6, (System.nanoTime() - t0) / 1e9);
        } catch (java.sql.SQLException | IOException e) {
            throw new IllegalStateException("cannot compact " + file + ": " + e.getMessage(), e);
        }
    }

    /** Returns {applications, families, largest family}. */
    int[] generate(JdbcDossierStore store, int target, BufferedWriter queries, Progress progress) throws IOException {
        List<Dossier> chunk = new ArrayList<>(CHUNK + 1000);
        int apps = 0;
        int families = 0;
        int largest = 0;
        while (apps < target) {
            int size = Math.min(familySize(), target - apps);
            largest = Math.max(largest, size);
            families++;
            List<Dossier> family = family(size);
            for (Dossier d : family) {
                chunk.add(d);
                if (rnd.nextInt(10) == 0) {
                    writeQuery(queries, d);
                }
            }
            apps += family.size();
            if (chunk.size() >= CHUNK) {
                store.saveAll(chunk);
                progress.advance(chunk.size());
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            store.saveAll(chunk);
            progress.advance(chunk.size());
        }
        return new int[] {apps, families, largest};
    }

    /** Half singletons, most up to five, a tail of large families up to 600. */
    private int familySize() {
        double p = rnd.nextDouble();
        if (p < 0.50) {
            return 1;
        } else if (p < 0.70) {
            return 2;
        } else if (p < 0.82) {
            return 3;
        } else if (p < 0.89) {
            return 4;
        } else if (p < 0.93) {
            return 5;
        } else if (p < 0.9953) {
            return 6 + rnd.nextInt(15);
        } else if (p < 0.9998) {
            return 21 + rnd.nextInt(80);
        }
        return 101 + rnd.nextInt(500);
    }

    List<Dossier> family(int size) {
        List<Dossier> out = new ArrayList<>(size);
        LocalDate first = LocalDate.of(2000 + rnd.nextInt(24), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
        ApplicationRef priority = application(office(), first);
        out.add(dossier(priority, List.of()));
        PriorityClaim claim = new PriorityClaim(1, priority.office(), priority.number(), priority.originalNumber(),
                first, PriorityKind.NATIONAL, true);
        for (int i = 1; i < size; i++) {
            String office = size > 100 && rnd.nextInt(3) > 0 ? "US" : office();
            ApplicationRef app = application(office, first.plusDays(30 + rnd.nextInt(335)));
            List<PriorityClaim> claims = new ArrayList<>(2);
            claims.add(new PriorityClaim(1, claim.country(), claim.number(), claim.originalNumber(), claim.date(),
                    office.equals(claim.country()) ? PriorityKind.NATIONAL : PriorityKind.INTERNATIONAL, true));
            if (rnd.nextInt(100) == 0 && !firstFilings.isEmpty()) {
                ApplicationRef other = firstFilings.get(rnd.nextInt(firstFilings.size()));
                claims.add(new PriorityClaim(2, other.office(), other.number(), other.originalNumber(),
                        other.filingDate(), PriorityKind.INTERNATIONAL, true));
            }
            out.add(dossier(app, claims));
        }
        if (firstFilings.size() < 200_000) {
            firstFilings.add(priority);
        } else {
            firstFilings.set(rnd.nextInt(firstFilings.size()), priority);
        }
        return out;
    }

    private String office() {
        double p = rnd.nextDouble();
        double acc = 0;
        for (int i = 0; i < OFFICES.length; i++) {
            acc += OFFICE_WEIGHTS[i];
            if (p < acc) {
                return OFFICES[i];
            }
        }
        return OFFICES[0];
    }

    private int nextSerial(String office, int year) {
        return serials.merge(office + year, 1, Integer::sum);
    }

    /** A new application number in the office's DOCDB format, with its written (original) form. */
    private ApplicationRef application(String office, LocalDate filed) {
        int y = filed.getYear();
        int s = nextSerial(office, y);
        String number;
        String original;
        switch (office) {
            case "US" -> {
                int series = 9 + (y - 1998) / 3;
                String serial = String.format("%06d", s);
                number = y + String.format("%02d", series) + serial;
                original = String.format("%02d/%s,%s", series, serial.substring(0, 3), serial.substring(3));
            }
            case "EP" -> {
                number = String.format("%02d%06d", y % 100, s);
                original = "EP " + number;
            }
            case "JP" -> {
                number = String.format("%d%06d", y, s);
                original = String.format("%d-%06d", y, s);
            }
            case "KR" -> {
                number = String.format("%d%07d", y, s);
                original = String.format("10-%d-%07d", y, s);
            }
            case "CN" -> {
                number = String.format("%d1%07d", y, s);
                original = "CN " + number;
            }
            case "WO" -> {
                String rc = RECEIVING_OFFICES[rnd.nextInt(RECEIVING_OFFICES.length)];
                number = String.format("%d%s%06d", y, rc, s);
                original = String.format("PCT/%s%d/%06d", rc, y, s);
            }
            case "DE" -> {
                number = String.format("10%d%06d", y, s);
                original = number;
            }
            case "GB" -> {
                number = String.format("%d%05d", y, s);
                original = String.format("%02d%05d", y % 100, s);
            }
            case "CA" -> {
                number = String.format("%07d", 2_000_000 + (y - 2000) * 40_000 + s);
                original = number;
            }
            default -> {
                number = String.format("%d%06d", y, s);
                original = office + number;
            }
        }
        return new ApplicationRef(office, number, office.equals("WO") ? "W" : "A", original, filed);
    }

    private Dossier dossier(ApplicationRef app, List<PriorityClaim> claims) {
        List<Publication> pubs = new ArrayList<>(2);
        LocalDate pubDate = app.filingDate().plusMonths(18);
        String office = app.office();
        int y = pubDate.getYear();
        int s = nextSerial(office + "P", y);
        pubs.add(new Publication(office, switch (office) {
            case "US", "JP", "KR", "WO", "AU" -> String.format("%d%06d", y, s);
            case "CN" -> String.format("1%08d", s + (y - 2000) * 200_000);
            case "EP" -> String.format("%07d", 1_000_000 + (y - 2000) * 60_000 + s);
            default -> String.format("%d%05d", y, s);
        }, office.equals("CN") || office.equals("JP") ? "A" : "A1", pubDate));
        if (rnd.nextBoolean() && !office.equals("WO")) {
            LocalDate grant = pubDate.plusMonths(12 + rnd.nextInt(36));
            int g = nextSerial(office + "B", 0);
            pubs.add(new Publication(office, String.format("%d", 5_000_000 + g), office.equals("US") ? "B2" : "B1", grant));
        }
        return new Dossier(app, pubs, claims, List.of(new LocalizedText("en", "Synthetic invention " + app.key())),
                List.of(new Party(1, "Applicant " + (app.number().hashCode() & 0xffff), office)), List.of(),
                List.of(), List.of(), null, "synthetic");
    }

    /**
     * One query line: office TAB number-as-written TAB number type. Only numbers the server's normaliser
     * reads back to the stored key are written, so every benchmark request has an answer.
     */
    private void writeQuery(BufferedWriter q, Dossier d) throws IOException {
        ApplicationRef a = d.application();
        boolean byPublication = a.office().equals("US") || rnd.nextInt(4) == 0;
        String office;
        String text;
        NumberType type;
        String key;
        if (byPublication) {
            Publication p = d.publications().get(0);
            office = p.country();
            text = p.country() + " " + p.number() + " " + p.kind();
            type = NumberType.PUBLICATION;
            key = p.key();
        } else {
            office = a.office();
            text = a.originalNumber();
            type = NumberType.APPLICATION;
            key = a.key();
        }
        try {
            if (!normalizer.normalize(office, text, type).key().equals(key)) {
                rejectedQueries++;
                return;
            }
        } catch (RuntimeException e) {
            rejectedQueries++;
            return;
        }
        q.write(office + "\t" + text + "\t" + type.wireName() + "\n");
    }
}
