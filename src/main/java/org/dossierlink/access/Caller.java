package org.dossierlink.access;

import java.util.Objects;

/**
 * Who is calling: the office a request acts for, and how that was established.
 *
 * @param office ST.3 code of the calling office
 * @param proof  how the office was established
 */
public record Caller(String office, Proof proof) {

    /** The office a demo node answers as when the caller names none: it sees all data. */
    public static final String DEMO_OFFICE = "DEMO";

    /** A demo node's caller that named no office. */
    public static final Caller DEMO = new Caller(DEMO_OFFICE, Proof.DEMO_DEFAULT);

    /** How the calling office was established. */
    public enum Proof {
        /** A WS-Security UsernameToken that verified against the office's credentials. */
        USERNAME_TOKEN,
        /** A TLS client certificate whose fingerprint is configured for the office. */
        CLIENT_CERTIFICATE,
        /** Named in the CallingOffice header of a demo node: not authenticated. */
        DEMO_HEADER,
        /** A demo node's default: not authenticated, sees everything. */
        DEMO_DEFAULT,
        /**
         * Forwarded by a configured peer node on the office's behalf: the peer's signed Linkage header verified
         * against its certificate. The office is held to this node's own agreements.
         */
        PEER_ASSERTION
    }

    public Caller {
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(proof, "proof");
    }

    /** True only for a demo node's default caller, which no agreement restricts. */
    public boolean unrestricted() {
        return proof == Proof.DEMO_DEFAULT;
    }
}
