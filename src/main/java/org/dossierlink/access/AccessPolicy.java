package org.dossierlink.access;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.dossierlink.dossier.DocumentGroup;

/**
 * Whether a calling office may see a dossier (or one document of it) held by another office on a
 * given date, by the offices and agreements of {@code offices.xml}.
 *
 * <p>The rules, in the order they apply:
 * <ol>
 * <li>a caller that is not a configured office: {@link DenialReason#UNKNOWN_CALLER};</li>
 * <li>an office always sees its own dossiers (caller == holder): allowed;</li>
 * <li>a holder that is not configured: {@link DenialReason#NO_AGREEMENT};</li>
 * <li>a holder that is {@linkplain OfficeRole#ACCESSING_ONLY accessing-only} provides nothing:
 *     {@link DenialReason#HOLDER_ACCESSING_ONLY};</li>
 * <li>no agreement with accessing = caller and providing = holder: {@link DenialReason#NO_AGREEMENT};</li>
 * <li>each agreement of the pair is judged in turn: not confirmed: {@link DenialReason#PENDING_CONFIRMATION};
 *     starts after the date: {@link DenialReason#NOT_YET_STARTED}; its last day is before the date:
 *     {@link DenialReason#ENDED}; for a document, its category not among those the agreement lists:
 *     {@link DenialReason#CATEGORY_NOT_SHARED}. Access is allowed when any agreement of the pair allows it.</li>
 * </ol>
 * When every agreement of the pair refuses, the most informative refusal is reported: CATEGORY_NOT_SHARED
 * (the pair shares now, but not this category), then PENDING_CONFIRMATION, then NOT_YET_STARTED (of the
 * agreement that starts first), then ENDED (of the agreement that ended last); between equals, the
 * agreement that starts first.
 *
 * <p>Every answer comes from maps built once: a call looks up the caller, the holder and the pair's few
 * agreements, and on the allowed path allocates nothing (the allowed decision is one shared constant).
 * Thread-safe and immutable.
 */
public final class AccessPolicy {

    private static final int ALLOWS = 0;
    private static final int ENDED = 1;
    private static final int NOT_YET_STARTED = 2;
    private static final int PENDING = 3;
    private static final int CATEGORY = 4;

    private final Map<String, Office> offices;
    /** caller → holder → the pair's agreements, by start date. */
    private final Map<String, Map<String, Agreement[]>> agreements;

    AccessPolicy(Collection<Office> offices, Collection<Agreement> agreements) {
        Map<String, Office> byCode = new HashMap<>();
        for (Office o : offices) {
            byCode.put(o.code(), o);
        }
        Map<String, Map<String, List<Agreement>>> pairs = new HashMap<>();
        for (Agreement a : agreements) {
            pairs.computeIfAbsent(a.accessing(), k -> new HashMap<>())
                    .computeIfAbsent(a.providing(), k -> new ArrayList<>()).add(a);
        }
        Map<String, Map<String, Agreement[]>> index = new HashMap<>();
        pairs.forEach((caller, holders) -> {
            Map<String, Agreement[]> byHolder = new HashMap<>();
            holders.forEach((holder, list) -> byHolder.put(holder, list.stream()
                    .sorted(Comparator.comparing(Agreement::start)).toArray(Agreement[]::new)));
            index.put(caller, Map.copyOf(byHolder));
        });
        this.offices = Map.copyOf(byCode);
        this.agreements = Map.copyOf(index);
    }

    /** May {@code callerOffice} see a dossier held by {@code holderOffice} on {@code on}? */
    public AccessDecision dossier(String callerOffice, String holderOffice, LocalDate on) {
        return decide(callerOffice, holderOffice, on, null);
    }

    /** May {@code callerOffice} see a document of category {@code group} in a dossier held by {@code holderOffice} on {@code on}? */
    public AccessDecision document(String callerOffice, String holderOffice, LocalDate on, DocumentGroup group) {
        Objects.requireNonNull(group, "group");
        return decide(callerOffice, holderOffice, on, group);
    }

    private AccessDecision decide(String caller, String holder, LocalDate on, DocumentGroup group) {
        Objects.requireNonNull(on, "on");
        if (caller == null || !offices.containsKey(caller)) {
            return AccessDecision.denied(DenialReason.UNKNOWN_CALLER, "'" + caller
                    + "' is not an office configured on this node; only configured offices may see dossiers");
        }
        if (caller.equals(holder)) {
            return AccessDecision.allowed();
        }
        Office h = holder == null ? null : offices.get(holder);
        if (h == null) {
            return AccessDecision.denied(DenialReason.NO_AGREEMENT, "'" + holder
                    + "' is not an office configured on this node, so no agreement lets " + caller + " see its dossiers");
        }
        if (h.role() == OfficeRole.ACCESSING_ONLY) {
            return AccessDecision.denied(DenialReason.HOLDER_ACCESSING_ONLY, holder
                    + " takes part as an accessing-only office and provides no dossiers, so " + caller
                    + " cannot see " + holder + "'s dossiers");
        }
        Map<String, Agreement[]> byHolder = agreements.get(caller);
        Agreement[] pair = byHolder == null ? null : byHolder.get(holder);
        if (pair == null) {
            return AccessDecision.denied(DenialReason.NO_AGREEMENT, holder + " does not share dossiers with " + caller
                    + ": no agreement with " + caller + " accessing and " + holder + " providing is configured");
        }
        Agreement best = null;
        int bestRank = ALLOWS;
        for (Agreement a : pair) {
            int rank = judge(a, on, group);
            if (rank == ALLOWS) {
                return AccessDecision.allowed();
            }
            if (rank > bestRank || (rank == ENDED && bestRank == ENDED && a.end().isAfter(best.end()))) {
                best = a;
                bestRank = rank;
            }
        }
        return refusal(bestRank, best, on, group);
    }

    private static int judge(Agreement a, LocalDate on, DocumentGroup group) {
        if (!a.confirmed()) {
            return PENDING;
        }
        if (on.isBefore(a.start())) {
            return NOT_YET_STARTED;
        }
        if (a.end() != null && on.isAfter(a.end())) {
            return ENDED;
        }
        if (group != null && !a.categories().isEmpty() && !a.categories().contains(group)) {
            return CATEGORY;
        }
        return ALLOWS;
    }

    private static AccessDecision refusal(int rank, Agreement a, LocalDate on, DocumentGroup group) {
        String holder = a.providing();
        String caller = a.accessing();
        String period = " from " + a.start() + (a.end() == null ? "" : " to " + a.end());
        return switch (rank) {
            case PENDING -> AccessDecision.denied(DenialReason.PENDING_CONFIRMATION, "the agreement by which " + holder
                    + " shares dossiers with " + caller + period + " is still to be confirmed (confirmed=\"false\")");
            case NOT_YET_STARTED -> AccessDecision.denied(DenialReason.NOT_YET_STARTED, holder + " shares dossiers with "
                    + caller + " from " + a.start() + "; on " + on + " that agreement has not started");
            case ENDED -> AccessDecision.denied(DenialReason.ENDED, holder + " shared dossiers with " + caller
                    + " until " + a.end() + "; on " + on + " that agreement has ended");
            case CATEGORY -> AccessDecision.denied(DenialReason.CATEGORY_NOT_SHARED, holder + " shares only "
                    + a.categories().stream().map(DocumentGroup::wireName).collect(Collectors.joining(", "))
                    + " documents with " + caller + "; this document is " + group.wireName());
            default -> throw new IllegalStateException("no refusal of rank " + rank);
        };
    }
}
