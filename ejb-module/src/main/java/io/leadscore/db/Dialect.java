package io.leadscore.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** What the database behind a connection can do beyond standard SQL, where the product uses it. */
public enum Dialect {
    /** PostgreSQL: arrays as parameters ({@code unnest}, {@code = ANY(?)}), {@code UPDATE ... FROM}, {@code RETURNING}. */
    POSTGRESQL,
    /** Anything else (embedded Derby): standard SQL and JDBC batches. */
    STANDARD;

    public static Dialect of(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
                ? POSTGRESQL : STANDARD;
    }

    /** Whether arrays can be statement parameters (one statement for many rows). */
    public boolean hasArrays() {
        return this == POSTGRESQL;
    }
}
