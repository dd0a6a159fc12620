package org.dossierlink.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class QuotaLedgerTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

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
}
