package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class NonceCacheTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void a_nonce_is_known_until_its_token_would_be_too_old_anyway() {
        NonceCache cache = new NonceCache(Duration.ofMinutes(6), 10, clock);
        cache.add("n1");
        assertThat(cache.contains("n1")).isTrue();
        assertThat(cache.contains("n2")).isFalse();
        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertThat(cache.contains("n1")).isTrue();
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThat(cache.contains("n1")).isFalse();
    }

    @Test
    void a_full_cache_refuses_new_nonces_rather_than_forgetting_live_ones() {
        NonceCache cache = new NonceCache(Duration.ofMinutes(6), 2, clock);
        cache.add("a");
        cache.add("b");
        assertThatThrownBy(() -> cache.add("c")).isInstanceOf(IllegalStateException.class).hasMessageContaining("2 live");
        assertThat(cache.contains("a")).isTrue();
        now.set(now.get().plus(Duration.ofMinutes(7)));
        cache.add("c"); // the expired ones are swept
        assertThat(cache.contains("c")).isTrue();
        assertThat(cache.contains("a")).isFalse();
    }
}
