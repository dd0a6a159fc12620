package org.dossierlink.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import org.dossierlink.access.AuditEntry;
import org.dossierlink.access.AuditTrail;
import org.dossierlink.access.NonceRegistry;
import org.dossierlink.access.Office;
import org.dossierlink.access.Offices;
import org.dossierlink.access.Quota;
import org.dossierlink.access.QuotaLedger;
import org.dossierlink.access.SharedQuotaCounts;

/**
 * What the SOAP edge needs to know who calls and how much they may: the offices with their credentials
 * and quotas, the quota counts, and how old a WS-Security token may be. (Whether a caller may see a
 * dossier is the service's question: see {@link org.dossierlink.access.AccessGate}.)
 *
 * @param offices         offices, credentials, client certificate fingerprints, quotas
 * @param quotas          the per-office counts
 * @param tokenTimeToLive how old a Timestamp or UsernameToken Created may be
 * @param clock           the node's clock (fixed in tests)
 * @param audit           where every access is recorded (the store's chained audit log on a node)
 * @param nonces          the UsernameToken nonces used at every node of a shared store, or null for a node
 *                        of its own, which keeps them in memory
 */
public record AccessControl(Offices offices, QuotaLedger quotas, Duration tokenTimeToLive, Clock clock,
                            AuditTrail audit, NonceRegistry nonces) {

    /** Records nothing: for tests and benchmarks that do not look at the audit log. */
    public static final AuditTrail NO_AUDIT = new AuditTrail() {
        @Override
        public void append(AuditEntry entry) {
            Objects.requireNonNull(entry, "entry");
        }

        @Override
        public void flush() {
            // nothing is queued
        }

        @Override
        public void close() {
            // nothing to release
        }
    };

    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofMinutes(5);
    /** How often the nodes of a shared store exchange their quota counts. */
    public static final Duration QUOTA_SYNC = Duration.ofSeconds(1);

    public AccessControl {
        Objects.requireNonNull(offices, "offices");
        Objects.requireNonNull(quotas, "quotas");
        Objects.requireNonNull(tokenTimeToLive, "tokenTimeToLive");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(audit, "audit");
        if (tokenTimeToLive.isNegative() || tokenTimeToLive.isZero()) {
            throw new IllegalArgumentException("tokenTimeToLive must be positive");
        }
    }

    /** A node of its own: nonces kept in memory. */
    public AccessControl(Offices offices, QuotaLedger quotas, Duration tokenTimeToLive, Clock clock, AuditTrail audit) {
        this(offices, quotas, tokenTimeToLive, clock, audit, null);
    }

    /** A node of its own: the offices' own quotas counted in memory, and the default token time-to-live. */
    public static AccessControl of(Offices offices, AuditTrail audit, Clock clock) {
        return new AccessControl(offices, new QuotaLedger(quotasOf(offices), clock), DEFAULT_TOKEN_TTL, clock, audit);
    }

    /**
     * One of several nodes on one store: the quotas counted with the other nodes through {@code counts}
     * (exchanged every {@link #QUOTA_SYNC}), the nonces checked against {@code nonces}. Close
     * {@link #quotas()} when the node stops.
     */
    public static AccessControl shared(Offices offices, AuditTrail audit, Clock clock, NonceRegistry nonces,
                                       SharedQuotaCounts counts) {
        return new AccessControl(offices, QuotaLedger.shared(quotasOf(offices), clock, counts, QUOTA_SYNC),
                DEFAULT_TOKEN_TTL, clock, audit, Objects.requireNonNull(nonces, "nonces"));
    }

    private static Function<String, Quota> quotasOf(Offices offices) {
        return code -> offices.office(code).map(Office::quota).orElse(Quota.UNLIMITED);
    }

    /** No offices and no audit: a demo node in a test, where every caller is the demo office. */
    public static AccessControl none() {
        return of(Offices.none(), NO_AUDIT, Clock.systemUTC());
    }
}
