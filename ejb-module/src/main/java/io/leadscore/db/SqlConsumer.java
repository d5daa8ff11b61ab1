package io.leadscore.db;

import java.sql.SQLException;

/** Work on a JDBC object that may fail as JDBC does. */
@FunctionalInterface
public interface SqlConsumer<T> {
    void accept(T t) throws SQLException;
}
