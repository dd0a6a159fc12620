package org.dossierlink.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.dossierlink.InvalidRequestException;
import org.dossierlink.NotFoundException;
import org.dossierlink.access.AccessDecision;
import org.dossierlink.access.AccessDeniedException;
import org.dossierlink.access.Caller;
import org.dossierlink.access.DenialReason;
import org.dossierlink.bulk.ImportListener;
import org.dossierlink.bulk.ImportOptions;
import org.dossierlink.bulk.ImportProgress;
import org.dossierlink.bulk.ImportRun;
import org.dossierlink.bulk.ImportRuns;
import org.dossierlink.bulk.ImportSummary;
import org.dossierlink.bulk.ItemOutcome;
import org.dossierlink.bulk.PackageRefusedException;
import org.dossierlink.bulk.RunStatus;
import org.dossierlink.config.BulkSettings;
import org.dossierlink.operator.NodeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the imports of submitted packages in the background, a bounded number at a time
 * ({@code bulk.concurrent-imports}) with at most {@code bulk.queue-limit} waiting; a submission past that is
 * refused before its upload is kept. The state of every submission survives a restart: the package file and
 * its record are in the work folder ({@link SubmissionStore}), the import's progress in the run registry, and
 * {@link #resumeUnfinished()} puts every unfinished import back in the queue (the importer resumes after its
 * last committed item). {@link #stop(Duration)} asks each running import to stop after its current item
 * (committed, with its checkpoint) and waits for it. Thread-safe.
 */
public final class BulkImports implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BulkImports.class);

    private final SubmissionStore submissions;
    private final ImportRuns runs;
    private final PackageImportEngine engine;
    private final BulkSettings settings;
    private final NodeMetrics metrics;
    private final Clock clock;
    private final ExecutorService executor;
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, String> receiptDigests = new ConcurrentHashMap<>();
    private final Object receiptLock = new Object();
    private volatile boolean stopping;

    public BulkImports(SubmissionStore submissions, ImportRuns runs, PackageImportEngine engine, BulkSettings settings,
                       NodeMetrics metrics, Clock clock) {
        this.submissions = Objects.requireNonNull(submissions, "submissions");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        AtomicInteger threads = new AtomicInteger();
        // the queue is unbounded here: the limit is kept by submit(), so that resuming never refuses
        this.executor = new ThreadPoolExecutor(settings.concurrentImports(), settings.concurrentImports(), 0,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "dossierlink-bulk-import-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        metrics.bulkImportGauges(this::running, queued::get, this::itemsPerSecond);
    }

    public BulkSettings settings() {
        return settings;
    }

    /**
     * Spools an upload and queues its import; returns at once with the ticket.
     *
     * @throws PackageTooLargeException past {@code bulk.max-package-bytes}
     * @throws InvalidRequestException  when the queue is full, or the node is stopping
     */
    public Submission submit(InputStream content, Caller caller, String packageName) throws IOException {
        if (stopping) {
            throw new InvalidRequestException("the node is stopping: submit the package again once it is back", "package");
        }
        if (queued.get() >= settings.queueLimit()) {
            throw busy();
        }
        Submission s = submissions.spool(content, caller.office(), caller.unrestricted(), packageName,
                settings.maxPackageBytes(), clock.instant());
        if (queued.incrementAndGet() > settings.queueLimit()) {
            queued.decrementAndGet();
            submissions.save(s.with(Submission.State.FAILED, "refused: the import queue was full"));
            Files.deleteIfExists(submissions.packageFile(s.ticket()));
            throw busy();
        }
        enqueue(s);
        LOG.info("package {} ({} bytes, SHA-256 {}) submitted by {} as ticket {}", s.packageName() == null ? "" : s.packageName(),
                s.size(), s.sha256(), s.submitter(), s.ticket());
        return s;
    }

    private InvalidRequestException busy() {
        return new InvalidRequestException(settings.queueLimit() + " packages are already waiting to be imported,"
                + " the most this node queues (bulk.queue-limit): submit again when one has finished", "package");
    }

    /**
     * Puts every unfinished submission back in the queue: those still queued, and those whose import started
     * and did not finish (stopped, or cut short by a crash). Called once at start-up.
     */
    public int resumeUnfinished() {
        int n = 0;
        for (Submission s : submissions.all()) {
            boolean unfinished = switch (s.state()) {
                case QUEUED -> true;
                case STARTED -> runs.byTicket(s.runTicket()).map(r -> !r.status().finished()).orElse(true);
                case FAILED, REFUSED -> false;
            };
            if (unfinished && Files.isRegularFile(submissions.packageFile(s.ticket()))) {
                queued.incrementAndGet();
                enqueue(s);
                n++;
            }
        }
        if (n > 0) {
            LOG.info("resuming {} unfinished bulk import(s)", n);
        }
        return n;
    }

    private void enqueue(Submission s) {
        Job job = new Job(s.ticket());
        jobs.put(s.ticket(), job);
        try {
            executor.execute(() -> run(job));
        } catch (RejectedExecutionException stopped) {
            // the node began to stop meanwhile: the submission is on disk, QUEUED, and resumes at the next start
            jobs.remove(s.ticket());
            queued.decrementAndGet();
        }
    }

    private void run(Job job) {
        queued.decrementAndGet();
        if (stopping) {
            jobs.remove(job.ticket);
            return; // stays QUEUED on disk: resumed at the next start
        }
        Submission s = submissions.find(job.ticket).orElseThrow();
        job.start();
        try {
            ImportSummary summary = engine.importPackage(submissions.packageFile(s.ticket()), s,
                    ImportOptions.defaults().withTicket(s.runTicket()).withCancellation(() -> stopping)
                            .withListener(job.listener(s, submissions, metrics)));
            ImportRun run = summary.run();
            Submission now = currentOr(s);
            if (!run.ticket().equals(now.runTicket()) || now.state() != Submission.State.STARTED) {
                submissions.save(now.with(Submission.State.STARTED, null).withRunTicket(run.ticket()));
            }
            LOG.info("bulk import {} {}: {}", s.ticket(), run.status().wireName(), run.totals());
            if (run.status() == RunStatus.COMPLETED) {
                receipt(s.ticket());
            }
        } catch (PackageRefusedException e) {
            LOG.info("bulk import {} refused: {}", s.ticket(), e.getMessage());
            submissions.save(currentOr(s).with(Submission.State.REFUSED, e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.error("bulk import {} failed", s.ticket(), e);
            submissions.save(currentOr(s).with(Submission.State.FAILED, "the import stopped on an error of this node ("
                    + e.getMessage() + "); items already stored stay stored. Submit the package again to continue"));
        } finally {
            jobs.remove(job.ticket);
        }
    }

    private Submission currentOr(Submission s) {
        return submissions.find(s.ticket()).orElse(s);
    }

    /**
     * Where the package with this ticket stands, for {@code caller}: the office that submitted it, or the
     * demo node's default caller.
     *
     * @throws NotFoundException     for an unknown ticket
     * @throws AccessDeniedException for another office's ticket
     */
    public PackageState state(String ticket, Caller caller) {
        Submission s = submissions.find(ticket).orElseThrow(() -> new NotFoundException("no package was submitted"
                + " with ticket '" + ticket + "' to this node: use the ticket SubmitPackage answered", "ticket"));
        if (!caller.unrestricted() && !caller.office().equals(s.submitter())) {
            throw new AccessDeniedException(AccessDecision.denied(DenialReason.NOT_SUBMITTER, "ticket " + ticket
                    + " belongs to a package another office submitted; an office follows only its own packages"));
        }
        Job job = jobs.get(ticket);
        Optional<ImportRun> run = s.state() == Submission.State.QUEUED && job == null ? Optional.empty()
                : runs.byTicket(s.runTicket());
        if (s.state() == Submission.State.FAILED || s.state() == Submission.State.REFUSED) {
            PackageState.Status status = s.state() == Submission.State.FAILED ? PackageState.Status.FAILED
                    : PackageState.Status.REFUSED;
            return finished(s, status, s.reason(), run.orElse(null));
        }
        if (run.isPresent() && run.get().status() == RunStatus.REFUSED) {
            return finished(s, PackageState.Status.REFUSED, run.get().reason(), run.get());
        }
        if (run.isPresent() && run.get().status() == RunStatus.COMPLETED) {
            Path receipt = receipt(s.ticket());
            ImportRun r = run.get();
            return new PackageState(s, PackageState.Status.COMPLETED, null, r.completedAt(), r.totals().items(),
                    r.itemCount() == null ? r.totals().items() : r.itemCount(), s.size(), s.size(), 0, 0, r.totals(),
                    receipt, receiptDigests.get(s.ticket()));
        }
        if (job != null && job.running()) {
            ImportProgress p = job.progress;
            double seconds = job.seconds();
            long items = p == null ? run.map(r -> r.totals().items()).orElse(0L) : p.itemsDone();
            long bytes = p == null ? 0 : p.bytesDone();
            long total = p != null ? p.itemCount() : run.map(r -> r.itemCount() == null ? -1L : r.itemCount()).orElse(-1L);
            return new PackageState(s, PackageState.Status.RUNNING, null, null, items, total, bytes, s.size(),
                    job.rate(items, seconds), job.byteRate(bytes, seconds),
                    p != null ? p.totals() : run.map(ImportRun::totals).orElse(null), null, null);
        }
        // waiting for a slot, or stopped by a shutdown and resumed at the next start
        ImportRun r = run.orElse(null);
        return new PackageState(s, PackageState.Status.QUEUED, null, null, r == null ? 0 : r.totals().items(),
                r == null || r.itemCount() == null ? -1 : r.itemCount(), 0, s.size(), 0, 0,
                r == null ? null : r.totals(), null, null);
    }

    private PackageState finished(Submission s, PackageState.Status status, String reason, ImportRun run) {
        return new PackageState(s, status, reason, run == null ? null : run.completedAt(),
                run == null ? 0 : run.totals().items(), run == null || run.itemCount() == null ? -1 : run.itemCount(),
                0, s.size(), 0, 0, run == null ? null : run.totals(), null, null);
    }

    /** The completed run's signed receipt, written once to the work folder (atomically) and kept. */
    private Path receipt(String ticket) {
        Path file = submissions.receiptFile(ticket);
        synchronized (receiptLock) {
            if (!Files.isRegularFile(file)) {
                Submission s = submissions.find(ticket).orElseThrow();
                Path tmp = file.resolveSibling(ticket + ".tmp");
                MessageDigest sha256 = SubmissionStore.sha256();
                try {
                    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha256)) {
                        engine.writeReceipt(s.runTicket(), out);
                    }
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the receipt of " + ticket + ": " + e.getMessage(), e);
                }
                receiptDigests.put(ticket, HexFormat.of().formatHex(sha256.digest()));
            } else if (!receiptDigests.containsKey(ticket)) {
                receiptDigests.put(ticket, digest(file));
            }
        }
        return file;
    }

    private static String digest(Path file) {
        MessageDigest sha256 = SubmissionStore.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha256.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Imports running now. */
    public int running() {
        return (int) jobs.values().stream().filter(Job::running).count();
    }

    /** Imports waiting for a slot. */
    public int queued() {
        return queued.get();
    }

    /** Items per second of the running imports together. */
    public double itemsPerSecond() {
        return jobs.values().stream().filter(Job::running).mapToDouble(j -> {
            ImportProgress p = j.progress;
            return p == null ? 0 : j.rate(p.itemsDone(), j.seconds());
        }).sum();
    }

    /** Asks the running imports to stop after their current item, and starts no other; returns at once. */
    public void beginStop() {
        stopping = true;
    }

    /**
     * Stops: no new import starts, each running import stops after its current item (committed, with its
     * checkpoint) and is left to resume at the next start. Waits up to {@code timeout} for them.
     *
     * @return true when every running import stopped in time
     */
    public boolean stop(Duration timeout) {
        beginStop();
        executor.shutdown();
        try {
            boolean done = executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                LOG.warn("a bulk import did not stop within {}; it resumes from its last committed item at the next start",
                        timeout);
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    /** One submission in the queue or running, with its latest progress. */
    private static final class Job {
        final String ticket;
        volatile ImportProgress progress;
        volatile long startNanos;
        volatile long startItems = -1;
        volatile long startBytes = -1;

        Job(String ticket) {
            this.ticket = ticket;
        }

        void start() {
            startNanos = System.nanoTime();
        }

        boolean running() {
            return startNanos != 0;
        }

        double seconds() {
            return running() ? (System.nanoTime() - startNanos) / 1e9 : 0;
        }

        double rate(long items, double seconds) {
            return seconds <= 0 || startItems < 0 ? 0 : (items - startItems) / seconds;
        }

        double byteRate(long bytes, double seconds) {
            return seconds <= 0 || startBytes < 0 ? 0 : (bytes - startBytes) / seconds;
        }

        ImportListener listener(Submission s, SubmissionStore submissions, NodeMetrics metrics) {
            return new ImportListener() {
                @Override
                public void started(ImportRun run) {
                    startItems = run.totals().items();
                    submissions.save(s.with(Submission.State.STARTED, null).withRunTicket(run.ticket()));
                }

                @Override
                public void itemDone(ImportProgress p, ItemOutcome outcome) {
                    ImportProgress previous = progress;
                    if (startItems < 0) {
                        startItems = p.itemsDone() - 1;
                    }
                    if (startBytes < 0) {
                        startBytes = previous == null ? 0 : previous.bytesDone();
                    }
                    metrics.bulkImportItem(outcome.status().wireName());
                    metrics.bulkImportBytes(Math.max(0, p.bytesDone() - (previous == null ? 0 : previous.bytesDone())));
                    progress = p;
                }
            };
        }
    }
}
