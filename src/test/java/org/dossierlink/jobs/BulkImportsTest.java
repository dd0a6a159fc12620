package org.dossierlink.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.dossierlink.InvalidRequestException;
import org.dossierlink.NotFoundException;
import org.dossierlink.access.AccessDeniedException;
import org.dossierlink.access.Caller;
import org.dossierlink.access.DenialReason;
import org.dossierlink.bulk.ImportOptions;
import org.dossierlink.bulk.ImportSummary;
import org.dossierlink.bulk.PackageForm;
import org.dossierlink.bulk.PackageIdentity;
import org.dossierlink.bulk.RunStatus;
import org.dossierlink.config.BulkSettings;
import org.dossierlink.operator.NodeMetrics;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.JdbcImportLedger;
import org.dossierlink.testsupport.BulkNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import runner on its own: the queue limit, who may follow a ticket, the spool's size limit, and a stop
 * that leaves the waiting submissions to the next start. Its engine here runs no real import: it records a
 * run in the real run registry and waits until the test lets it finish, so that the queue can be seen full.
 */
class BulkImportsTest {

    private static final Caller JP = new Caller("JP", Caller.Proof.USERNAME_TOKEN);
    private static final Caller CN = new Caller("CN", Caller.Proof.USERNAME_TOKEN);

    @TempDir
    Path dir;

    private final JdbcDossierStore store = BulkNode.emptyStore();
    private final JdbcImportLedger ledger = new JdbcImportLedger(store);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile RuntimeException failure;

    private final PackageImportEngine engine = new PackageImportEngine() {
        @Override
        public ImportSummary importPackage(Path file, Submission submission, ImportOptions options) throws IOException {
            started.countDown();
            if (failure != null) {
                throw failure;
            }
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String ticket = options.ticket();
            options.listener().started(ledger.begin(ticket, new PackageIdentity(PackageForm.CONCATENATED, null,
                    submission.sha256()), null, 0L, Instant.now()));
            return new ImportSummary(ledger.finish(ticket, RunStatus.COMPLETED, 0L, null), false, 0);
        }

        @Override
        public void writeReceipt(String runTicket, OutputStream out) throws IOException {
            out.write(("<receipt ticket=\"" + runTicket + "\"/>").getBytes(StandardCharsets.UTF_8));
        }
    };

    @AfterEach
    void close() {
        release.countDown();
        store.close();
    }

    private BulkImports imports(BulkSettings settings) {
        return new BulkImports(new SubmissionStore(dir), ledger, engine, settings, new NodeMetrics(), Clock.systemUTC());
    }

    private static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void past_the_queue_limit_a_submission_is_refused_and_not_kept() throws Exception {
        BulkImports imports = imports(new BulkSettings(null, 1024, 1, 1));
        Submission running = imports.submit(bytes("first"), JP, null);
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        Submission waiting = imports.submit(bytes("second"), JP, "p2");
        assertThat(imports.running()).isEqualTo(1);
        assertThat(imports.queued()).isEqualTo(1);
        assertThat(imports.state(waiting.ticket(), JP).status()).isEqualTo(PackageState.Status.QUEUED);
        assertThatThrownBy(() -> imports.submit(bytes("third"), JP, null)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("1 packages are already waiting").hasMessageContaining("bulk.queue-limit");
        try (var files = Files.list(dir.resolve("packages"))) {
            assertThat(files).hasSize(2);
        }

        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (imports.state(waiting.ticket(), JP).status() != PackageState.Status.COMPLETED && System.nanoTime() < deadline) {
            Thread.sleep(10); // between polls: the deadline bounds the wait
        }
        PackageState done = imports.state(running.ticket(), JP);
        assertThat(done.status()).isEqualTo(PackageState.Status.COMPLETED);
        assertThat(Files.readString(done.receipt())).isEqualTo("<receipt ticket=\"" + running.ticket() + "\"/>");
        assertThat(imports.state(waiting.ticket(), JP).status()).isEqualTo(PackageState.Status.COMPLETED);
        assertThat(imports.stop(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void only_the_submitter_and_the_demo_office_follow_a_ticket() throws Exception {
        BulkImports imports = imports(BulkSettings.defaults());
        Submission s = imports.submit(bytes("package"), JP, null);
        assertThat(imports.state(s.ticket(), JP).submission().submitter()).isEqualTo("JP");
        assertThat(imports.state(s.ticket(), Caller.DEMO).submission().ticket()).isEqualTo(s.ticket());
        assertThatThrownBy(() -> imports.state(s.ticket(), CN)).isInstanceOfSatisfying(AccessDeniedException.class,
                e -> assertThat(e.reason()).isEqualTo(DenialReason.NOT_SUBMITTER));
        assertThatThrownBy(() -> imports.state("0000-unknown", JP)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'0000-unknown'");
        assertThatThrownBy(() -> imports.state("../../etc/passwd", JP)).isInstanceOf(NotFoundException.class);
        release.countDown();
        assertThat(imports.stop(Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void an_import_that_breaks_off_is_failed_with_the_reason_and_one_refused_is_refused() throws Exception {
        BulkImports imports = imports(BulkSettings.defaults());
        failure = new IllegalStateException("disk full");
        Submission broken = imports.submit(bytes("package"), JP, null);
        PackageState failed = awaitFinished(imports, broken.ticket());
        assertThat(failed.status()).isEqualTo(PackageState.Status.FAILED);
        assertThat(failed.reason()).contains("disk full", "items already stored stay stored");
        failure = new org.dossierlink.bulk.PackageRefusedException("package: manifest signature not verified");
        PackageState refused = awaitFinished(imports, imports.submit(bytes("package 2"), JP, null).ticket());
        assertThat(refused.status()).isEqualTo(PackageState.Status.REFUSED);
        assertThat(refused.reason()).isEqualTo("package: manifest signature not verified");
        // neither is resumed at the next start
        assertThat(imports(BulkSettings.defaults()).resumeUnfinished()).isZero();
        imports.stop(Duration.ofSeconds(10));
    }

    private static PackageState awaitFinished(BulkImports imports, String ticket) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        PackageState s = imports.state(ticket, JP);
        while ((s.status() == PackageState.Status.QUEUED || s.status() == PackageState.Status.RUNNING)
                && System.nanoTime() < deadline) {
            Thread.sleep(10); // between polls: the deadline bounds the wait
            s = imports.state(ticket, JP);
        }
        return s;
    }

    @Test
    void an_upload_past_the_limit_or_empty_is_refused_and_leaves_no_file() {
        BulkImports imports = imports(new BulkSettings(null, 10, 1, 4));
        assertThatThrownBy(() -> imports.submit(bytes("eleven bytes"), JP, null))
                .isInstanceOf(PackageTooLargeException.class).hasMessageContaining("larger than 10 bytes");
        assertThatThrownBy(() -> imports.submit(bytes(""), JP, null)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("the package is empty");
        assertThat(dir.resolve("incoming").toFile().list()).isEmpty();
        assertThat(dir.resolve("packages").toFile().list()).isEmpty();
        assertThat(dir.resolve("submissions").toFile().list()).isEmpty();
        imports.stop(Duration.ofSeconds(10));
    }

    @Test
    void a_stop_leaves_waiting_submissions_to_the_next_start_which_imports_them() throws Exception {
        BulkImports first = imports(new BulkSettings(null, 1024, 1, 4));
        Submission running = first.submit(bytes("first"), JP, null);
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        Submission waiting = first.submit(bytes("second"), JP, null);
        first.beginStop();
        assertThatThrownBy(() -> first.submit(bytes("third"), JP, null)).hasMessageContaining("the node is stopping");
        release.countDown();
        assertThat(first.stop(Duration.ofSeconds(20))).isTrue();
        assertThat(first.state(running.ticket(), JP).status()).isEqualTo(PackageState.Status.COMPLETED);

        BulkImports second = imports(BulkSettings.defaults());
        assertThat(second.state(waiting.ticket(), JP).status()).isEqualTo(PackageState.Status.QUEUED);
        assertThat(second.resumeUnfinished()).isEqualTo(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (second.state(waiting.ticket(), JP).status() != PackageState.Status.COMPLETED && System.nanoTime() < deadline) {
            Thread.sleep(10); // between polls: the deadline bounds the wait
        }
        assertThat(second.state(waiting.ticket(), JP).status()).isEqualTo(PackageState.Status.COMPLETED);
        second.stop(Duration.ofSeconds(10));
    }
}
