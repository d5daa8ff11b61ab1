package io.leadscore.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rows inserted into one table together. On PostgreSQL one statement takes every row, each column as one array
 * parameter ({@code INSERT ... SELECT * FROM unnest(...)}): the statement is parsed once and its parameters are a
 * few arrays however many rows there are, where a JDBC batch (even rewritten into multi-row VALUES) parses and binds
 * thousands of parameters per call. Elsewhere (Derby) the rows are a JDBC batch of one-row inserts. Rows are sent
 * by {@link #execute()}, which can be called again for more rows; the caller owns the transaction and the
 * connection.
 */
public final class ColumnInsert implements AutoCloseable {

    private final Connection connection;
    private final List<SqlColumn> columns;
    private final boolean arrays;
    private final PreparedStatement statement;
    private final List<Object[]> rows = new ArrayList<>();

    public ColumnInsert(Connection connection, String table, List<SqlColumn> columns) throws SQLException {
        this.connection = connection;
        this.columns = List.copyOf(columns);
        this.arrays = Dialect.of(connection).hasArrays();
        String names = columns.stream().map(SqlColumn::name).collect(Collectors.joining(", "));
        this.statement = connection.prepareStatement(arrays
                ? "INSERT INTO " + table + " (" + names + ") SELECT * FROM unnest(" + columns.stream()
                        .map(c -> "?::" + c.type().arrayType() + "[]").collect(Collectors.joining(", ")) + ")"
                : "INSERT INTO " + table + " (" + names + ") VALUES (" + columns.stream().map(c -> "?")
                        .collect(Collectors.joining(", ")) + ")");
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

    /** Sends the rows added since the last call; returns how many were inserted. */
    public int execute() throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try {
            if (arrays) {
                for (int c = 0; c < columns.size(); c++) {
                    SqlColumn column = columns.get(c);
                    Object[] values = new Object[rows.size()];
                    for (int r = 0; r < values.length; r++) {
                        values[r] = column.type().jdbc(rows.get(r)[c]);
                    }
                    Array array = connection.createArrayOf(column.type().arrayType(), values);
                    statement.setArray(c + 1, array);
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
            int inserted = 0;
            for (int n : statement.executeBatch()) {
                inserted += n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : n;
            }
            return inserted;
        } finally {
            rows.clear();
        }
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
