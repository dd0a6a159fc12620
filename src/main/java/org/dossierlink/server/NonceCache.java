package org.dossierlink.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.wss4j.common.cache.ReplayCache;

/**
 * The UsernameToken nonces seen recently, so that a token cannot be replayed: WSS4J asks
 * {@link #contains} and then {@link #add}s each verified token's nonce. A nonce is kept until its token
 * would be refused as too old anyway (the token time-to-live plus the allowed clock skew), and the map is
 * swept of expired entries as it grows; beyond {@code maxEntries} live nonces the oldest are not evicted
 * (that would reopen replay): new tokens are refused until entries expire, which only a flood of valid
 * tokens from authenticated offices could cause and which the request quotas bound first.
 */
final class NonceCache implements ReplayCache {

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Duration keep;
    private final Clock clock;
    private final int maxEntries;
    private final AtomicLong nextSweep = new AtomicLong();

    NonceCache(Duration keep, int maxEntries, Clock clock) {
        this.keep = Objects.requireNonNull(keep, "keep");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    @Override
    public void add(String identifier) {
        add(identifier, null);
    }

    @Override
    public void add(String identifier, Instant expiry) {
        Instant now = clock.instant();
        Instant until = now.plus(keep);
        if (expiry != null && expiry.isAfter(until)) {
            until = expiry;
        }
        sweep(now);
        if (seen.size() >= maxEntries) {
            throw new IllegalStateException("the nonce cache holds " + maxEntries + " live nonces; refusing new tokens"
                    + " until they expire");
        }
        seen.put(identifier, until);
    }

    @Override
    public boolean contains(String identifier) {
        Instant until = seen.get(identifier);
        if (until == null) {
            return false;
        }
        if (until.isBefore(clock.instant())) {
            seen.remove(identifier, until);
            return false;
        }
        return true;
    }

    private void sweep(Instant now) {
        long next = nextSweep.get();
        if (now.toEpochMilli() < next && seen.size() < maxEntries) {
            return;
        }
        if (!nextSweep.compareAndSet(next, now.toEpochMilli() + 1000)) {
            return;
        }
        for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().isBefore(now)) {
                it.remove();
            }
        }
    }

    @Override
    public void close() {
        seen.clear();
    }
}
