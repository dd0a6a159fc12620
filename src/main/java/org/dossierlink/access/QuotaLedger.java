package org.dossierlink.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Per-office quotas on this node: requests per minute (a window per clock minute) and response bytes per
 * UTC day. {@link #admit} counts a request and says where the office stands; {@link #addBytes} counts what
 * was sent. Counts live in memory: each node of a cluster enforces its own share. Thread-safe; the
 * per-request cost is one map lookup and a short lock on the office's own counters.
 */
public final class QuotaLedger {

    private final Function<String, Quota> quotas;
    private final Clock clock;
    private final ConcurrentMap<String, Counters> counters = new ConcurrentHashMap<>();

    /**
     * @param quotas the quota of each office ({@link Quota#UNLIMITED} for an office without one)
     */
    public QuotaLedger(Function<String, Quota> quotas, Clock clock) {
        this.quotas = Objects.requireNonNull(quotas, "quotas");
        this.clock = Objects.requireNonNull(clock, "clock");
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
            boolean bytesOver = quota.bytesPerDay() > 0 && c.bytes >= quota.bytesPerDay();
            boolean requestsOver = quota.requestsPerMinute() > 0 && c.requests >= quota.requestsPerMinute();
            if (bytesOver || requestsOver) {
                Duration retry = bytesOver ? Duration.between(now, c.day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                        : Duration.between(now, Instant.ofEpochSecond((c.minute + 1) * 60));
                return new Standing(false, c.requests, quota.requestsPerMinute(), c.bytes, quota.bytesPerDay(),
                        retry.isNegative() ? Duration.ZERO : retry, bytesOver ? "bytes-per-day" : "requests-per-minute");
            }
            c.requests++;
            return new Standing(true, c.requests, quota.requestsPerMinute(), c.bytes, quota.bytesPerDay(),
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
            c.bytes += bytes;
        }
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

    private static final class Counters {
        private long minute = Long.MIN_VALUE;
        private long requests;
        private LocalDate day;
        private long bytes;

        void roll(Instant now) {
            long m = now.getEpochSecond() / 60;
            if (m != minute) {
                minute = m;
                requests = 0;
            }
            LocalDate d = LocalDate.ofInstant(now, ZoneOffset.UTC);
            if (!d.equals(day)) {
                day = d;
                bytes = 0;
            }
        }
    }
}
