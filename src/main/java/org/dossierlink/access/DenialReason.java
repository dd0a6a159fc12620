package org.dossierlink.access;

import java.util.Locale;

/** Why the access policy refuses a dossier or a document. */
public enum DenialReason {
    /** No agreement lets the caller see the holder's dossiers (or the holder is not configured). */
    NO_AGREEMENT,
    /** The agreement starts after the date asked about. */
    NOT_YET_STARTED,
    /** The agreement's last day of sharing is before the date asked about. */
    ENDED,
    /** The agreement is configured but not confirmed yet ({@code confirmed="false"}). */
    PENDING_CONFIRMATION,
    /** The holder takes part as an accessing-only office: it provides no dossiers. */
    HOLDER_ACCESSING_ONLY,
    /** The agreement shares only some document categories, and not this document's. */
    CATEGORY_NOT_SHARED,
    /** The calling office is not configured on this node. */
    UNKNOWN_CALLER,
    /**
     * A bulk package's ticket asked about by an office other than the one that submitted the package (decided
     * by the bulk import runner, not by the agreements).
     */
    NOT_SUBMITTER;

    /** no-agreement, not-yet-started..., as faults and logs write it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
