package org.dossierlink.access;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;

import org.dossierlink.dossier.DocumentGroup;

/**
 * Applies the agreements to a caller on today's date: the one question every dossier operation asks.
 * A demo node's default caller ({@link Caller#unrestricted()}) passes; every other caller, including an
 * office named in a demo node's CallingOffice header, is held to the agreements. The answer comes from
 * the policy's precomputed maps: the cost is a few map lookups.
 */
public final class AccessGate {

    private final AccessPolicy policy;
    private final Clock clock;

    /**
     * @param clock whose date (in its zone) decides "from when" (UTC on a node; fixed in tests)
     */
    public AccessGate(AccessPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** May {@code caller} see a dossier held by {@code holder} today. */
    public AccessDecision dossier(Caller caller, String holder) {
        if (caller.unrestricted()) {
            return AccessDecision.allowed();
        }
        return policy.dossier(caller.office(), holder, today());
    }

    /** May {@code caller} see a document of {@code group} in a dossier held by {@code holder} today. */
    public AccessDecision document(Caller caller, String holder, DocumentGroup group) {
        if (caller.unrestricted()) {
            return AccessDecision.allowed();
        }
        return policy.document(caller.office(), holder, today(), group);
    }

    /** Like {@link #dossier}, refusing with {@link AccessDeniedException}. */
    public void requireDossier(Caller caller, String holder) {
        AccessDecision d = dossier(caller, holder);
        if (!d.isAllowed()) {
            throw new AccessDeniedException(d);
        }
    }

    /** Like {@link #document}, refusing with {@link AccessDeniedException}. */
    public void requireDocument(Caller caller, String holder, DocumentGroup group) {
        AccessDecision d = document(caller, holder, group);
        if (!d.isAllowed()) {
            throw new AccessDeniedException(d);
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
