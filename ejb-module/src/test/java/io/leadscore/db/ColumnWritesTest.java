package io.leadscore.db;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.leadscore.db.SqlColumn.bool;
import static io.leadscore.db.SqlColumn.decimal;
import static io.leadscore.db.SqlColumn.integer;
import static io.leadscore.db.SqlColumn.text;
import static io.leadscore.db.SqlColumn.timestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Rows written together land as written, on both databases: PostgreSQL's one statement with arrays (a temporary
 * table on the server the integration tests use, 127.0.0.1:5432 unless {@code it.pg.*} say otherwise) and Derby's
 * JDBC batch; updates and deletes find exactly the rows their keys match.
 */
class ColumnWritesTest {

    private static Connection connect(String database) throws Exception {
        if (database.equals("derby")) {
            EmbeddedDataSource ds = new EmbeddedDataSource();
            ds.setDatabaseName("memory:column-writes-" + java.util.UUID.randomUUID());
            ds.setCreateDatabase("create");
            Connection c = ds.getConnection();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id VARCHAR(36) NOT NULL PRIMARY KEY, n INTEGER, d DOUBLE, b BOOLEAN, "
                        + "happened TIMESTAMP, note VARCHAR(100))");
            }
            return c;
        }
        Connection c = DriverManager.getConnection("jdbc:postgresql://" + System.getProperty("it.pg.host", "127.0.0.1")
                        + ":" + System.getProperty("it.pg.port", "5432") + "/postgres",
                System.getProperty("it.pg.user", "postgres"), System.getProperty("it.pg.password", ""));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE t (id VARCHAR(36) NOT NULL PRIMARY KEY, n INTEGER, d DOUBLE PRECISION, "
                    + "b BOOLEAN, happened TIMESTAMP, note VARCHAR(100))");
        }
        return c;
    }

    private static List<String> rows(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, n, d, b, happened, note FROM t ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "|" + rs.getObject(2) + "|" + rs.getObject(3) + "|" + rs.getObject(4) + "|"
                        + (rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toLocalDateTime()) + "|" + rs.getString(6));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void everyRowAndValueLandsAsWrittenNullsIncludedAndEachExecuteSendsOnlyTheNewRows(String database) throws Exception {
        try (Connection c = connect(database);
             ColumnInsert insert = new ColumnInsert(c, "t", List.of(text("id"), integer("n"), decimal("d"), bool("b"),
                     timestamp("happened"), text("note")))) {
            assertEquals(database.equals("postgresql") ? Dialect.POSTGRESQL : Dialect.STANDARD, Dialect.of(c));
            insert.add("a", 1, 2.5, true, Instant.parse("2026-03-29T01:30:00.123Z"), "it's \"quoted\", {braced}");
            insert.add("b", null, null, null, null, null);
            insert.add("c", 7L, 3, false, Instant.parse("1999-12-31T23:59:59Z"), "");
            assertEquals(3, insert.pending());
            assertEquals(3, insert.execute());
            assertEquals(0, insert.execute(), "nothing added since: nothing sent");
            insert.add("d", -4, -0.5, true, null, "ü");
            assertEquals(1, insert.execute());
            assertEquals(List.of(
                    "a|1|2.5|true|2026-03-29T01:30:00.123|it's \"quoted\", {braced}",
                    "b|null|null|null|null|null",
                    "c|7|3.0|false|1999-12-31T23:59:59|",
                    "d|-4|-0.5|true|null|ü"), rows(c));
            assertThrows(IllegalArgumentException.class, () -> insert.add("e", 1), "a row has a value per column");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void updatesAndDeletesWriteExactlyTheRowsTheirKeysMatchAndSayHowMany(String database) throws Exception {
        try (Connection c = connect(database)) {
            try (ColumnInsert insert = new ColumnInsert(c, "t", List.of(text("id"), integer("n"), text("note")))) {
                insert.add("a", 1, "first");
                insert.add("b", 2, "second");
                insert.add("c", 3, "third");
                insert.execute();
            }
            // n plays a version: a row is updated only at the version given, and moves one on
            try (ColumnUpdate update = ColumnUpdate.update(c, "t", List.of(text("note"), decimal("d")), "n = t.n + 1",
                    List.of(text("id"), integer("n")))) {
                update.add("it's {new}", 1.5, "a", 1);
                update.add("stale", 9.0, "b", 99);
                update.add(null, null, "c", 3);
                update.add("nobody", 1.0, "zz", 1);
                assertEquals(2, update.execute(), "a and c: b's version and zz's id match no row");
                assertEquals(0, update.execute(), "nothing added since: nothing sent");
            }
            assertEquals(List.of(
                    "a|2|1.5|null|null|it's {new}",
                    "b|2|null|null|null|second",
                    "c|4|null|null|null|null"), rows(c));
            try (ColumnUpdate delete = ColumnUpdate.delete(c, "t", List.of(text("id"), integer("n")))) {
                delete.add("a", 2);
                delete.add("b", 3);
                delete.add("c", 4);
                assertEquals(2, delete.execute());
                assertThrows(IllegalArgumentException.class, () -> delete.add("a"), "a row has a value per key column");
            }
            assertEquals(List.of("b|2|null|null|null|second"), rows(c));
        }
    }
}
