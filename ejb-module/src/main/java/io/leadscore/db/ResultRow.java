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

    @Override
    public String text(String column) {
        try {
            return rs.getString(column(column));
        } catch (SQLException e) {
            throw new PersistenceException("Reading " + column + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Integer integer(String column) {
        try {
            int v = rs.getInt(column(column));
            return rs.wasNull() ? null : v;
        } catch (SQLException e) {
            throw new PersistenceException("Reading " + column + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Long whole(String column) {
        try {
            long v = rs.getLong(column(column));
            return rs.wasNull() ? null : v;
        } catch (SQLException e) {
            throw new PersistenceException("Reading " + column + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public BigDecimal decimal(String column) {
        try {
            return rs.getBigDecimal(column(column));
        } catch (SQLException e) {
            throw new PersistenceException("Reading " + column + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public LocalDateTime time(String column) {
        try {
            Timestamp t = rs.getTimestamp(column(column));
            return t == null ? null : t.toLocalDateTime();
        } catch (SQLException e) {
            throw new PersistenceException("Reading " + column + " failed: " + e.getMessage(), e);
        }
    }
}
