package org.dossierlink.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.dossierlink.testsupport.MovingClock;
import org.junit.jupiter.api.Test;

class QuotaLedgerTest {

    @Test
    void requests_per_clock_minute_with_colours_and_a_retry_after_the_minute() {
        MovingClock clock = new MovingClock(Instant.parse("2026-11-26T10:00:15Z"));
        QuotaLedger ledger = new QuotaLedger(o -> o.equals("AU") ? new Quota(10, 0) : Quota.UNLIMITED, clock);
        assertThat(ledger.admit("AU").colour()).isEqualTo("green");
        for (int i = 2; i <= 4; i++) {
            ledger.admit("AU");
        }
        assertThat(ledger.admit("AU").header()).isEqualTo("yellow (requests=5/10 per minute)");
        for (int i = 6; i <= 8; i++) {
            ledger.admit("AU");
        }
        assertThat(ledger.admit("AU").colour()).isEqualTo("red");
        assertThat(ledger.admit("AU").admitted()).isTrue();
        QuotaLedger.Standing refused = ledger.admit("AU");
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.colour()).isEqualTo("black");
        assertThat(refused.exceeded()).isEqualTo("requests-per-minute");
        assertThat(refused.retryAfterSeconds()).isEqualTo(45);
        assertThat(ledger.admit("JP").header()).isEqualTo("idle");

        clock.advance(Duration.ofSeconds(45));
        assertThat(ledger.admit("AU").requests()).isEqualTo(1);
    }

    @Test
    void bytes_per_utc_day_refuse_until_midnight() {
        MovingClock clock = new MovingClock(Instant.parse("2026-11-26T22:00:00Z"));
        QuotaLedger ledger = new QuotaLedger(o -> new Quota(0, 1000), clock);
        assertThat(ledger.admit("GB").admitted()).isTrue();
        ledger.addBytes("GB", 999);
        assertThat(ledger.admit("GB").header()).isEqualTo("red (bytes=999/1000 per day)");
        ledger.addBytes("GB", 1);
        QuotaLedger.Standing refused = ledger.admit("GB");
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.exceeded()).isEqualTo("bytes-per-day");
        assertThat(refused.retryAfterSeconds()).isEqualTo(2 * 3600);
        clock.advance(Duration.ofHours(2));
        assertThat(ledger.admit("GB").admitted()).isTrue();
        assertThat(ledger.admit("GB").bytes()).isZero();
    }

    /**
     * The shared counts of a store, kept in a map as quota_usage keeps them in a table (the JDBC side is
     * tested in SharedNodeStateTest), and able to fail as an unreachable database does.
     */
    private static final class CountsInMemory implements SharedQuotaCounts {
        private final java.util.Map<String, long[]> rows = new java.util.HashMap<>();
        private boolean down;

        @Override
        public synchronized java.util.Map<String, Usage> exchange(long minute, long day, java.util.Map<String, Usage> deltas) {
            if (down) {
                throw new IllegalStateException("the store is not reachable");
            }
            deltas.forEach((office, d) -> {
                rows.computeIfAbsent(office + " m " + minute, k -> new long[1])[0] += d.requests();
                rows.computeIfAbsent(office + " d " + day, k -> new long[1])[0] += d.bytes();
            });
            java.util.Map<String, Usage> totals = new java.util.HashMap<>();
            rows.forEach((key, v) -> {
                String[] k = key.split(" ");
                if (k[1].equals("m") && Long.parseLong(k[2]) == minute || k[1].equals("d") && Long.parseLong(k[2]) == day) {
                    Usage u = totals.getOrDefault(k[0], new Usage(0, 0));
                    totals.put(k[0], k[1].equals("m") ? new Usage(v[0], u.bytes()) : new Usage(u.requests(), v[0]));
                }
            });
            return totals;
        }
    }

    @Test
    void two_ledgers_sharing_counts_hold_an_office_to_one_quota_and_keep_counts_while_the_store_is_down() {
        MovingClock clock = new MovingClock(Instant.parse("2026-11-26T10:00:15Z"));
        CountsInMemory counts = new CountsInMemory();
        java.util.function.Function<String, Quota> quotas = o -> o.equals("AU") ? new Quota(6, 1000) : Quota.UNLIMITED;
        try (QuotaLedger one = QuotaLedger.shared(quotas, clock, counts, Duration.ofHours(1));
             QuotaLedger two = QuotaLedger.shared(quotas, clock, counts, Duration.ofHours(1))) {
            assertThat(one.admit("AU").requests()).isEqualTo(1);
            assertThat(one.admit("AU").requests()).isEqualTo(2);
            one.addBytes("AU", 400);
            one.sync();
            two.sync();
            assertThat(two.standing("AU").header()).isEqualTo("green (requests=2/6 per minute, bytes=400/1000 per day)");
            // the store goes away: node two counts on, and keeps what it counted for later
            counts.down = true;
            assertThat(two.admit("AU").requests()).isEqualTo(3);
            assertThat(two.admit("AU").requests()).isEqualTo(4);
            org.assertj.core.api.Assertions.assertThatThrownBy(two::sync).hasMessageContaining("not reachable");
            assertThat(two.standing("AU").requests()).isEqualTo(4);
            counts.down = false;
            two.sync();
            one.sync();
            assertThat(one.standing("AU").requests()).isEqualTo(4);
            two.addBytes("AU", 600);
            two.sync();
            one.sync();
            assertThat(one.admit("AU").exceeded()).isEqualTo("bytes-per-day");
            // the next minute: requests start again at zero, bytes go on for the day
            clock.advance(Duration.ofMinutes(1));
            one.sync();
            assertThat(one.standing("AU").header()).isEqualTo("red (requests=0/6 per minute, bytes=1000/1000 per day)");
        }
    }
}
