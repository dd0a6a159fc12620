package org.dossierlink.linkage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each peer is reachable, for {@code /health/ready}: a GetServiceInfo call under a short timeout,
 * remembered for a few seconds so that readiness probes do not hammer the peers (concurrent probes share
 * one call). Thread-safe.
 */
public final class PeerHealth {

    /** One peer's reachability as last checked. */
    public record Reachability(boolean reachable, String detail, Instant checked) {
    }

    private record Probe(Instant started, CompletableFuture<Reachability> result) {
    }

    private final Linkage linkage;
    private final Clock clock;
    private final Duration cacheFor;
    private final Duration probeTimeout;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();

    public PeerHealth(Linkage linkage, Clock clock, Duration cacheFor, Duration probeTimeout) {
        this.linkage = Objects.requireNonNull(linkage, "linkage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cacheFor = Objects.requireNonNull(cacheFor, "cacheFor");
        this.probeTimeout = Objects.requireNonNull(probeTimeout, "probeTimeout");
    }

    /** The peer's reachability, from a probe at most {@code cacheFor} old (waits for a probe in flight). */
    public Reachability check(Peer peer) {
        Instant now = clock.instant();
        Probe probe = probes.compute(peer.name(), (name, old) -> old != null && old.started.plus(cacheFor).isAfter(now)
                ? old : new Probe(now, start(peer)));
        return probe.result.join();
    }

    private CompletableFuture<Reachability> start(Peer peer) {
        Duration timeout = peer.timeout().compareTo(probeTimeout) < 0 ? peer.timeout() : probeTimeout;
        return linkage.probe(peer, timeout).thenApply(a -> new Reachability(a.answered(),
                a.answered() ? "reachable, answered GetServiceInfo in " + a.took().toMillis() + " ms"
                        : a.status().wireName() + ": " + a.detail(), clock.instant()));
    }
}
