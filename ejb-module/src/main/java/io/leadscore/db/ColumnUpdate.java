package io.leadscore.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Rows of one table changed together, each found by the values of its key columns: updated (the columns to set,
 * and an assignment of the table's own, such as {@code version = t.version + 1}, where {@code t} names the table)
 * or deleted. On PostgreSQL one statement takes every row, each column as one array ({@code UPDATE ... FROM
 * unnest(...)}, {@code DELETE ... USING unnest(...)}), the first key column also as {@code = ANY(?)} so that the
 * rows are found by their index, not the table joined to the arrays; elsewhere (Derby) the rows are a JDBC batch
 * of one-row statements. {@link #execute()} returns how many rows were written, so a caller whose key includes an
 * expected version learns whether another transaction changed a row first. A row's values are those of the columns
 * to set, then of the key columns, in their orders.
 */
public final class ColumnUpdate extends ColumnWrite {

    private ColumnUpdate(Connection connection, List<SqlColumn> columns, String sql, int[] arrayParameters)
            throws SQLException {
        super(connection, columns, sql, arrayParameters);
    }

    /** Sets {@code set} (and {@code alsoSet}, if not null) on the rows whose {@code key} columns match. */
    public static ColumnUpdate update(Connection connection, String table, List<SqlColumn> set, String alsoSet,
                                      List<SqlColumn> key) throws SQLException {
        List<SqlColumn> columns = new ArrayList<>(set);
        columns.addAll(key);
        boolean arrays = Dialect.of(connection).hasArrays();
        List<String> assignments = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            assignments.add(set.get(i).name() + " = " + (arrays ? "v.p" + i : "?"));
        }
        if (alsoSet != null) {
            assignments.add(alsoSet);
        }
        String sql = "UPDATE " + table + " t SET " + String.join(", ", assignments)
                + (arrays ? " FROM " + unnest(columns) : "") + " WHERE " + match(key, set.size(), arrays);
        return new ColumnUpdate(connection, columns, sql, arrays ? parameters(columns, set.size()) : null);
    }

    /** Deletes the rows whose {@code key} columns match. */
    public static ColumnUpdate delete(Connection connection, String table, List<SqlColumn> key) throws SQLException {
        boolean arrays = Dialect.of(connection).hasArrays();
        String sql = "DELETE FROM " + table + " t" + (arrays ? " USING " + unnest(key) : "") + " WHERE "
                + match(key, 0, arrays);
        return new ColumnUpdate(connection, key, sql, arrays ? parameters(key, 0) : null);
    }

    /** The arrays as a table {@code v} whose columns are p0, p1, ... */
    private static String unnest(List<SqlColumn> columns) {
        return "unnest(" + columns.stream().map(c -> "?::" + c.type().arrayType() + "[]").collect(Collectors.joining(", "))
                + ") AS v(" + IntStream.range(0, columns.size()).mapToObj(i -> "p" + i).collect(Collectors.joining(", ")) + ")";
    }

    private static String match(List<SqlColumn> key, int first, boolean arrays) {
        List<String> conditions = new ArrayList<>();
        if (arrays) {
            conditions.add("t." + key.get(0).name() + " = ANY(?)");
        }
        for (int i = 0; i < key.size(); i++) {
            conditions.add("t." + key.get(i).name() + " = " + (arrays ? "v.p" + (first + i) : "?"));
        }
        return String.join(" AND ", conditions);
    }

    /** Every column's array, then the first key column's again (for its {@code = ANY}). */
    private static int[] parameters(List<SqlColumn> columns, int firstKey) {
        int[] out = IntStream.rangeClosed(0, columns.size()).toArray();
        out[columns.size()] = firstKey;
        return out;
    }
}
