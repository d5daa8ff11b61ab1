package io.leadscore.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement that writes many rows at once ({@link ColumnInsert}, {@link ColumnUpdate}): on PostgreSQL each
 * column is bound as one array parameter (in the order {@code arrayParameters} gives, a column may be bound more
 * than once); elsewhere each row is a JDBC batch entry, its columns bound in their order. Rows are sent by
 * {@link #execute()}, which can be called again for more rows; the caller owns the transaction and the connection.
 */
public abstract class ColumnWrite implements AutoCloseable {

    private final Connection connection;
    private final List<SqlColumn> columns;
    private final int[] arrayParameters;
    private final PreparedStatement statement;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * @param arrayParameters the columns (indexes into {@code columns}) bound to the array statement's parameters, in
     *                        order; null for a batch statement (each row's columns in order)
     */
    ColumnWrite(Connection connection, List<SqlColumn> columns, String sql, int[] arrayParameters) throws SQLException {
        this.connection = connection;
        this.columns = List.copyOf(columns);
        this.arrayParameters = arrayParameters;
        this.statement = connection.prepareStatement(sql);
    }

    /**
     * Adds a row: one value per column, in the columns' order (String, Integer, Long, Double, Boolean, Instant
     * (stored as UTC), or null).
     */
    public void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        rows.add(values.clone());
    }

    /** How many rows wait to be sent. */
    public int pending() {
        return rows.size();
    }

    /** Sends the rows added since the last call; returns how many rows the statement wrote. */
    public int execute() throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try {
            if (arrayParameters != null) {
                for (int p = 0; p < arrayParameters.length; p++) {
                    int c = arrayParameters[p];
                    SqlColumn.Type type = columns.get(c).type();
                    Object[] values = new Object[rows.size()];
                    for (int r = 0; r < values.length; r++) {
                        values[r] = type.jdbc(rows.get(r)[c]);
                    }
                    statement.setArray(p + 1, connection.createArrayOf(type.arrayType(), values));
                }
                return statement.executeUpdate();
            }
            for (Object[] row : rows) {
                for (int c = 0; c < columns.size(); c++) {
                    SqlColumn.Type type = columns.get(c).type();
                    Object v = type.jdbc(row[c]);
                    if (v == null) {
                        statement.setNull(c + 1, type.sqlType());
                    } else {
                        statement.setObject(c + 1, v, type.sqlType());
                    }
                }
                statement.addBatch();
            }
            return written(statement.executeBatch());
        } finally {
            rows.clear();
        }
    }

    /**
     * How many rows a JDBC batch's statements wrote, from its update counts: SUCCESS_NO_INFO (-2) is a statement that
     * wrote its row without saying how many.
     */
    public static int written(int[] batchCounts) {
        int written = 0;
        for (int n : batchCounts) {
            written += n == Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, n);
        }
        return written;
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
