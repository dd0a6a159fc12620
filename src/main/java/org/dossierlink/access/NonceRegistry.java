package org.dossierlink.access;

import java.time.Instant;

/**
 * The WS-Security UsernameToken nonces accepted so far, shared by every node that uses it, so that a
 * token accepted by one node is a replay at every other. Thread-safe.
 */
public interface NonceRegistry {

    /**
     * Records {@code nonce} as used until {@code expiry}, in one atomic step.
     *
     * @return true when the nonce was not recorded before (or only with an expiry already past): the
     *         token may be accepted; false when it is a replay
     */
    boolean firstUse(String nonce, Instant expiry);
}
