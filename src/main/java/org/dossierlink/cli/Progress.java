package org.dossierlink.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A progress report for long CLI work: count, rate and ETA. On a terminal one line is redrawn in place
 * (at most five times a second); otherwise a plain line is written every {@link #PLAIN_EVERY} (or the
 * interval the command was given), so logs and pipes get a readable trace. Goes to standard error; results stay on standard output.
 */
public final class Progress implements AutoCloseable {

    static final Duration PLAIN_EVERY = Duration.ofSeconds(10);
    private static final long REDRAW_NANOS = Duration.ofMillis(200).toNanos();

    private final String what;
    private final String unit;
    private final long total;
    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long plainEveryNanos;
    private final long started;
    private long done;
    private long lastShown;
    private int lastWidth;
    private boolean finished;

    Progress(String what, String unit, long total, PrintWriter err, boolean terminal, LongSupplier nanoTime) {
        this(what, unit, total, err, terminal, nanoTime, PLAIN_EVERY);
    }

    /** @param plainEvery the interval between plain lines (not on a terminal); zero writes one per advance */
    Progress(String what, String unit, long total, PrintWriter err, boolean terminal, LongSupplier nanoTime,
            Duration plainEvery) {
        if (plainEvery.isNegative()) {
            throw new IllegalArgumentException("negative progress interval " + plainEvery);
        }
        this.plainEveryNanos = plainEvery.toNanos();
        this.what = Objects.requireNonNull(what, "what");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.total = total;
        this.err = Objects.requireNonNull(err, "err");
        this.terminal = terminal;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.started = nanoTime.getAsLong();
        this.lastShown = started;
    }

    /** On the process's terminal when there is one. */
    public static Progress of(String what, String unit, long total, PrintWriter err) {
        return of(what, unit, total, err, PLAIN_EVERY);
    }

    /** On the process's terminal when there is one; elsewhere a plain line at most every {@code plainEvery}. */
    public static Progress of(String what, String unit, long total, PrintWriter err, Duration plainEvery) {
        return new Progress(what, unit, total, err, System.console() != null, System::nanoTime, plainEvery);
    }

    public void advance(long n) {
        done += n;
        long now = nanoTime.getAsLong();
        long every = terminal ? REDRAW_NANOS : plainEveryNanos;
        if (now - lastShown >= every) {
            show(now, false);
            lastShown = now;
        }
    }

    /** The work is done: the last line, with the total time. */
    public void finish() {
        show(nanoTime.getAsLong(), true);
        finished = true;
    }

    /** Without {@link #finish()} (the work failed): only ends a redrawn line, so an error starts on its own. */
    @Override
    public void close() {
        if (!finished && terminal && lastWidth > 0) {
            err.print(System.lineSeparator());
            err.flush();
        }
    }

    /** "import: 1,234/10,000 files, 56.7/s, ETA 2m35s" */
    String line(long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double rate = done / seconds;
        StringBuilder b = new StringBuilder(what).append(": ")
                .append(String.format(Locale.ROOT, "%,d", done));
        if (total > 0) {
            b.append(String.format(Locale.ROOT, "/%,d", total));
        }
        b.append(' ').append(unit).append(String.format(Locale.ROOT, ", %.1f/s", rate));
        if (total > 0 && done < total && rate > 0) {
            b.append(", ETA ").append(duration(Duration.ofSeconds(Math.round((total - done) / rate))));
        } else if (done >= total && total > 0) {
            b.append(", done in ").append(duration(Duration.ofMillis(Math.round(seconds * 1000))));
        }
        return b.toString();
    }

    private void show(long now, boolean last) {
        String line = line(now);
        if (terminal) {
            String pad = line.length() < lastWidth ? " ".repeat(lastWidth - line.length()) : "";
            err.print("\r" + line + pad + (last ? System.lineSeparator() : ""));
            lastWidth = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}
