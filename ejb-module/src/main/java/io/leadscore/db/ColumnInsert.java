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
 * thousands of parameters per call. Elsewhere (Derby) the rows are a JDBC batch of one-row inserts.
 */
public final class ColumnInsert extends ColumnWrite {

    public ColumnInsert(Connection connection, String table, List<SqlColumn> columns) throws SQLException {
        this(connection, table, columns, Dialect.of(connection).hasArrays());
    }

    private ColumnInsert(Connection connection, String table, List<SqlColumn> columns, boolean arrays)
            throws SQLException {
        super(connection, columns, sql(table, columns, arrays), arrays ? IntStream.range(0, columns.size()).toArray() : null);
    }

    private static String sql(String table, List<SqlColumn> columns, boolean arrays) {
        String names = columns.stream().map(SqlColumn::name).collect(Collectors.joining(", "));
        return arrays
                ? "INSERT INTO " + table + " (" + names + ") SELECT * FROM unnest(" + columns.stream()
                        .map(c -> "?::" + c.type().arrayType() + "[]").collect(Collectors.joining(", ")) + ")"
                : "INSERT INTO " + table + " (" + names + ") VALUES (" + columns.stream().map(c -> "?")
                        .collect(Collectors.joining(", ")) + ")";
    }
}
