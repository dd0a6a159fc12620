package org.dossierlink.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dossierlink.access.SharedQuotaCounts.Usage;
import org.dossierlink.testsupport.MovingClock;
import org.dossierlink.testsupport.PostgresSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the nodes of one store share besides dossiers and the audit log: the used nonces
 * ({@link JdbcNonceRegistry}) and the quota counts ({@link JdbcQuotaCounts}). Every case runs on H2 (two
 * pools on one in-memory database) and on PostgreSQL (two pools on one schema, as two node processes
 * have) when {@code DOSSIERLINK_TEST_PG_URL} is set.
 */
class SharedNodeStateTest {

    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-26T10:00:20Z"));
    private final List<AutoCloseable> open = new ArrayList<>();
    private PostgresSchema schema;
    private String h2;

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    /** Two stores (pools) on one database: what two nodes have. */
    private JdbcDossierStore[] twoNodes(String database) throws Exception {
        JdbcDossierStore[] nodes = new JdbcDossierStore[2];
        for (int i = 0; i < 2; i++) {
            if (database.equals("postgresql")) {
                if (schema == null) {
                    schema = PostgresSchema.create("dossierlink_shared");
                }
                nodes[i] = schema.openStore();
            } else {
                if (h2 == null) {
                    h2 = "jdbc:h2:mem:shared-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
                }
                nodes[i] = JdbcDossierStore.open(h2, null, null);
            }
            open.add(nodes[i]);
        }
        return nodes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void a_nonce_used_at_one_node_is_a_replay_at_the_other(String database) throws Exception {
        JdbcDossierStore[] nodes = twoNodes(database);
        JdbcNonceRegistry one = new JdbcNonceRegistry(nodes[0], clock);
        JdbcNonceRegistry two = new JdbcNonceRegistry(nodes[1], clock);
        Instant expiry = clock.instant().plusSeconds(360);
        assertThat(one.firstUse("bm9uY2UtMQ==", expiry)).isTrue();
        assertThat(two.firstUse("bm9uY2UtMQ==", expiry)).isFalse();
        assertThat(one.firstUse("bm9uY2UtMQ==", expiry)).isFalse();
        assertThat(two.firstUse("bm9uY2UtMg==", expiry)).isTrue();
        assertThat(one.size()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void an_expired_nonce_may_be_used_again_and_expired_rows_are_purged(String database) throws Exception {
        JdbcDossierStore[] nodes = twoNodes(database);
        JdbcNonceRegistry one = new JdbcNonceRegistry(nodes[0], clock);
        JdbcNonceRegistry two = new JdbcNonceRegistry(nodes[1], clock);
        // node one purges at its first check, then not for 10 s
        assertThat(one.firstUse("short", clock.instant().plusSeconds(3))).isTrue();
        assertThat(one.firstUse("long", clock.instant().plusSeconds(60))).isTrue();
        clock.advance(Duration.ofSeconds(5));
        // "short" has expired but its row is still there: the check takes it over, once
        assertThat(one.size()).isEqualTo(2);
        assertThat(one.firstUse("short", clock.instant().plusSeconds(60))).isTrue();
        assertThat(two.firstUse("short", clock.instant().plusSeconds(60))).isFalse();
        assertThat(one.firstUse("long", clock.instant().plusSeconds(60))).isFalse();
        // a minute later every row has expired; the next check that finds a purge due deletes them
        clock.advance(Duration.ofSeconds(61));
        assertThat(one.firstUse("new", clock.instant().plusSeconds(60))).isTrue();
        assertThat(one.size()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void of_many_nodes_racing_with_one_nonce_exactly_one_wins(String database) throws Exception {
        JdbcDossierStore[] nodes = twoNodes(database);
        List<JdbcNonceRegistry> registries = List.of(new JdbcNonceRegistry(nodes[0], clock),
                new JdbcNonceRegistry(nodes[1], clock));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String nonce = "race-" + round;
                List<Callable<Boolean>> racers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    JdbcNonceRegistry r = registries.get(i % 2);
                    racers.add(() -> r.firstUse(nonce, clock.instant().plusSeconds(300)));
                }
                int winners = 0;
                for (Future<Boolean> f : pool.invokeAll(racers)) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).as(nonce).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void quota_counts_of_the_nodes_add_up(String database) throws Exception {
        JdbcDossierStore[] nodes = twoNodes(database);
        JdbcQuotaCounts one = new JdbcQuotaCounts(nodes[0]);
        JdbcQuotaCounts two = new JdbcQuotaCounts(nodes[1]);
        long minute = 29_400_000L;
        long day = 20_418L;
        assertThat(one.exchange(minute, day, Map.of("AU", new Usage(3, 1000)))).isEqualTo(Map.of("AU", new Usage(3, 1000)));
        assertThat(two.exchange(minute, day, Map.of("AU", new Usage(2, 500), "JP", new Usage(1, 0))))
                .isEqualTo(Map.of("AU", new Usage(5, 1500), "JP", new Usage(1, 0)));
        // nothing to add: the totals only
        assertThat(one.exchange(minute, day, Map.of())).isEqualTo(Map.of("AU", new Usage(5, 1500), "JP", new Usage(1, 0)));
        // the next minute starts at zero; the day goes on (JP counted no bytes: it has no row)
        assertThat(one.exchange(minute + 1, day, Map.of("AU", new Usage(1, 10))))
                .isEqualTo(Map.of("AU", new Usage(1, 1510)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void nodes_adding_to_a_new_window_at_once_lose_nothing(String database) throws Exception {
        JdbcDossierStore[] nodes = twoNodes(database);
        List<JdbcQuotaCounts> counts = List.of(new JdbcQuotaCounts(nodes[0]), new JdbcQuotaCounts(nodes[1]));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                long minute = 29_400_000L + round;
                List<Callable<Map<String, Usage>>> adders = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    JdbcQuotaCounts c = counts.get(i % 2);
                    adders.add(() -> c.exchange(minute, 20_418L, Map.of("AU", new Usage(1, 0))));
                }
                pool.invokeAll(adders).forEach(f -> assertThat(f).succeedsWithin(Duration.ofSeconds(30)));
                assertThat(counts.get(0).exchange(minute, 20_418L, Map.of()).get("AU").requests()).isEqualTo(8);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
