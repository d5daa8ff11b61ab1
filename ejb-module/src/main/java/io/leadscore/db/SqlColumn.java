package io.leadscore.db;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/** A column that {@link ColumnInsert} or {@link ColumnUpdate} writes: its name and its type. */
public record SqlColumn(String name, Type type) {

    /** The column types bulk writes use: the JDBC type, and PostgreSQL's name for an array of it. */
    public enum Type {
        TEXT(Types.VARCHAR, "varchar"),
        INTEGER(Types.INTEGER, "int4"),
        BIGINT(Types.BIGINT, "int8"),
        DOUBLE(Types.DOUBLE, "float8"),
        BOOLEAN(Types.BOOLEAN, "bool"),
        /** An Instant, stored as the UTC date-time (TIMESTAMP without time zone). */
        TIMESTAMP(Types.TIMESTAMP, "timestamp");

        private final int sqlType;
        private final String arrayType;

        Type(int sqlType, String arrayType) {
            this.sqlType = sqlType;
            this.arrayType = arrayType;
        }

        public int sqlType() {
            return sqlType;
        }

        public String arrayType() {
            return arrayType;
        }

        /** A value as JDBC takes it for this type (an Instant as a UTC Timestamp, a number as this type's). */
        public Object jdbc(Object value) {
            if (value == null) {
                return null;
            }
            return switch (this) {
                case TEXT -> value.toString();
                case INTEGER -> ((Number) value).intValue();
                case BIGINT -> ((Number) value).longValue();
                case DOUBLE -> ((Number) value).doubleValue();
                case BOOLEAN -> (Boolean) value;
                case TIMESTAMP -> value instanceof Instant i ? Timestamp.valueOf(io.leadscore.common.Times.utc(i))
                        : (Timestamp) value;
            };
        }
    }

    public static SqlColumn text(String name) {
        return new SqlColumn(name, Type.TEXT);
    }

    public static SqlColumn integer(String name) {
        return new SqlColumn(name, Type.INTEGER);
    }

    public static SqlColumn bigint(String name) {
        return new SqlColumn(name, Type.BIGINT);
    }

    public static SqlColumn decimal(String name) {
        return new SqlColumn(name, Type.DOUBLE);
    }

    public static SqlColumn bool(String name) {
        return new SqlColumn(name, Type.BOOLEAN);
    }

    public static SqlColumn timestamp(String name) {
        return new SqlColumn(name, Type.TIMESTAMP);
    }
}
