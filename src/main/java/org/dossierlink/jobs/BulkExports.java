package org.dossierlink.jobs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.dossierlink.InvalidRequestException;
import org.dossierlink.access.AccessDecision;
import org.dossierlink.access.AccessDeniedException;
import org.dossierlink.access.AccessGate;
import org.dossierlink.access.Caller;
import org.dossierlink.bulk.ExportRequest;
import org.dossierlink.bulk.ExportSummary;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.operator.NodeMetrics;

/**
 * Exports for callers: a package of the dossiers changed since a time that the caller may see under its
 * agreements today, written to a temporary file in the work folder (so the answer can state its size and
 * SHA-256 and stream it; never the whole package in memory). The offices an export covers are decided
 * before anything is read: every office the caller names must be one it may see (else
 * {@link AccessDeniedException}); naming none means every office it may see, its own included. The demo
 * node's default caller sees every office.
 */
public final class BulkExports {

    /** An export's package not fully downloaded after this long is deleted. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(6);

    private final PackageExportEngine engine;
    private final AccessGate gate;
    private final Collection<String> knownOffices;
    private final Path workDir;
    private final NodeMetrics metrics;

    /**
     * @param knownOffices the offices that may share dossiers with a caller (those of the offices file)
     * @param workDir      where the temporary packages go ({@link SubmissionStore#exportsDir()})
     */
    public BulkExports(PackageExportEngine engine, AccessGate gate, Collection<String> knownOffices, Path workDir,
                       NodeMetrics metrics) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.knownOffices = Set.copyOf(knownOffices);
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Deletes the packages of exports whose download never finished (the caller went away before the stream
     * was closed): those older than {@link #ABANDONED_AFTER}.
     */
    private void deleteAbandoned() throws IOException {
        Instant before = Instant.now().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(workDir, "*.zip")) {
            for (Path f : files) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(before)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** The offices whose dossiers the export for {@code caller} holds; empty means every office (demo default). */
    public Set<String> offices(Caller caller, Collection<String> asked) {
        Set<String> named = new TreeSet<>();
        for (String o : asked) {
            String code = o == null ? "" : o.trim().toUpperCase(Locale.ROOT);
            if (!code.matches("[A-Z]{2}")) {
                throw new InvalidRequestException("office must be a two-letter ST.3 code, found '" + o + "'", "office");
            }
            named.add(code);
        }
        if (caller.unrestricted()) {
            return named;
        }
        if (!named.isEmpty()) {
            for (String holder : named) {
                AccessDecision d = gate.dossier(caller, holder);
                if (!d.isAllowed()) {
                    throw new AccessDeniedException(d);
                }
            }
            return named;
        }
        Set<String> visible = new TreeSet<>();
        visible.add(caller.office());
        for (String holder : new LinkedHashSet<>(knownOffices)) {
            if (gate.dossier(caller, holder).isAllowed()) {
                visible.add(holder);
            }
        }
        return visible;
    }

    /** Writes the package for {@code caller} to a temporary file. */
    public ExportedPackage export(Caller caller, Instant since, Collection<String> offices, Dialect dialect)
            throws IOException {
        Set<String> covered = offices(caller, offices);
        deleteAbandoned();
        String packageId = UUID.randomUUID().toString();
        Path file = workDir.resolve(packageId + ".zip");
        MessageDigest sha256 = SubmissionStore.sha256();
        ExportSummary summary;
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), sha256)) {
            summary = engine.export(new ExportRequest(since, covered, dialect == null ? Dialect.CANONICAL : dialect,
                    packageId), caller, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        metrics.bulkExportItems(summary.items());
        return new ExportedPackage(file, summary.packageId(), summary.items(), Files.size(file),
                HexFormat.of().formatHex(sha256.digest()));
    }
}
