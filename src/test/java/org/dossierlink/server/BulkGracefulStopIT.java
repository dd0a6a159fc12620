package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dossierlink.bulk.ImportOptions;
import org.dossierlink.bulk.ImportRun;
import org.dossierlink.bulk.ImportSummary;
import org.dossierlink.bulk.PackageImporter;
import org.dossierlink.bulk.PackageWriter;
import org.dossierlink.bulk.ReceiptWriter;
import org.dossierlink.bulk.RunStatus;
import org.dossierlink.dialect.CanonicalDossierXml;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.LocalizedText;
import org.dossierlink.dossier.Publication;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.signature.Certificates;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.JdbcImportLedger;
import org.dossierlink.store.StoreConfig;
import org.dossierlink.testsupport.BulkNode;
import org.dossierlink.testsupport.TestDialects;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.wire.DossierPortType;
import org.dossierlink.wire.messages.GetPackageReceipt;
import org.dossierlink.wire.messages.GetPackageReceiptResponse;
import org.dossierlink.wire.messages.PackageStatusType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SIGTERM during a bulk import, for real: a {@code serve} process (its own JVM) importing a submitted package
 * is sent SIGTERM ({@link Process#destroy()}); it stops after the item it is on, with that item committed, and
 * the run is left interrupted part-way. A new {@code serve} on the same store and work folder resumes it, and
 * the store and the receipt's items then equal those of an uninterrupted import of the same package.
 */
class BulkGracefulStopIT {

    private static final int ITEMS = 1500;
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Pattern ENDPOINT = Pattern.compile("SOAP 1\\.1 endpoint\\s+(\\S+)");

    @TempDir
    Path dir;

    @Test
    void a_running_import_stops_on_sigterm_after_a_committed_item_and_resumes_at_the_next_start() throws Exception {
        Path zip = writePackage(dir.resolve("package.zip"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Path config = writeConfig();

        String ticket;
        Process first = serve(config, data);
        try {
            String url = endpoint(first);
            DossierPortType port = BulkNode.port(url + "?wsdl", false, null);
            ticket = BulkTransferIT.submit(port, zip, "initial-load").getTicket();
            awaitItemsDone(port, ticket, 20);
        } finally {
            first.destroy(); // SIGTERM
        }
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();

        ImportRun interrupted;
        try (JdbcDossierStore store = open(data)) {
            interrupted = new JdbcImportLedger(store).byTicket(ticket).orElseThrow();
        }
        assertThat(interrupted.status()).as("stopped cleanly, resumable").isEqualTo(RunStatus.INTERRUPTED);
        assertThat(interrupted.lastSeq()).isBetween(20L, (long) ITEMS - 1);
        assertThat(interrupted.totals().items()).isEqualTo(interrupted.lastSeq());

        Process second = serve(config, data);
        GetPackageReceiptResponse done;
        try {
            DossierPortType port = BulkNode.port(endpoint(second) + "?wsdl", true, null);
            done = BulkNode.awaitFinished(port, ticket, DEADLINE);
            assertThat(done.getStatus()).as(done.getReason()).isEqualTo(PackageStatusType.COMPLETED);
            assertThat(done.getTotals().getStored()).isEqualTo(ITEMS);
            BulkNode.save(done.getReceipt(), dir.resolve("receipt.xml"));
        } finally {
            second.destroy();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        // the same package imported without interruption, into a fresh store
        try (JdbcDossierStore resumed = open(data);
             JdbcDossierStore reference = BulkNode.emptyStore()) {
            JdbcImportLedger ledger = new JdbcImportLedger(reference);
            ImportSummary uninterrupted = new PackageImporter(ledger, TestDialects.converter(), new NumberNormalizer(),
                    new SignatureVerifier(TestKeys.trust(), VerificationLimits.defaults()))
                    .importPackage(zip, ImportOptions.defaults());
            assertThat(uninterrupted.completed()).isTrue();
            assertThat(BulkNode.snapshot(resumed, keys())).hasSize(ITEMS).isEqualTo(BulkNode.snapshot(reference, keys()));
            ByteArrayOutputStream receipt = new ByteArrayOutputStream();
            new ReceiptWriter(ledger, TestKeys.signer()).write(uninterrupted.run().ticket(), receipt);
            Path referenceReceipt = Files.write(dir.resolve("reference-receipt.xml"), receipt.toByteArray());
            assertThat(receiptItems(dir.resolve("receipt.xml"))).hasSize(ITEMS)
                    .isEqualTo(receiptItems(referenceReceipt));
        }
    }

    /** A signed package of ITEMS synthetic dossiers (EP numbers no demo dossier has). */
    private Path writePackage(Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file);
             PackageWriter w = new PackageWriter(out, TestKeys.signer(), "EP", "sigterm-test", Instant.now(), null)) {
            for (int i = 1; i <= ITEMS; i++) {
                w.add(key(i), Dialect.CANONICAL, CanonicalDossierXml.toBytes(dossier(i), List.of()), List.of());
            }
            w.finish();
        }
        return file;
    }

    private static Dossier dossier(int i) {
        String number = Integer.toString(8_000_000 + i);
        return new Dossier(new ApplicationRef("EP", number, "A", "EP" + number + ".5",
                LocalDate.of(2020, 1, 1).plusDays(i % 365)),
                List.of(new Publication("EP", Integer.toString(4_000_000 + i), "A1", LocalDate.of(2021, 6, 1))),
                List.of(), List.of(new LocalizedText("en", "Dossier " + i)), List.of(), List.of(), List.of(), List.of(),
                null, "sigterm-test");
    }

    private static String key(int i) {
        return dossier(i).application().key();
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= ITEMS; i++) {
            keys.add(key(i));
        }
        return keys;
    }

    /** Each receipt line as seq, path, status, application and reason. */
    private static List<String> receiptItems(Path receipt) throws Exception {
        Document doc = BulkTransferIT.parse(receipt);
        List<String> out = new ArrayList<>();
        for (Element item : BulkTransferIT.items(doc)) {
            out.add(item.getAttribute("seq") + " " + item.getAttribute("path") + " " + item.getAttribute("status") + " "
                    + item.getAttribute("application") + " " + item.getAttribute("reason"));
        }
        return out;
    }

    /** The node's configuration: its own key and trust store (the test key signed the package), port 0. */
    private Path writeConfig() throws Exception {
        Path trust = Files.createDirectories(dir.resolve("trust"));
        Files.writeString(trust.resolve("test-rsa.pem"), Certificates.pem(TestKeys.rsa().certificate()));
        Files.writeString(trust.resolve("test-ec.pem"), Certificates.pem(TestKeys.ec().certificate()));
        Path config = dir.resolve("node.properties");
        Files.writeString(config, String.join("\n",
                "server.port=0",
                "signature.keystore=" + dir.resolve("signing.p12"),
                "signature.trust=" + trust,
                "access.offices=" + Path.of("conf", "offices.xml").toAbsolutePath(),
                "bulk.work-dir=" + dir.resolve("work"),
                ""));
        return config;
    }

    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();

    private Process serve(Path config, Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.dossierlink.cli.DossierlinkCommand", "serve", "--demo", "--config", config.toString(),
                "--data", data.toString()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (java.io.IOException ended) {
                // the process is gone
            }
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    /** Reads the process's output until it names its SOAP 1.1 endpoint. */
    private String endpoint(Process p) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = output.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                if (!p.isAlive()) {
                    fail("serve exited with " + p.exitValue() + ":\n" + seen);
                }
                continue;
            }
            seen.append(line).append('\n');
            Matcher m = ENDPOINT.matcher(line);
            if (m.find()) {
                output.clear();
                return m.group(1);
            }
        }
        return fail("serve did not start within " + DEADLINE + ":\n" + seen);
    }

    private static void awaitItemsDone(DossierPortType port, String ticket, long items) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        GetPackageReceipt request = new GetPackageReceipt();
        request.setTicket(ticket);
        while (true) {
            GetPackageReceiptResponse r = port.getPackageReceipt(request);
            assertThat(r.getStatus()).as("still importing").isIn(PackageStatusType.QUEUED, PackageStatusType.RUNNING);
            if (r.getProgress().getItemsDone() >= items) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("fewer than " + items + " items done after " + DEADLINE);
            }
            Thread.sleep(5); // between polls: the deadline above bounds the wait
        }
    }

    private static JdbcDossierStore open(Path data) {
        return JdbcDossierStore.open(StoreConfig.h2Url(data), null, null);
    }
}
