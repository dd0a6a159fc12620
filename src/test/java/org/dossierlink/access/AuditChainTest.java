package org.dossierlink.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The entry's rules and the chain's encoding, without a database. */
class AuditChainTest {

    private static final Instant T = Instant.parse("2026-11-01T10:00:00.123456Z");

    private static AuditEntry entry(String caller, String operation, String reason) {
        return new AuditEntry(T, "req-1", caller, operation, "JP 2013-123456 doc-3", "denied", reason);
    }

    @Test
    void theEncodingIsFixed() {
        // computed outside Java from the encoding in AuditChain's documentation; a stored chain must
        // verify with every later version, so this value may never change
        assertThat(AuditChain.hash(AuditChain.GENESIS, 1, entry("EP", "GetDocument", "not-yet-started")))
                .isEqualTo("35d9b3ad2bee1bcf4578673e7d88150512e0c32995297f81ea4f21c309871d82");
    }

    @Test
    void everyFieldAndBoundaryCounts() {
        String base = AuditChain.hash(AuditChain.GENESIS, 1, entry("EP", "GetDocument", null));
        assertThat(AuditChain.hash(AuditChain.GENESIS, 2, entry("EP", "GetDocument", null))).isNotEqualTo(base);
        assertThat(AuditChain.hash("1".repeat(64), 1, entry("EP", "GetDocument", null))).isNotEqualTo(base);
        // moving a character across a field boundary changes the hash
        assertThat(AuditChain.hash(AuditChain.GENESIS, 1, entry("EPG", "etDocument", null))).isNotEqualTo(base);
        // no reason and an empty reason differ
        assertThat(AuditChain.hash(AuditChain.GENESIS, 1, entry("EP", "GetDocument", ""))).isNotEqualTo(base);
        AuditEntry later = new AuditEntry(T.plusNanos(1000), "req-1", "EP", "GetDocument", "JP 2013-123456 doc-3",
                "denied", null);
        assertThat(AuditChain.hash(AuditChain.GENESIS, 1, later)).isNotEqualTo(base);
        assertThatThrownBy(() -> AuditChain.hash("xyz", 1, later)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWalkFindsTheFirstBreak() {
        AuditEntry e = entry("EP", "GetDocument", null);
        String h1 = AuditChain.hash(AuditChain.GENESIS, 1, e);
        String h2 = AuditChain.hash(h1, 2, e);
        AuditChain.Walk ok = new AuditChain.Walk();
        assertThat(ok.accept(new AuditRecord(1, e, AuditChain.GENESIS, h1))).isTrue();
        assertThat(ok.accept(new AuditRecord(2, e, h1, h2))).isTrue();
        assertThat(ok.result()).isEqualTo(ChainCheck.ok(2));
        assertThat(ok.lastSeq()).isEqualTo(2);
        assertThat(ok.lastHash()).isEqualTo(h2);

        AuditChain.Walk gap = new AuditChain.Walk();
        gap.accept(new AuditRecord(1, e, AuditChain.GENESIS, h1));
        assertThat(gap.accept(new AuditRecord(3, e, h2, AuditChain.hash(h2, 3, e)))).isFalse();
        assertThat(gap.result().firstBrokenSeq()).isEqualTo(2L);

        AuditChain.Walk forged = new AuditChain.Walk();
        assertThat(forged.accept(new AuditRecord(1, entry("JP", "GetDocument", null), AuditChain.GENESIS, h1))).isFalse();
        assertThat(forged.result()).isEqualTo(ChainCheck.broken(1, 1, "its hash does not match its contents (the entry was changed)"));
    }

    @Test
    void entriesAreSafeToStoreAndPrint() {
        AuditEntry e = new AuditEntry(Instant.parse("2026-11-01T10:00:00.123456789Z"), "r\u0000", "EP", "Get\tDocument",
                "x".repeat(199) + "\uD83D\uDCC4" + "more", "allowed", "bad\uD800");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-01T10:00:00.123456Z"));
        assertThat(e.requestId()).isEqualTo("r\uFFFD");
        assertThat(e.operation()).isEqualTo("Get\uFFFDDocument");
        assertThat(e.target()).hasSize(199); // the surrogate pair is not cut in half
        assertThat(e.reason()).isEqualTo("bad\uFFFD");
        assertThat(new AuditEntry(T, "r", "EP", "op", "x".repeat(500), "allowed", null).target()).hasSize(200);

        assertThatThrownBy(() -> new AuditEntry(T, "r", null, "op", "t", "allowed", null))
                .isInstanceOf(NullPointerException.class).hasMessage("caller");
        assertThatThrownBy(() -> new AuditEntry(T, "r", "EP", "op", "t", "allowed", "x".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason longer than 200");
        assertThatThrownBy(() -> new AuditEntry(Instant.MAX, "r", "EP", "op", "t", "allowed", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCheckIsIntactOrBrokenSomewhere() {
        assertThat(ChainCheck.ok(3).intact()).isTrue();
        assertThat(ChainCheck.broken(3, 2, "gap").intact()).isFalse();
        assertThatThrownBy(() -> new ChainCheck(3, 2L, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
