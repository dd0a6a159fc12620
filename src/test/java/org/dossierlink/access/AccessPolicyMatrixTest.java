package org.dossierlink.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.dossierlink.dossier.DocumentGroup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every caller × every holder × every date that matters × every document category, decided by the policy
 * and by an independent, straightforward oracle written here from the rules: no cell can leak.
 */
class AccessPolicyMatrixTest {

    /** The test's own statement of the offices: code → accessing-only. */
    private static final Map<String, Boolean> OFFICES = new LinkedHashMap<>();
    /** The test's own statement of the agreements, in file order. */
    private static final List<Row> AGREEMENTS = new ArrayList<>();

    private record Row(String accessing, String providing, LocalDate start, LocalDate end, Set<DocumentGroup> categories,
                       boolean confirmed) {
    }

    private record Expected(DenialReason reason, Row agreement) {
    }

    private static Offices offices;

    @BeforeAll
    static void file() {
        for (String code : List.of("JP", "AU", "CA", "GB", "EP", "US")) {
            OFFICES.put(code, false);
        }
        OFFICES.put("KR", true);
        agree("AU", "JP", "2014-04-01", null, "", true);
        agree("CA", "JP", "2014-04-01", null, "", false);
        agree("GB", "JP", "2014-04-01", "2016-12-31", "office-action search", true);
        agree("GB", "JP", "2018-01-01", null, "", true);
        agree("JP", "EP", "2015-07-01", "2019-06-30", "", true);
        agree("EP", "JP", "2016-01-01", "2020-12-31", "", false);
        agree("KR", "JP", "2017-03-01", null, "", true);
        agree("JP", "KR", "2017-03-01", null, "", true);
        agree("US", "EP", "2013-01-01", "2013-12-31", "", true);
        agree("US", "EP", "2020-01-01", "2021-12-31", "grant", true);
        agree("AU", "US", "2019-05-15", null, "application", true);
        agree("AU", "US", "2019-05-15", null, "search citation", true);
        agree("CA", "EP", "2022-01-01", null, "", true);
        agree("CA", "EP", "2016-01-01", null, "", false);
        agree("EP", "CA", "2010-01-01", "2011-12-31", "", true);
        agree("EP", "CA", "2012-01-01", "2012-06-30", "", true);
        agree("EP", "CA", "2005-01-01", "2012-06-30", "grant", true);

        StringBuilder xml = new StringBuilder("<offices xmlns=\"urn:dossierlink:offices:1\">\n");
        OFFICES.forEach((code, accessingOnly) -> xml.append("  <office code=\"").append(code).append("\" name=\"Office ")
                .append(code).append("\" role=\"").append(accessingOnly ? "accessing-only" : "providing-and-accessing")
                .append("\"/>\n"));
        for (Row a : AGREEMENTS) {
            xml.append("  <agreement accessing=\"").append(a.accessing).append("\" providing=\"").append(a.providing)
                    .append("\" start=\"").append(a.start).append('"');
            if (a.end != null) {
                xml.append(" end=\"").append(a.end).append('"');
            }
            if (!a.categories.isEmpty()) {
                xml.append(" categories=\"").append(a.categories.stream().map(DocumentGroup::wireName)
                        .collect(Collectors.joining(" "))).append('"');
            }
            if (!a.confirmed) {
                xml.append(" confirmed=\"false\"");
            }
            xml.append("/>\n");
        }
        xml.append("</offices>\n");
        offices = OfficesTest.parse(xml.toString());
    }

    private static void agree(String accessing, String providing, String start, String end, String categories, boolean confirmed) {
        Set<DocumentGroup> groups = EnumSet.noneOf(DocumentGroup.class);
        for (String c : categories.split(" ")) {
            if (!c.isEmpty()) {
                groups.add(DocumentGroup.fromWireName(c));
            }
        }
        AGREEMENTS.add(new Row(accessing, providing, LocalDate.parse(start), end == null ? null : LocalDate.parse(end),
                groups, confirmed));
    }

    /** The rules, written out plainly over the test's own list. */
    private static Expected oracle(String caller, String holder, LocalDate on, DocumentGroup group) {
        if (!OFFICES.containsKey(caller)) {
            return new Expected(DenialReason.UNKNOWN_CALLER, null);
        }
        if (caller.equals(holder)) {
            return new Expected(null, null);
        }
        if (!OFFICES.containsKey(holder)) {
            return new Expected(DenialReason.NO_AGREEMENT, null);
        }
        if (OFFICES.get(holder)) {
            return new Expected(DenialReason.HOLDER_ACCESSING_ONLY, null);
        }
        List<Row> pair = AGREEMENTS.stream().filter(a -> a.accessing.equals(caller) && a.providing.equals(holder)).toList();
        if (pair.isEmpty()) {
            return new Expected(DenialReason.NO_AGREEMENT, null);
        }
        for (Row a : pair) {
            boolean inPeriod = !on.isBefore(a.start) && (a.end == null || !on.isAfter(a.end));
            boolean categoryShared = group == null || a.categories.isEmpty() || a.categories.contains(group);
            if (a.confirmed && inPeriod && categoryShared) {
                return new Expected(null, null);
            }
        }
        Comparator<Row> byStart = Comparator.comparing(Row::start);
        List<Row> wrongCategory = pair.stream().filter(a -> a.confirmed && !on.isBefore(a.start)
                && (a.end == null || !on.isAfter(a.end))).toList();
        if (!wrongCategory.isEmpty()) {
            return new Expected(DenialReason.CATEGORY_NOT_SHARED, wrongCategory.stream().min(byStart).orElseThrow());
        }
        List<Row> pending = pair.stream().filter(a -> !a.confirmed).toList();
        if (!pending.isEmpty()) {
            return new Expected(DenialReason.PENDING_CONFIRMATION, pending.stream().min(byStart).orElseThrow());
        }
        List<Row> future = pair.stream().filter(a -> on.isBefore(a.start)).toList();
        if (!future.isEmpty()) {
            return new Expected(DenialReason.NOT_YET_STARTED, future.stream().min(byStart).orElseThrow());
        }
        LocalDate lastEnd = pair.stream().map(Row::end).max(Comparator.naturalOrder()).orElseThrow();
        return new Expected(DenialReason.ENDED, pair.stream().filter(a -> a.end.equals(lastEnd)).min(byStart).orElseThrow());
    }

    private static List<LocalDate> dates() {
        Set<LocalDate> dates = new TreeSet<>(List.of(LocalDate.of(1900, 1, 1), LocalDate.of(2999, 12, 31)));
        for (Row a : AGREEMENTS) {
            for (LocalDate d : Arrays.asList(a.start, a.end)) {
                if (d != null) {
                    dates.addAll(List.of(d.minusDays(1), d, d.plusDays(1)));
                }
            }
        }
        return List.copyOf(dates);
    }

    @Test
    void everyCellIsDecidedAsTheRulesSay() {
        AccessPolicy policy = offices.policy();
        List<String> codes = new ArrayList<>(OFFICES.keySet());
        codes.add("ZZ");
        codes.add("jp");
        List<DocumentGroup> groups = new ArrayList<>(Arrays.asList(DocumentGroup.values()));
        groups.add(0, null);
        Map<DenialReason, Integer> seen = new java.util.EnumMap<>(DenialReason.class);
        int allowed = 0;
        int cells = 0;
        for (String caller : codes) {
            for (String holder : codes) {
                for (LocalDate on : dates()) {
                    for (DocumentGroup group : groups) {
                        Expected want = oracle(caller, holder, on, group);
                        AccessDecision got = group == null ? policy.dossier(caller, holder, on)
                                : policy.document(caller, holder, on, group);
                        String cell = caller + " sees " + holder + " on " + on + (group == null ? "" : " (" + group.wireName() + ")");
                        cells++;
                        assertThat(got.reason()).as(cell + ": " + got.message()).isEqualTo(want.reason());
                        if (want.reason() == null) {
                            assertThat(got).as(cell).isSameAs(AccessDecision.allowed());
                            assertThat(got.isAllowed()).isTrue();
                            allowed++;
                            continue;
                        }
                        assertThat(got.isAllowed()).as(cell).isFalse();
                        seen.merge(want.reason(), 1, Integer::sum);
                        assertMessage(cell, got, want, caller, holder, on, group);
                    }
                }
            }
        }
        // every reason of the agreements occurs (not-submitter is about bulk tickets, not agreements)
        assertThat(seen).as("every reason occurs").containsOnlyKeys(Arrays.stream(DenialReason.values())
                .filter(r -> r != DenialReason.NOT_SUBMITTER).toArray(DenialReason[]::new));
        assertThat(allowed).isGreaterThan(1000);
        assertThat(cells).isGreaterThan(30_000);
    }

    /** The message names the offices and, for an agreement's refusal, the very agreement the oracle chose. */
    private static void assertMessage(String cell, AccessDecision got, Expected want, String caller, String holder,
                                      LocalDate on, DocumentGroup group) {
        String m = got.message();
        assertThat(m).as(cell).contains(caller == null ? "null" : caller);
        if (want.reason() != DenialReason.UNKNOWN_CALLER) {
            assertThat(m).as(cell).contains(holder);
        }
        Row a = want.agreement();
        switch (want.reason()) {
            case NOT_YET_STARTED -> assertThat(m).as(cell).isEqualTo(holder + " shares dossiers with " + caller + " from "
                    + a.start + "; on " + on + " that agreement has not started");
            case ENDED -> assertThat(m).as(cell).isEqualTo(holder + " shared dossiers with " + caller + " until " + a.end
                    + "; on " + on + " that agreement has ended");
            case PENDING_CONFIRMATION -> assertThat(m).as(cell).isEqualTo("the agreement by which " + holder
                    + " shares dossiers with " + caller + " from " + a.start + (a.end == null ? "" : " to " + a.end)
                    + " is still to be confirmed (confirmed=\"false\")");
            case CATEGORY_NOT_SHARED -> assertThat(m).as(cell).isEqualTo(holder + " shares only "
                    + a.categories.stream().map(DocumentGroup::wireName).collect(Collectors.joining(", ")) + " documents with "
                    + caller + "; this document is " + group.wireName());
            default -> assertThat(a).isNull();
        }
    }

    @Test
    void theAgreementsAreReadAsTheTestStatesThem() {
        assertThat(offices.agreements()).hasSize(AGREEMENTS.size());
        for (int i = 0; i < AGREEMENTS.size(); i++) {
            Row r = AGREEMENTS.get(i);
            assertThat(offices.agreements().get(i)).isEqualTo(new Agreement(r.accessing, r.providing, r.start, r.end,
                    r.categories, r.confirmed));
        }
        assertThat(offices.office("KR").orElseThrow().role()).isEqualTo(OfficeRole.ACCESSING_ONLY);
    }

    @Test
    void theMessagesReadAsSentences() {
        AccessPolicy p = offices.policy();
        LocalDate d = LocalDate.of(2020, 6, 1);
        assertThat(p.dossier("ZZ", "JP", d).message())
                .isEqualTo("'ZZ' is not an office configured on this node; only configured offices may see dossiers");
        assertThat(p.dossier(null, "JP", d).reason()).isEqualTo(DenialReason.UNKNOWN_CALLER);
        assertThat(p.dossier("JP", "ZZ", d).message())
                .isEqualTo("'ZZ' is not an office configured on this node, so no agreement lets JP see its dossiers");
        assertThat(p.dossier("JP", null, d).reason()).isEqualTo(DenialReason.NO_AGREEMENT);
        assertThat(p.dossier("JP", "AU", d).message())
                .isEqualTo("AU does not share dossiers with JP: no agreement with JP accessing and AU providing is configured");
        assertThat(p.dossier("JP", "KR", d).message())
                .isEqualTo("KR takes part as an accessing-only office and provides no dossiers, so JP cannot see KR's dossiers");
        assertThat(p.dossier("KR", "KR", d)).isSameAs(AccessDecision.allowed());
        assertThat(p.document("GB", "JP", LocalDate.of(2015, 1, 1), DocumentGroup.GRANT).message())
                .isEqualTo("JP shares only office-action, search documents with GB; this document is grant");
        assertThat(p.document("GB", "JP", LocalDate.of(2015, 1, 1), DocumentGroup.SEARCH)).isSameAs(AccessDecision.allowed());
        assertThat(p.dossier("GB", "JP", LocalDate.of(2017, 6, 1)).message())
                .isEqualTo("JP shares dossiers with GB from 2018-01-01; on 2017-06-01 that agreement has not started");
        assertThat(Arrays.stream(DenialReason.values()).map(DenialReason::wireName)).containsExactly("no-agreement",
                "not-yet-started", "ended", "pending-confirmation", "holder-accessing-only", "category-not-shared", "unknown-caller",
                "not-submitter");
    }

    @Test
    void theAllowedPathAllocatesNothing() {
        AccessPolicy p = offices.policy();
        LocalDate on = LocalDate.of(2020, 6, 1);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += p.document("AU", "US", on, DocumentGroup.SEARCH).isAllowed() ? 1 : 0;
            sink += p.dossier("GB", "JP", on).isAllowed() ? 1 : 0;
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            sink += p.document("AU", "US", on, DocumentGroup.SEARCH).isAllowed() ? 1 : 0;
            sink += p.dossier("GB", "JP", on).isAllowed() ? 1 : 0;
            sink += p.dossier("JP", "JP", on).isAllowed() ? 1 : 0;
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertThat(sink).isEqualTo(700_000);
        assertThat(allocated).as("bytes allocated by 300,000 allowed decisions").isLessThan(64 * 1024);
    }
}
