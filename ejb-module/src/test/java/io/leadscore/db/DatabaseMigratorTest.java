package io.leadscore.db;

import io.leadscore.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseMigratorTest {

    private static boolean schemaExists(Connection c, String schema) throws Exception {
        try (ResultSet rs = c.getMetaData().getSchemas()) {
            while (rs.next()) {
                if (rs.getString("TABLE_SCHEM").equalsIgnoreCase(schema)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Liberty creates its job repository's tables but not their schema, which PostgreSQL does not make by itself. */
    @Test
    void theBatchJobRepositorysSchemaIsThereBeforeLibertyCreatesItsTablesAndMigratingAgainChangesNothing() throws Exception {
        try (TestDatabase db = new TestDatabase(); Connection c = db.connection()) {
            assertTrue(schemaExists(c, DatabaseMigrator.BATCH_SCHEMA));
            assertDoesNotThrow(() -> DatabaseMigrator.createSchema(db.dataSource(), DatabaseMigrator.BATCH_SCHEMA));
            assertTrue(schemaExists(c, DatabaseMigrator.BATCH_SCHEMA));
        }
    }

    /** On a new database Liberty may create the EJB timers' tables (server.xml "timerStore") before the migration. */
    @Test
    void aNewDatabaseWithLibertysTimerTablesOnlyIsMigratedOneWithOtherTablesIsNot() throws Exception {
        for (boolean foreign : new boolean[] {false, true}) {
            org.apache.derby.jdbc.EmbeddedDataSource ds = new org.apache.derby.jdbc.EmbeddedDataSource();
            ds.setDatabaseName("memory:migrator-" + foreign);
            ds.setCreateDatabase("create");
            try (Connection c = ds.getConnection(); var s = c.createStatement()) {
                s.execute("CREATE TABLE EJBTIMER_TASK (ID BIGINT NOT NULL PRIMARY KEY)");
                if (foreign) {
                    s.execute("CREATE TABLE CUSTOMERS (ID BIGINT NOT NULL PRIMARY KEY)");
                }
            }
            if (foreign) {
                assertThrows(org.flywaydb.core.api.FlywayException.class,
                        () -> DatabaseMigrator.migrate(ds, getClass().getClassLoader()),
                        "a schema with tables of someone else's is refused, not migrated over");
            } else {
                assertTrue(DatabaseMigrator.migrate(ds, getClass().getClassLoader()).migrationsExecuted > 10);
                try (Connection c = ds.getConnection(); var rs = c.getMetaData().getTables(null, "APP", "CRM_LEAD", null)) {
                    assertTrue(rs.next(), "the application's tables are there");
                }
                assertEquals(0, DatabaseMigrator.migrate(ds, getClass().getClassLoader()).migrationsExecuted);
            }
        }
    }
}
