package org.dossierlink.access;

/**
 * The access policy's answer: allowed, or refused with a reason and a sentence a person can act on
 * (for example "JP shares dossiers with AU from 2014-04-01; on 2014-03-31 that agreement has not started").
 *
 * @param reason  why access is refused; null when it is allowed
 * @param message what was decided and why, for the caller and the log
 */
public record AccessDecision(DenialReason reason, String message) {

    private static final AccessDecision ALLOWED = new AccessDecision(null, "allowed");

    public AccessDecision {
        if (message == null) {
            throw new IllegalArgumentException("an access decision needs a message");
        }
    }

    /** The one allowed decision, shared: the allowed path allocates nothing. */
    public static AccessDecision allowed() {
        return ALLOWED;
    }

    /** A refusal. */
    public static AccessDecision denied(DenialReason reason, String message) {
        if (reason == null) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
        return new AccessDecision(reason, message);
    }

    public boolean isAllowed() {
        return reason == null;
    }
}
