package org.dossierlink.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

import org.dossierlink.InvalidRequestException;

/**
 * The submitted packages, kept in the bulk work folder so that they outlive a restart: under
 * {@code packages/} each package's bytes ({@code TICKET.package}), under {@code submissions/} what is known
 * of it ({@code TICKET.properties}: submitter, name, size, SHA-256, state), under {@code receipts/} its
 * signed receipt once written. An upload is spooled to {@code incoming/} first, counted and digested as it
 * is written, and moved into place only when complete and within the size limit. Each properties file is
 * replaced atomically. Thread-safe.
 */
public final class SubmissionStore {

    private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final Path incoming;
    private final Path packages;
    private final Path submissions;
    private final Path receipts;
    private final Path exports;

    public SubmissionStore(Path workDir) {
        this.incoming = workDir.resolve("incoming");
        this.packages = workDir.resolve("packages");
        this.submissions = workDir.resolve("submissions");
        this.receipts = workDir.resolve("receipts");
        this.exports = workDir.resolve("exports");
        try {
            for (Path dir : List.of(incoming, packages, submissions, receipts, exports)) {
                Files.createDirectories(dir);
            }
            // uploads and exports cut short by a stop or a crash: nothing refers to them
            deleteAll(incoming);
            deleteAll(exports);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the bulk work folder " + workDir + ": " + e.getMessage(), e);
        }
    }

    /** Where uploads arrive before they are complete (emptied at start-up). */
    public Path incomingDir() {
        return incoming;
    }

    /** Where temporary export packages are written (emptied at start-up). */
    public Path exportsDir() {
        return exports;
    }

    /**
     * Spools an upload: writes it to a new file, at most {@code maxBytes}, and records it QUEUED under a new
     * ticket.
     *
     * @throws PackageTooLargeException past {@code maxBytes} (the partial file is deleted)
     */
    public Submission spool(InputStream content, String submitter, boolean unrestricted, String packageName,
                            long maxBytes, Instant now) throws IOException {
        String ticket = UUID.randomUUID().toString();
        Path part = incoming.resolve(ticket + ".part");
        MessageDigest sha256 = sha256();
        long size = 0;
        try {
            try (OutputStream out = Files.newOutputStream(part)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = content.read(buffer)) >= 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new PackageTooLargeException(maxBytes);
                    }
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (size == 0) {
                throw new InvalidRequestException("the package is empty: attach the ZIP or XML package as the package"
                        + " element (MTOM)", "package");
            }
            Files.move(part, packageFile(ticket), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        Submission s = new Submission(ticket, submitter, unrestricted, packageName, now, size,
                HexFormat.of().formatHex(sha256.digest()), Submission.State.QUEUED, null, null);
        save(s);
        return s;
    }

    /** The spooled package of a ticket. */
    public Path packageFile(String ticket) {
        return packages.resolve(checked(ticket) + ".package");
    }

    /** Where a ticket's signed receipt is kept once written. */
    public Path receiptFile(String ticket) {
        return receipts.resolve(checked(ticket) + ".xml");
    }

    /** The submission with this ticket; empty for an unknown (or malformed) ticket. */
    public Optional<Submission> find(String ticket) {
        if (ticket == null || !TICKET.matcher(ticket).matches()) {
            return Optional.empty();
        }
        Path file = submissions.resolve(ticket + ".properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(new Submission(ticket, p.getProperty("submitter"),
                Boolean.parseBoolean(p.getProperty("unrestricted")), p.getProperty("name"),
                Instant.parse(p.getProperty("received")), Long.parseLong(p.getProperty("size")), p.getProperty("sha256"),
                Submission.State.valueOf(p.getProperty("state")), p.getProperty("reason"), p.getProperty("run")));
    }

    /** Every submission on record, in no particular order. */
    public List<Submission> all() {
        List<Submission> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(submissions, "*.properties")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                find(name.substring(0, name.length() - ".properties".length())).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + submissions + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Records a submission's new state (the file is replaced atomically). */
    public void save(Submission s) {
        Properties p = new Properties();
        p.setProperty("submitter", s.submitter());
        p.setProperty("unrestricted", Boolean.toString(s.unrestricted()));
        if (s.packageName() != null) {
            p.setProperty("name", s.packageName());
        }
        p.setProperty("received", s.receivedAt().toString());
        p.setProperty("size", Long.toString(s.size()));
        p.setProperty("sha256", s.sha256());
        p.setProperty("state", s.state().name());
        if (s.reason() != null) {
            p.setProperty("reason", s.reason());
        }
        p.setProperty("run", s.runTicket());
        Path file = submissions.resolve(checked(s.ticket()) + ".properties");
        try {
            Path tmp = Files.createTempFile(submissions, s.ticket(), ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, null);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String checked(String ticket) {
        if (ticket == null || !TICKET.matcher(ticket).matches()) {
            throw new IllegalArgumentException("not a ticket: " + ticket);
        }
        return ticket;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }
}
