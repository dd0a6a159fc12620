package org.dossierlink.linkage;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

import org.dossierlink.signature.PayloadSigner;

/**
 * This node's side of the linkage: asks peers on behalf of a calling office. Each call carries a
 * {@link LinkageAssertion} signed by this node, runs under its peer's own timeout, and ends as a
 * {@link PeerAnswer} (never an exception); a fan-out asks every peer at once and waits for each at most its
 * timeout, so a slow or dead peer costs at most its own timeout. Every call is reported to the listener
 * (metrics). Thread-safe.
 */
public final class Linkage {

    /** Told about every peer call: for metrics. */
    @FunctionalInterface
    public interface CallListener {
        void called(String peer, String operation, PeerStatus status, Duration took);
    }

    private final Peers peers;
    private final PeerClient client;
    private final PayloadSigner signer;
    private final Clock clock;
    private final CallListener listener;
    private final Executor helper;

    public Linkage(Peers peers, PeerClient client, PayloadSigner signer, Clock clock, CallListener listener) {
        this(peers, client, signer, clock, listener, ForkJoinPool.commonPool());
    }

    /** @param helper where a second thread signs and sends the calls of a fan-out beside the calling thread */
    Linkage(Peers peers, PeerClient client, PayloadSigner signer, Clock clock, CallListener listener, Executor helper) {
        this.helper = Objects.requireNonNull(helper, "helper");
        this.peers = Objects.requireNonNull(peers, "peers");
        this.client = Objects.requireNonNull(client, "client");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public Peers peers() {
        return peers;
    }

    public String nodeName() {
        return peers.self();
    }

    /**
     * Starts asking every target at once; each future completes within its peer's timeout, or within
     * {@code budget} when that is shorter (a node answering a forwarded request has only part of its
     * caller's patience). Each target's signed assertion says how long it is waited for.
     *
     * @param budget the longest this node may wait, or null for each peer's own timeout
     */
    public List<CompletableFuture<PeerAnswer>> askAll(List<Peer> targets, Route route, String operation, byte[] body,
                                                     String office, String requestId, Duration budget) {
        if (targets.isEmpty()) {
            return List.of();
        }
        Route onward = route.forwardedTo(peers.self(), targets);
        LinkageAssertion assertion = new LinkageAssertion(peers.self(), office, requestId, clock.instant(), onward.hops(),
                onward.visited());
        int n = targets.size();
        @SuppressWarnings("unchecked")
        CompletableFuture<PeerAnswer>[] calls = new CompletableFuture[n];
        RuntimeException[] failures = new RuntimeException[n];
        // Each call is sent as soon as its header is signed. With several targets a helper thread signs and
        // sends too, taking the next unsigned target, so the second peer is not kept waiting for the first
        // peer's signature; the calling thread never waits for the helper to start (it signs whatever is
        // left itself), only for a header the helper has already taken to be sent.
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        Runnable signAndSend = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                Peer p = targets.get(i);
                try {
                    Duration timeout = budget != null && budget.compareTo(p.timeout()) < 0 ? budget : p.timeout();
                    byte[] header = assertion.withBudget(timeout).sign(signer);
                    calls[i] = call(p, operation, header, body, timeout, requestId);
                } catch (RuntimeException e) {
                    failures[i] = e;
                } finally {
                    done.countDown();
                }
            }
        };
        if (n > 1) {
            helper.execute(signAndSend);
        }
        signAndSend.run();
        awaitUninterruptibly(done);
        for (RuntimeException failure : failures) {
            if (failure != null) {
                throw failure; // as a header that cannot be signed always has: the request fails
            }
        }
        return List.of(calls);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks one peer (a proxied retrieval) and waits for its answer, at most its timeout or the budget. */
    public PeerAnswer ask(Peer peer, Route route, String operation, byte[] body, String office, String requestId,
                          Duration budget) {
        return askAll(List.of(peer), route, operation, body, office, requestId, budget).get(0).join();
    }

    /** A cheap call without an assertion (GetServiceInfo is public), for readiness probes. */
    public CompletableFuture<PeerAnswer> probe(Peer peer, Duration timeout) {
        byte[] body = "<msg:GetServiceInfo xmlns:msg=\"urn:dossierlink:messages:1\"/>"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return client.call(peer, "GetServiceInfo", null, body, timeout, null)
                .whenComplete((a, e) -> report(peer, "GetServiceInfo", a));
    }

    private CompletableFuture<PeerAnswer> call(Peer peer, String operation, byte[] header, byte[] body, Duration timeout,
                                               String requestId) {
        return client.call(peer, operation, header, body, timeout, requestId)
                .whenComplete((a, e) -> report(peer, operation, a));
    }

    private void report(Peer peer, String operation, PeerAnswer a) {
        if (a != null) {
            listener.called(peer.name(), operation, a.status(), a.took());
        }
    }
}
