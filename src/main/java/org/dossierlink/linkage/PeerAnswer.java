package org.dossierlink.linkage;

import java.time.Duration;
import java.util.Objects;

import org.w3c.dom.Element;

/**
 * What one peer answered to one forwarded request.
 *
 * @param peer        the peer asked
 * @param status      how it answered
 * @param took        from sending to the answer (or to giving up)
 * @param payload     the verified signed answer element (its own document), only when {@code status} is ANSWERED
 * @param attachments the MTOM attachments that came with it, by Content-ID (without angle brackets)
 * @param fault       the typed fault it answered with, only when {@code status} is REFUSED
 * @param detail      for a person: what happened
 */
public record PeerAnswer(Peer peer, PeerStatus status, Duration took, Element payload,
                         java.util.Map<String, byte[]> attachments, PeerFault fault, String detail) {

    public PeerAnswer {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(took, "took");
        attachments = attachments == null ? java.util.Map.of() : java.util.Map.copyOf(attachments);
        if ((status == PeerStatus.ANSWERED) != (payload != null)) {
            throw new IllegalArgumentException("a payload comes with, and only with, an answered call");
        }
    }

    static PeerAnswer failed(Peer peer, PeerStatus status, Duration took, String detail) {
        return new PeerAnswer(peer, status, took, null, null, null, detail);
    }

    /** True when the peer's answer is usable in full. */
    public boolean answered() {
        return status == PeerStatus.ANSWERED;
    }
}
