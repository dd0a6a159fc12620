package org.dossierlink.linkage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.dossierlink.access.NonceRegistry;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SignatureRejectedException;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Accepts a forwarded request's {@code msg:Linkage} header only when it comes from a configured peer:
 * signed by that peer's certificate (and no other), issued at most {@code maxAge} ago and not more than a
 * minute ahead of this node's clock, and never seen before (its signed Id is remembered for the age window:
 * in this node's memory, or, for nodes on one shared store, in the store's nonce registry, so that an
 * assertion accepted by one of them is a replay at the others). Thread-safe.
 */
public final class LinkageAssertionCheck {

    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final int MAX_REMEMBERED = 1_000_000;

    private final Peers peers;
    private final Clock clock;
    private final Duration maxAge;
    private final VerificationLimits limits;
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final NonceRegistry shared;

    public LinkageAssertionCheck(Peers peers, Clock clock, Duration maxAge, VerificationLimits limits) {
        this(peers, clock, maxAge, limits, null);
    }

    /**
     * @param shared the nonce registry of nodes on one store (the assertion ids go there, prefixed
     *               {@code linkage:}), or null to remember them in this node's memory
     */
    public LinkageAssertionCheck(Peers peers, Clock clock, Duration maxAge, VerificationLimits limits,
                                 NonceRegistry shared) {
        this.shared = shared;
        this.peers = Objects.requireNonNull(peers, "peers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * @param header the header element as received
     * @return what it asserts
     * @throws LinkageRefusedException saying which check failed
     */
    public LinkageAssertion verify(Element header) {
        Document own = SecureXml.newDocument();
        Element copy = (Element) own.importNode(header, true);
        own.appendChild(copy);
        LinkageAssertion assertion = LinkageAssertion.read(copy);
        Peer peer = peers.named(assertion.fromNode()).orElseThrow(() -> new LinkageRefusedException(
                "the Linkage header comes from '" + assertion.fromNode() + "', which is not a configured peer of this node"));
        Instant now = clock.instant();
        try {
            new SignatureVerifier(peer.trust(), limits).verify(copy, now);
        } catch (SignatureRejectedException e) {
            throw new LinkageRefusedException("the Linkage header from peer " + peer.name()
                    + " is not signed by its configured certificate: " + e.getMessage(), e);
        }
        if (assertion.issued().isBefore(now.minus(maxAge)) || assertion.issued().isAfter(now.plus(SKEW))) {
            throw new LinkageRefusedException("the Linkage header from peer " + peer.name() + " was issued at "
                    + assertion.issued() + ", outside " + maxAge.toSeconds() + " s before and " + SKEW.toSeconds()
                    + " s after this node's clock (" + now + ")");
        }
        String id = peer.name() + "/" + copy.getAttributeNS(null, PayloadSigner.ID_ATTRIBUTE);
        Instant expiry = assertion.issued().plus(maxAge).plus(SKEW);
        boolean first;
        if (shared != null) {
            first = shared.firstUse("linkage:" + id, expiry);
        } else {
            forgetExpired(now);
            first = seen.putIfAbsent(id, expiry) == null;
        }
        if (!first) {
            throw new LinkageRefusedException("the Linkage header from peer " + peer.name()
                    + " has been used before: a forwarded request is accepted once");
        }
        return assertion;
    }

    private void forgetExpired(Instant now) {
        if (seen.size() < MAX_REMEMBERED / 2 && (seen.size() & 1023) != 0) {
            return;
        }
        for (Iterator<Instant> i = seen.values().iterator(); i.hasNext();) {
            if (i.next().isBefore(now)) {
                i.remove();
            }
        }
    }
}
