package org.dossierlink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.dossierlink.access.AuditChain;
import org.dossierlink.access.AuditEntry;
import org.dossierlink.access.AuditRecord;
import org.dossierlink.access.ChainCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit log contract, written once and run against each database by a subclass. Each test has
 * a fresh store (a chain of its own).
 */
abstract class JdbcAuditLogTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    protected JdbcDossierStore store;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A fresh, empty store. */
    protected abstract JdbcDossierStore openStore() throws Exception;

    /** Another node's store on the same database as {@link #openStore()}'s (its own pool). */
    protected abstract JdbcDossierStore openSecondNode() throws Exception;

    /** Removes what {@link #openStore()} created. */
    protected abstract void dropStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        if (store != null) {
            store.close();
        }
        dropStore();
    }

    private JdbcAuditLog log(JdbcDossierStore s) {
        JdbcAuditLog log = new JdbcAuditLog(s);
        opened.add(log);
        return log;
    }

    static AuditEntry entry(int i, String caller) {
        return new AuditEntry(T0.plusSeconds(i), "req-" + i, caller, "GetDocument", "JP 2013-123456 doc-" + i,
                i % 3 == 0 ? "denied" : "allowed", i % 3 == 0 ? "not-yet-started" : null);
    }

    private List<AuditRecord> all(JdbcAuditLog log, String office, Instant since) {
        try (Stream<AuditRecord> s = log.entries(office, since)) {
            return s.toList();
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @Test
    void emptyChainIsIntact() {
        JdbcAuditLog log = log(store);
        assertThat(log.verify()).isEqualTo(ChainCheck.ok(0));
        assertThat(all(log, null, null)).isEmpty();
        log.flush();
    }

    @Test
    void appendedEntriesReadBackInOrderWithFilters() {
        JdbcAuditLog log = log(store);
        List<AuditEntry> appended = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            AuditEntry e = entry(i, i % 2 == 0 ? "EP" : "JP");
            appended.add(e);
            log.append(e);
        }
        AuditEntry unicode = new AuditEntry(T0.plusSeconds(100).plusNanos(123_456_789), "req-u", "CN", "GetDossier",
                "特願 2013-123456 \uD83D\uDCC4\nline", "NOT_FOUND", null);
        appended.add(unicode);
        log.append(unicode);
        log.flush();

        List<AuditRecord> all = all(log, null, null);
        assertThat(all).extracting(AuditRecord::entry).containsExactlyElementsOf(appended);
        assertThat(all).extracting(AuditRecord::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 31).boxed().toList());
        assertThat(all.get(0).prevHash()).isEqualTo(AuditChain.GENESIS);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).prevHash()).isEqualTo(all.get(i - 1).hash());
        }
        assertThat(all.get(30).entry().target()).isEqualTo("特願 2013-123456 \uD83D\uDCC4\uFFFDline");
        assertThat(all.get(30).entry().time()).isEqualTo(Instant.parse("2026-11-01T10:01:40.123456Z"));

        assertThat(all(log, "JP", null)).hasSize(15).allSatisfy(r -> assertThat(r.entry().caller()).isEqualTo("JP"))
                .extracting(AuditRecord::seq).isSorted();
        assertThat(all(log, null, T0.plusSeconds(20))).extracting(r -> r.entry().requestId())
                .containsExactly("req-20", "req-21", "req-22", "req-23", "req-24", "req-25", "req-26", "req-27",
                        "req-28", "req-29", "req-u");
        assertThat(all(log, "EP", T0.plusSeconds(20))).extracting(r -> r.entry().requestId())
                .containsExactly("req-20", "req-22", "req-24", "req-26", "req-28");
        assertThat(all(log, "KR", null)).isEmpty();
        assertThat(log.verify()).isEqualTo(ChainCheck.ok(31));
    }

    @Test
    void manyThreadsOnTwoNodesExtendOneChain() throws Exception {
        JdbcDossierStore second = openSecondNode();
        opened.add(second);
        JdbcAuditLog nodeA = log(store);
        JdbcAuditLog nodeB = log(second);
        int threadsPerNode = 4;
        int perThread = 750;
        ExecutorService pool = Executors.newFixedThreadPool(threadsPerNode * 2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threadsPerNode * 2; t++) {
                JdbcAuditLog node = t % 2 == 0 ? nodeA : nodeB;
                String caller = t % 2 == 0 ? "EP" : "US";
                int base = t * perThread;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        node.append(entry(base + i, caller));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        nodeA.flush();
        nodeB.flush();

        int total = threadsPerNode * 2 * perThread;
        assertThat(nodeB.verify()).isEqualTo(ChainCheck.ok(total));
        List<AuditRecord> all = all(nodeA, null, null);
        assertThat(all).hasSize(total);
        assertThat(all.get(total - 1).seq()).isEqualTo(total);
        Set<String> ids = new HashSet<>();
        all.forEach(r -> ids.add(r.entry().requestId()));
        assertThat(ids).hasSize(total);
        assertThat(all(nodeB, "US", null)).hasSize(total / 2);
    }

    private JdbcAuditLog tenEntries() {
        JdbcAuditLog log = log(store);
        for (int i = 1; i <= 10; i++) {
            log.append(entry(i, "EP"));
        }
        log.flush();
        assertThat(log.verify().intact()).isTrue();
        return log;
    }

    @Test
    void aChangedResultIsFound() throws Exception {
        JdbcAuditLog log = tenEntries();
        sql("UPDATE audit_log SET result = 'allowed' WHERE seq = 6");
        ChainCheck check = log.verify();
        assertThat(check.intact()).isFalse();
        assertThat(check.firstBrokenSeq()).isEqualTo(6L);
        assertThat(check.problem()).contains("hash does not match its contents");
        assertThat(check.checked()).isEqualTo(6);
    }

    @Test
    void aChangedAndRehashedEntryIsFoundAtTheNextLink() throws Exception {
        JdbcAuditLog log = tenEntries();
        AuditRecord five = all(log, null, null).get(4);
        AuditEntry forged = new AuditEntry(five.entry().time(), five.entry().requestId(), "EP", "GetDocument",
                "somewhere else", "allowed", null);
        sql("UPDATE audit_log SET target = 'somewhere else', result = 'allowed', reason = NULL, hash = '"
                + AuditChain.hash(five.prevHash(), 5, forged) + "' WHERE seq = 5");
        ChainCheck check = log.verify();
        assertThat(check.firstBrokenSeq()).isEqualTo(6L);
        assertThat(check.problem()).contains("prev_hash").contains("entry 5");
    }

    @Test
    void aRemovedEntryIsFound() throws Exception {
        JdbcAuditLog log = tenEntries();
        sql("DELETE FROM audit_log WHERE seq = 4");
        ChainCheck check = log.verify();
        assertThat(check.firstBrokenSeq()).isEqualTo(4L);
        assertThat(check.problem()).contains("entry 4 is missing");
    }

    @Test
    void aRemovedTailIsFoundThroughTheHead() throws Exception {
        JdbcAuditLog log = tenEntries();
        sql("DELETE FROM audit_log WHERE seq >= 9");
        ChainCheck check = log.verify();
        assertThat(check.firstBrokenSeq()).isEqualTo(9L);
        assertThat(check.problem()).contains("head row says the chain has 10 entries");
    }

    @Test
    void aChangedHeadIsFound() throws Exception {
        JdbcAuditLog log = tenEntries();
        sql("UPDATE audit_head SET hash = '" + "ab".repeat(32) + "'");
        ChainCheck check = log.verify();
        assertThat(check.firstBrokenSeq()).isEqualTo(10L);
        assertThat(check.problem()).contains("head row");

        String eight = all(log, null, null).get(7).hash();
        sql("UPDATE audit_head SET seq = 8, hash = '" + eight + "'");
        check = log.verify();
        assertThat(check.firstBrokenSeq()).isEqualTo(9L);
        assertThat(check.problem()).contains("past the head row");

        sql("DELETE FROM audit_head");
        assertThat(log.verify().problem()).contains("head row (audit_head) is missing");
    }

    @Test
    void closeStoresEverythingAppended() {
        JdbcAuditLog log = new JdbcAuditLog(store);
        for (int i = 0; i < 3000; i++) {
            log.append(entry(i, "KR"));
        }
        log.close();
        log.close();
        assertThatThrownBy(() -> log.append(entry(1, "KR"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        log.flush();

        JdbcAuditLog reader = log(store);
        assertThat(reader.verify()).isEqualTo(ChainCheck.ok(3000));
        assertThat(all(reader, "KR", null)).hasSize(3000);
    }

    @Test
    void theWriterWaitsOutAFailingDatabase() {
        FailingDataSource flaky = new FailingDataSource(store.dataSource(), 3);
        JdbcAuditLog log = new JdbcAuditLog(flaky, 10, Duration.ofSeconds(30));
        opened.add(log);
        // more entries than the queue holds: appends wait for room instead of dropping
        for (int i = 0; i < 50; i++) {
            log.append(entry(i, "AU"));
        }
        log.flush();
        assertThat(flaky.failures.get()).isEqualTo(3);
        assertThat(log.verify()).isEqualTo(ChainCheck.ok(50));
    }

    @Test
    void closeGivesUpOnADeadDatabaseAfterItsTimeout() {
        FailingDataSource dead = new FailingDataSource(store.dataSource(), Integer.MAX_VALUE);
        JdbcAuditLog log = new JdbcAuditLog(dead, 100, Duration.ofMillis(300));
        log.append(entry(1, "GB"));
        long start = System.nanoTime();
        log.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThatThrownBy(log::flush).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 audit entries were not stored");
    }

    /** A data source whose first {@code failing} connections fail. */
    static final class FailingDataSource implements DataSource {
        private final DataSource real;
        private final int failing;
        final AtomicInteger failures = new AtomicInteger();

        FailingDataSource(DataSource real, int failing) {
            this.real = real;
            this.failing = failing;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (failures.get() < failing) {
                failures.incrementAndGet();
                throw new SQLException("connection refused (test)");
            }
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
