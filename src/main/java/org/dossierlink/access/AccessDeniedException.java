package org.dossierlink.access;

import java.util.Objects;

import org.dossierlink.DossierlinkException;

/** The calling office may not see a dossier or document: the SOAP edge answers AccessDeniedFault. */
public final class AccessDeniedException extends DossierlinkException {

    private final transient AccessDecision decision;

    public AccessDeniedException(AccessDecision decision) {
        super(Objects.requireNonNull(decision, "decision").message(), null);
        if (decision.isAllowed()) {
            throw new IllegalArgumentException("an allowed decision is not a refusal");
        }
        this.decision = decision;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.ACCESS_DENIED;
    }

    /** Why: one of the {@link DenialReason}s. */
    public DenialReason reason() {
        return decision.reason();
    }
}
