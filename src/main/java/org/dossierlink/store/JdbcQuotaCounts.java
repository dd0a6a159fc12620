package org.dossierlink.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.dossierlink.access.SharedQuotaCounts;

/**
 * The quota counts of the nodes on one store, in table {@code quota_usage} (V7__shared_node_state.sql):
 * one row per office and minute (requests) and per office and UTC day (bytes). An exchange adds each
 * node's counts with an UPDATE (an INSERT for the first count of a window; a duplicate key there means
 * another node inserted it first, and the UPDATE is repeated), then reads the current windows of every
 * office in one SELECT. Auto-commit: each addition is atomic on its own. Windows older than
 * {@value #KEEP_MINUTES} minutes or {@value #KEEP_DAYS} days are deleted once a minute. Thread-safe.
 */
public final class JdbcQuotaCounts implements SharedQuotaCounts {

    static final int KEEP_MINUTES = 10;
    static final int KEEP_DAYS = 2;

    private static final String ADD = "UPDATE quota_usage SET amount = amount + ?"
            + " WHERE office = ? AND period = ? AND period_start = ?";
    private static final String INSERT = "INSERT INTO quota_usage (office, period, period_start, amount) VALUES (?, ?, ?, ?)";
    private static final String TOTALS = "SELECT office, period, amount FROM quota_usage"
            + " WHERE (period = 'm' AND period_start = ?) OR (period = 'd' AND period_start = ?)";
    private static final String PURGE = "DELETE FROM quota_usage"
            + " WHERE (period = 'm' AND period_start < ?) OR (period = 'd' AND period_start < ?)";

    private final DataSource dataSource;
    private long purgedMinute = Long.MIN_VALUE;

    /** The counts in the store's database. */
    public JdbcQuotaCounts(JdbcDossierStore store) {
        this(store.dataSource());
    }

    JdbcQuotaCounts(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Map<String, Usage> exchange(long minute, long day, Map<String, Usage> deltas) {
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<String, Usage> d : deltas.entrySet()) {
                if (d.getValue().requests() > 0) {
                    add(c, d.getKey(), "m", minute, d.getValue().requests());
                }
                if (d.getValue().bytes() > 0) {
                    add(c, d.getKey(), "d", day, d.getValue().bytes());
                }
            }
            purgeOnceAMinute(c, minute, day);
            Map<String, long[]> totals = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(TOTALS)) {
                ps.setLong(1, minute);
                ps.setLong(2, day);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] t = totals.computeIfAbsent(rs.getString(1), o -> new long[2]);
                        t["m".equals(rs.getString(2)) ? 0 : 1] = rs.getLong(3);
                    }
                }
            }
            Map<String, Usage> result = new HashMap<>();
            totals.forEach((office, t) -> result.put(office, new Usage(t[0], t[1])));
            return result;
        } catch (SQLException e) {
            throw JdbcDossierStore.failure("exchanging the quota counts", e);
        }
    }

    private static void add(Connection c, String office, String period, long start, long amount) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement ps = c.prepareStatement(ADD)) {
                ps.setLong(1, amount);
                ps.setString(2, office);
                ps.setString(3, period);
                ps.setLong(4, start);
                if (ps.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, office);
                ps.setString(2, period);
                ps.setLong(3, start);
                ps.setLong(4, amount);
                ps.executeUpdate();
                return;
            } catch (SQLException e) {
                // another node inserted the window's row between our UPDATE and INSERT: add to it
                if (attempt > 1 || !JdbcDossierStore.isDuplicateKey(e)) {
                    throw e;
                }
            }
        }
    }

    private synchronized void purgeOnceAMinute(Connection c, long minute, long day) throws SQLException {
        if (minute == purgedMinute) {
            return;
        }
        purgedMinute = minute;
        try (PreparedStatement ps = c.prepareStatement(PURGE)) {
            ps.setLong(1, minute - KEEP_MINUTES);
            ps.setLong(2, day - KEEP_DAYS);
            ps.executeUpdate();
        }
    }
}
