package io.leadscore.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Rows inserted into one table together. On PostgreSQL one statement takes every row, each column as one array
 * parameter ({@code INSERT ... SELECT * FROM unnest(...)}): the statement is parsed once and its parameters are a
 * few arrays however many rows there are, where a JDBC batch (even rewritten into multi-row VALUES) parses and binds
 * thousands of parameters per call. Elsewhere (Derby) the rows are a JDBC batch of one-row inserts. Rows are sent
 * by {@link #execute()}, which can be called again for more rows; the caller owns the transaction and the
 * connection.
 */
public final class ColumnInsert implements AutoCloseable {

    private final ColumnRows rows;

    public ColumnInsert(Connection connection, String table, List<SqlColumn> columns) throws SQLException {
        boolean arrays = Dialect.of(connection).hasArrays();
        String names = columns.stream().map(SqlColumn::name).collect(Collectors.joining(", "));
        this.rows = new ColumnRows(connection, columns, arrays
                ? "INSERT INTO " + table + " (" + names + ") SELECT * FROM unnest(" + columns.stream()
                        .map(c -> "?::" + c.type().arrayType() + "[]").collect(Collectors.joining(", ")) + ")"
                : "INSERT INTO " + table + " (" + names + ") VALUES (" + columns.stream().map(c -> "?")
                        .collect(Collectors.joining(", ")) + ")",
                arrays ? IntStream.range(0, columns.size()).toArray() : null);
    }

    /**
     * Adds a row: one value per column, in the columns' order (String, Integer, Long, Double, Boolean, Instant
     * (stored as UTC), or null).
     */
    public void add(Object... values) {
        rows.add(values);
    }

    /** How many rows wait to be sent. */
    public int pending() {
        return rows.pending();
    }

    /** Sends the rows added since the last call; returns how many were inserted. */
    public int execute() throws SQLException {
        return rows.execute();
    }

    @Override
    public void close() throws SQLException {
        rows.close();
    }
}
