package org.dossierlink.linkage;

/** How a peer answered one forwarded request. */
public enum PeerStatus {
    /** Its signed answer verified against its certificate. */
    ANSWERED("answered"),
    /** No complete answer within the peer's timeout. */
    TIMED_OUT("timed-out"),
    /** It answered with a fault (authentication, access, not found...). */
    REFUSED("refused"),
    /** Its answer did not verify against its certificate: its data is dropped. */
    BAD_SIGNATURE("bad-signature"),
    /** No connection could be made. */
    UNREACHABLE("unreachable"),
    /** Anything else: an answer that is not SOAP, too large, or an HTTP error without a fault. */
    ERROR("error");

    private final String wireName;

    PeerStatus(String wireName) {
        this.wireName = wireName;
    }

    /** As the contract spells it (msg:PeerStatusValueType) and as metrics label it. */
    public String wireName() {
        return wireName;
    }
}
