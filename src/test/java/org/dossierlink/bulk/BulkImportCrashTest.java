package org.dossierlink.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.dossierlink.signature.Certificates;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.JdbcImportLedger;
import org.dossierlink.store.StoreConfig;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test, for real: {@code dossierlink import} runs in a separate JVM (the test classpath, the CLI's
 * main class, as the launcher starts it) on a package of a few thousand items, and is killed with SIGKILL
 * ({@link Process#destroyForcibly()}) at random moments after its import began, then run again until it
 * completes. The store must then equal that of an uninterrupted import: same count, same records and
 * digests, same documents, each item's outcome exactly once, receipt totals complete. The same with SIGTERM
 * ({@link Process#destroy()}): the import stops after the current item, says how to resume, and resumes.
 */
class BulkImportCrashTest {

    private static final int ITEMS = 2000;
    private static final long RUN_TIMEOUT_SECONDS = 180;
    private static final String PASSWORD = "crash-test-keystore";

    @TempDir
    Path dir;
    Path pkg;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        pkg = BulkFixtures.writePackage(dir.resolve("big.zip"), ITEMS);
        Path trust = Files.createDirectories(dir.resolve("trust"));
        Files.writeString(trust.resolve("sender.pem"), Certificates.pem(TestKeys.rsa().certificate()));
        Path keystore = dir.resolve("node.p12");
        SelfSignedKeys.store(keystore, PASSWORD.toCharArray(), TestKeys.rsa());
        config = dir.resolve("node.properties");
        Files.writeString(config, "signature.keystore=" + keystore + "\nsignature.trust=" + trust
                + "\nsignature.algorithm=rsa-sha256\n");
    }

    @Test
    void sigkillAtRandomMomentsThenResumeGivesTheUninterruptedStore() throws Exception {
        Path data = dir.resolve("killed");
        Random random = new Random();
        int kills = 0;
        for (int attempt = 0; attempt < 2; attempt++) {
            Process p = start(data, null);
            Child child = new Child(p);
            child.awaitLine("as run ", "resuming import run ");
            Thread.sleep(50 + random.nextInt(600)); // the kill moment: random, after the import began
            if (p.isAlive()) {
                p.destroyForcibly();
                kills++;
            }
            assertThat(p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(kills).as("at least one run was killed mid-import").isPositive();
        Path receipt = dir.resolve("receipt.xml");
        Process last = start(data, receipt);
        Child child = new Child(last);
        assertThat(last.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as(child.output()).isZero();
        assertSameAsUninterrupted(data, receipt);
    }

    @Test
    void sigtermStopsAfterTheCurrentItemSaysHowToResumeAndResumes() throws Exception {
        Path data = dir.resolve("stopped");
        // a progress line after every item: the signal goes once three items are in, so the second run resumes
        Process p = start(data, null, "--progress-every", "0");
        Child child = new Child(p);
        child.awaitLine(String.format(Locale.ROOT, ": 3/%,d items", ITEMS));
        p.destroy();
        assertThat(p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        String out = child.output();
        assertThat(out).doesNotContain("stopped after item 0 of").doesNotContain("stopped after item 1 of")
                .doesNotContain("stopped after item 2 of");
        assertThat(out).contains("stopped after item ").contains("of " + ITEMS)
                .contains("run the same import command again to resume from item ");
        Path receipt = dir.resolve("receipt.xml");
        Process resumed = start(data, receipt);
        Child second = new Child(resumed);
        assertThat(resumed.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(resumed.exitValue()).as(second.output()).isZero();
        assertThat(second.output()).as(out).contains("resuming import run ").contains("resumed after item ");
        assertSameAsUninterrupted(data, receipt);
    }

    private void assertSameAsUninterrupted(Path data, Path receipt) throws Exception {
        Path reference = dir.resolve("reference");
        List<String> expectedHashes;
        List<String> expectedSnapshot;
        try (JdbcDossierStore ref = JdbcDossierStore.open(StoreConfig.h2Url(reference), null, null)) {
            ImportSummary s = BulkFixtures.importer(ref).importPackage(pkg, ImportOptions.defaults());
            assertThat(s.totals()).isEqualTo(new ImportTotals(ITEMS, 0, 0, 0));
            expectedHashes = hashes(StoreConfig.h2Url(reference));
            expectedSnapshot = BulkFixtures.snapshot(ref, BulkFixtures.keys(ITEMS));
        }
        assertThat(hashes(StoreConfig.h2Url(data))).hasSize(ITEMS).containsExactlyElementsOf(expectedHashes);
        try (JdbcDossierStore store = JdbcDossierStore.open(StoreConfig.h2Url(data), null, null)) {
            assertThat(store.applicationCount()).isEqualTo(ITEMS);
            assertThat(BulkFixtures.snapshot(store, BulkFixtures.keys(ITEMS))).containsExactlyElementsOf(expectedSnapshot);
            JdbcImportLedger ledger = new JdbcImportLedger(store);
            assertThat(ledger.unfinished()).isEmpty();
            ImportRun run = ledger.latestByPackage(ledger.byTicket(onlyTicket(data)).orElseThrow().identity().sha256())
                    .orElseThrow();
            // one run, resumed each time: every item committed exactly once, all of them new
            assertThat(run.totals()).isEqualTo(new ImportTotals(ITEMS, 0, 0, 0));
            List<Long> seqs = new ArrayList<>();
            ledger.outcomes(run.ticket(), 0, ITEMS + 10, o -> seqs.add(o.seq()));
            assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, ITEMS).boxed().toList());
        }
        byte[] bytes = Files.readAllBytes(receipt);
        new SignatureVerifier(TestKeys.trust(), VerificationLimits.defaults())
                .verify(SecureXml.documentBuilder().parse(new ByteArrayInputStream(bytes)));
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .contains("<pkg:totals items=\"" + ITEMS + "\" rejected=\"0\" replaced=\"0\" stored=\"" + ITEMS + "\" unchanged=\"0\">");
    }

    private static String onlyTicket(Path data) throws Exception {
        try (Connection c = DriverManager.getConnection(StoreConfig.h2Url(data))) {
            List<String> tickets = PackageImportTest.rows(c, "SELECT ticket FROM import_run");
            assertThat(tickets).hasSize(1);
            return tickets.get(0);
        }
    }

    private static List<String> hashes(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            return PackageImportTest.rows(c, "SELECT app_key || ' ' || content_hash FROM application ORDER BY app_key");
        }
    }

    /** {@code dossierlink import} in its own JVM, as the launcher runs it (same classpath, the CLI's main class). */
    private Process start(Path data, Path receipt, String... options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.dossierlink.cli.DossierlinkCommand",
                "import", "--config", config.toString(), "--data", data.toString()));
        cmd.addAll(List.of(options));
        if (receipt != null) {
            cmd.add("--receipt");
            cmd.add(receipt.toString());
        }
        cmd.add(pkg.toString());
        Path log = Files.createTempFile(dir, "import-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DOSSIERLINK_KEYSTORE_PASSWORD", PASSWORD);
        Process p = pb.start();
        logs.put(p, log);
        return p;
    }

    private final java.util.Map<Process, Path> logs = new java.util.concurrent.ConcurrentHashMap<>();

    /** A child's output, written to a file (Process.destroy() closes the pipes, a file stays). */
    final class Child {
        private final Process process;
        private final Path log;

        private Child(Process process) {
            this.process = process;
            this.log = logs.get(process);
        }


        /** Waits (with a deadline) until the output holds one of the texts. */
        void awaitLine(String... texts) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_TIMEOUT_SECONDS);
            while (System.nanoTime() < deadline) {
                String s = text();
                for (String t : texts) {
                    if (s.contains(t)) {
                        return;
                    }
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(10);
            }
            throw new AssertionError("the import never began; its output:\n" + text());
        }

        String output() throws InterruptedException {
            process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return text();
        }

        private String text() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "[cannot read " + log + ": " + e + "]";
            }
        }
    }
}
