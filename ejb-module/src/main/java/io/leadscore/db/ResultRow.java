package io.leadscore.db;

import io.leadscore.common.StoredRow;
import jakarta.persistence.PersistenceException;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The current row of a result set as a {@link StoredRow}: columns by name, whatever case the database gives labels. */
public final class ResultRow implements StoredRow {

    private final ResultSet rs;
    private final Map<String, Integer> index = new HashMap<>();

    public ResultRow(ResultSet rs) throws SQLException {
        this.rs = rs;
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            index.putIfAbsent(md.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
        }
    }

    private int column(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new PersistenceException("The query read no column " + name);
        }
        return i;
    }

    /** How one column is read from the result set. */
    private interface Getter<T> {
        T get(ResultSet rs, int column) throws SQLException;
    }

    private <T> T read(String column, Getter<T> getter) {
        try {
            return getter.get(rs, column(column));
        } catch (SQLException e) {
            throw new PersistenceException("Reading " + column + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String text(String column) {
        return read(column, ResultSet::getString);
    }

    @Override
    public Integer integer(String column) {
        return read(column, (r, i) -> {
            int v = r.getInt(i);
            return r.wasNull() ? null : v;
        });
    }

    @Override
    public Long whole(String column) {
        return read(column, (r, i) -> {
            long v = r.getLong(i);
            return r.wasNull() ? null : v;
        });
    }

    @Override
    public BigDecimal decimal(String column) {
        return read(column, ResultSet::getBigDecimal);
    }

    @Override
    public LocalDateTime time(String column) {
        Timestamp t = read(column, ResultSet::getTimestamp);
        return t == null ? null : t.toLocalDateTime();
    }
}
