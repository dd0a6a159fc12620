package org.dossierlink.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.apache.wss4j.common.cache.ReplayCache;
import org.dossierlink.access.NonceRegistry;

/**
 * WSS4J's replay cache over a {@link NonceRegistry} that the nodes of one store share. WSS4J asks
 * {@link #contains} and then, for a nonce not seen, {@link #add}s it; between the two another node could
 * accept the same nonce. So {@link #contains} does the whole check in one atomic step: it records the
 * nonce (kept for {@code keep}: the token time-to-live plus the allowed clock skew, after which the token
 * is refused as too old anyway) and answers whether it was there already. {@link #add} then finds it
 * recorded.
 */
final class SharedReplayCache implements ReplayCache {

    private final NonceRegistry registry;
    private final Duration keep;
    private final Clock clock;

    SharedReplayCache(NonceRegistry registry, Duration keep, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.keep = Objects.requireNonNull(keep, "keep");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean contains(String identifier) {
        return !registry.firstUse(identifier, clock.instant().plus(keep));
    }

    @Override
    public void add(String identifier) {
        // recorded by contains, which WSS4J always asks first
    }

    @Override
    public void add(String identifier, Instant expiry) {
        // recorded by contains, with an expiry at least as late as this one
    }

    @Override
    public void close() {
        // the registry belongs to the store, which its owner closes
    }
}
