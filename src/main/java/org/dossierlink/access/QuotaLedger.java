package org.dossierlink.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-office quotas: requests per minute (a window per clock minute) and response bytes per UTC day.
 * {@link #admit} counts a request and says where the office stands; {@link #addBytes} counts what was
 * sent. Thread-safe; the per-request cost is one map lookup and a short lock on the office's own
 * counters, never a database round trip.
 *
 * <p><b>One node</b> ({@link #QuotaLedger(Function, Clock)}): the counts live in memory.
 *
 * <p><b>Several nodes on one store</b> ({@link #shared}): each node still counts in memory, and every
 * {@code syncEvery} (about a second) hands what it counted since to the {@link SharedQuotaCounts} and
 * takes back the totals of all nodes. A request is checked against those totals plus what this node
 * counted since, so the nodes together hold an office to one quota. Between two exchanges a node does
 * not see the others' latest requests: with N nodes an office can exceed its per-minute limit by what
 * the other N-1 nodes admitted in the last interval, and no more. If the store does not answer, the
 * counts are kept and exchanged at the next try (a warning is logged); each node then enforces what it
 * knows.
 */
public final class QuotaLedger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaLedger.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Function<String, Quota> quotas;
    private final Clock clock;
    private final ConcurrentMap<String, Counters> counters = new ConcurrentHashMap<>();
    private final SharedQuotaCounts shared;
    private final ScheduledExecutorService syncer;
    private final Object syncing = new Object();
    private long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;

    /**
     * Counts in memory, for one node.
     *
     * @param quotas the quota of each office ({@link Quota#UNLIMITED} for an office without one)
     */
    public QuotaLedger(Function<String, Quota> quotas, Clock clock) {
        this(quotas, clock, null, null);
    }

    private QuotaLedger(Function<String, Quota> quotas, Clock clock, SharedQuotaCounts shared, Duration syncEvery) {
        this.quotas = Objects.requireNonNull(quotas, "quotas");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.shared = shared;
        if (shared == null) {
            this.syncer = null;
            return;
        }
        if (syncEvery.isNegative() || syncEvery.isZero()) {
            throw new IllegalArgumentException("syncEvery must be positive");
        }
        this.syncer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dossierlink-quota-sync");
            t.setDaemon(true);
            return t;
        });
        long millis = syncEvery.toMillis();
        syncer.scheduleWithFixedDelay(this::syncQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Counts in memory and exchanges the counts with the other nodes of the store through {@code counts}
     * every {@code syncEvery}, on a thread of its own; {@link #close} stops it after a last exchange.
     */
    public static QuotaLedger shared(Function<String, Quota> quotas, Clock clock, SharedQuotaCounts counts,
                                     Duration syncEvery) {
        return new QuotaLedger(quotas, clock, Objects.requireNonNull(counts, "counts"),
                Objects.requireNonNull(syncEvery, "syncEvery"));
    }

    /**
     * Counts one request of {@code office} unless it is over quota.
     *
     * @return where the office stands after this request; {@link Standing#admitted()} false means refuse
     *         it and tell the caller to retry after {@link Standing#retryAfter()}
     */
    public Standing admit(String office) {
        Quota quota = quotas.apply(office);
        if (quota == null || quota.unlimited()) {
            return Standing.unlimited();
        }
        Instant now = clock.instant();
        Counters c = counters.computeIfAbsent(office, o -> new Counters());
        synchronized (c) {
            c.roll(now);
            long requests = c.requests();
            long bytes = c.bytes();
            boolean bytesOver = quota.bytesPerDay() > 0 && bytes >= quota.bytesPerDay();
            boolean requestsOver = quota.requestsPerMinute() > 0 && requests >= quota.requestsPerMinute();
            if (bytesOver || requestsOver) {
                Duration retry = bytesOver
                        ? Duration.between(now, LocalDate.ofEpochDay(c.day + 1).atStartOfDay(ZoneOffset.UTC).toInstant())
                        : Duration.between(now, Instant.ofEpochSecond((c.minute + 1) * 60));
                return new Standing(false, requests, quota.requestsPerMinute(), bytes, quota.bytesPerDay(),
                        retry.isNegative() ? Duration.ZERO : retry, bytesOver ? "bytes-per-day" : "requests-per-minute");
            }
            c.localRequests++;
            return new Standing(true, requests + 1, quota.requestsPerMinute(), bytes, quota.bytesPerDay(),
                    Duration.ZERO, null);
        }
    }

    /**
     * Where {@code office} stands now, as {@link #admit} would see it, without counting a request: with
     * several nodes, every node's counts as of the last exchange and this node's since.
     */
    public Standing standing(String office) {
        Quota quota = quotas.apply(office);
        if (quota == null || quota.unlimited()) {
            return Standing.unlimited();
        }
        Counters c = counters.computeIfAbsent(office, o -> new Counters());
        synchronized (c) {
            c.roll(clock.instant());
            return new Standing(true, c.requests(), quota.requestsPerMinute(), c.bytes(), quota.bytesPerDay(),
                    Duration.ZERO, null);
        }
    }

    /** Adds the bytes of an answer sent to {@code office} to its day's count. */
    public void addBytes(String office, long bytes) {
        if (bytes <= 0) {
            return;
        }
        Quota quota = quotas.apply(office);
        if (quota == null || quota.bytesPerDay() <= 0) {
            return;
        }
        Counters c = counters.computeIfAbsent(office, o -> new Counters());
        synchronized (c) {
            c.roll(clock.instant());
            c.localBytes += bytes;
        }
    }

    /**
     * Hands what this node counted since the last exchange to the shared counts and takes back every
     * node's totals. Runs by itself every {@code syncEvery}; callable at any time (tests, shutdown).
     * Does nothing on a node without shared counts.
     *
     * @throws RuntimeException when the store fails; the counts are kept for the next exchange
     */
    public void sync() {
        if (shared == null) {
            return;
        }
        synchronized (syncing) {
            Instant now = clock.instant();
            long minute = Counters.minuteOf(now);
            long day = Counters.dayOf(now);
            Map<String, SharedQuotaCounts.Usage> deltas = new HashMap<>();
            counters.forEach((office, c) -> {
                synchronized (c) {
                    c.roll(now);
                    c.sendingRequests = c.localRequests;
                    c.sendingBytes = c.localBytes;
                    c.localRequests = 0;
                    c.localBytes = 0;
                    if (c.sendingRequests > 0 || c.sendingBytes > 0) {
                        deltas.put(office, new SharedQuotaCounts.Usage(c.sendingRequests, c.sendingBytes));
                    }
                }
            });
            Map<String, SharedQuotaCounts.Usage> totals;
            try {
                totals = shared.exchange(minute, day, deltas);
            } catch (RuntimeException e) {
                counters.values().forEach(c -> {
                    synchronized (c) {
                        if (c.minute == minute) {
                            c.localRequests += c.sendingRequests;
                        }
                        if (c.day == day) {
                            c.localBytes += c.sendingBytes;
                        }
                        c.sendingRequests = 0;
                        c.sendingBytes = 0;
                    }
                });
                throw e;
            }
            totals.forEach((office, usage) -> counters.computeIfAbsent(office, o -> new Counters()));
            counters.forEach((office, c) -> {
                SharedQuotaCounts.Usage usage = totals.getOrDefault(office, new SharedQuotaCounts.Usage(0, 0));
                synchronized (c) {
                    c.roll(now);
                    if (c.minute == minute) {
                        c.sharedRequests = usage.requests();
                    }
                    if (c.day == day) {
                        c.sharedBytes = usage.bytes();
                    }
                    c.sendingRequests = 0;
                    c.sendingBytes = 0;
                }
            });
        }
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            long t = System.nanoTime();
            if (t - lastWarning >= WARN_EVERY_NANOS) {
                lastWarning = t;
                LOG.warn("could not exchange the quota counts with the store (each node enforces what it counted"
                        + " until it can): {}", e.getMessage());
            }
        }
    }

    /** Stops exchanging, after a last exchange so the other nodes see this node's final counts. */
    @Override
    public void close() {
        if (syncer == null) {
            return;
        }
        syncer.shutdownNow();
        try {
            syncer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        syncQuietly();
    }

    /**
     * Where an office stands.
     *
     * @param admitted      false: over quota, refuse the request
     * @param requests      requests counted in the current minute (this one included when admitted)
     * @param requestLimit  requests allowed per minute, 0 for no limit
     * @param bytes         bytes sent today (UTC)
     * @param byteLimit     bytes allowed per day, 0 for no limit
     * @param retryAfter    when a refused caller may try again
     * @param exceeded      which limit was reached (requests-per-minute, bytes-per-day), or null
     */
    public record Standing(boolean admitted, long requests, long requestLimit, long bytes, long byteLimit,
                           Duration retryAfter, String exceeded) {

        private static final Standing UNLIMITED = new Standing(true, 0, 0, 0, 0, Duration.ZERO, null);

        public static Standing unlimited() {
            return UNLIMITED;
        }

        /**
         * The traffic light, like EPO OPS: green below half of a limit, yellow below 90 %, red above,
         * black when refused; idle for an office without quota.
         */
        public String colour() {
            if (!admitted) {
                return "black";
            }
            if (requestLimit == 0 && byteLimit == 0) {
                return "idle";
            }
            double used = Math.max(requestLimit == 0 ? 0 : (double) requests / requestLimit,
                    byteLimit == 0 ? 0 : (double) bytes / byteLimit);
            return used < 0.5 ? "green" : used < 0.9 ? "yellow" : "red";
        }

        /**
         * The {@code X-Throttling-Control} header value, e.g.
         * {@code green (requests=12/600 per minute, bytes=1048576/10737418240 per day)}.
         */
        public String header() {
            StringBuilder s = new StringBuilder(colour());
            if (requestLimit == 0 && byteLimit == 0) {
                return s.toString();
            }
            s.append(" (");
            if (requestLimit > 0) {
                s.append("requests=").append(requests).append('/').append(requestLimit).append(" per minute");
            }
            if (byteLimit > 0) {
                if (requestLimit > 0) {
                    s.append(", ");
                }
                s.append("bytes=").append(bytes).append('/').append(byteLimit).append(" per day");
            }
            return s.append(')').toString();
        }

        /** Whole seconds to wait, at least 1 when refused. */
        public long retryAfterSeconds() {
            long s = (retryAfter.toMillis() + 999) / 1000;
            return admitted ? s : Math.max(1, s);
        }
    }

    /**
     * One office's counts in the current minute and day: those of every node as of the last exchange
     * ({@code shared*}), those handed to an exchange in progress ({@code sending*}), and those counted
     * here since ({@code local*}). On a node without shared counts only the local ones grow.
     */
    private static final class Counters {
        private long minute = Long.MIN_VALUE;
        private long day = Long.MIN_VALUE;
        private long sharedRequests;
        private long sendingRequests;
        private long localRequests;
        private long sharedBytes;
        private long sendingBytes;
        private long localBytes;

        static long minuteOf(Instant now) {
            return Math.floorDiv(now.getEpochSecond(), 60);
        }

        static long dayOf(Instant now) {
            return Math.floorDiv(now.getEpochSecond(), 86_400);
        }

        long requests() {
            return sharedRequests + sendingRequests + localRequests;
        }

        long bytes() {
            return sharedBytes + sendingBytes + localBytes;
        }

        void roll(Instant now) {
            long m = minuteOf(now);
            if (m != minute) {
                minute = m;
                sharedRequests = 0;
                sendingRequests = 0;
                localRequests = 0;
            }
            long d = dayOf(now);
            if (d != day) {
                day = d;
                sharedBytes = 0;
                sendingBytes = 0;
                localBytes = 0;
            }
        }
    }
}
