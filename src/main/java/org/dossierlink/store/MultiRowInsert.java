package org.dossierlink.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * An INSERT that carries up to {@value #ROWS} rows per statement. Both databases pay mostly per
 * statement executed, not per row, so a bulk load sends few, wide statements (batched as well).
 *
 * @param <T> what one row is made from
 */
final class MultiRowInsert<T> {

    static final int ROWS = 100;

    /** Sets the parameters of one row; the row's first column is parameter {@code offset + 1}. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement ps, int offset, T item) throws SQLException;
    }

    private final int columns;
    private final String oneRow;
    private final String manyRows;

    MultiRowInsert(String table, String... columnNames) {
        this.columns = columnNames.length;
        String head = "INSERT INTO " + table + " (" + String.join(", ", columnNames) + ") VALUES ";
        String row = "(?" + ", ?".repeat(columns - 1) + ")";
        this.oneRow = head + row;
        this.manyRows = head + row + (", " + row).repeat(ROWS - 1);
    }

    /** The statement for one row. */
    String oneRow() {
        return oneRow;
    }

    void insert(Connection c, List<T> items, Binder<T> binder) throws SQLException {
        int full = items.size() / ROWS;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(manyRows)) {
                for (int s = 0; s < full; s++) {
                    for (int r = 0; r < ROWS; r++) {
                        binder.bind(ps, r * columns, items.get(s * ROWS + r));
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (items.size() == full * ROWS + 1) {
            // one row left (an imported item's application, family link, often its index rows): a plain update,
            // without the batch's copies of the parameters and array of counts
            try (PreparedStatement ps = c.prepareStatement(oneRow)) {
                binder.bind(ps, 0, items.get(full * ROWS));
                ps.executeUpdate();
            }
        } else if (items.size() > full * ROWS) {
            try (PreparedStatement ps = c.prepareStatement(oneRow)) {
                for (int i = full * ROWS; i < items.size(); i++) {
                    binder.bind(ps, 0, items.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }
}
