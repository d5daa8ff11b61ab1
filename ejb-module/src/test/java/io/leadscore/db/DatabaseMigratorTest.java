package io.leadscore.db;

import io.leadscore.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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
}
