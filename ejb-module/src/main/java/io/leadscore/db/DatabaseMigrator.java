package io.leadscore.db;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Brings the schema to the latest version at start-up, so data survives restarts and upgrades.
 * Runs outside a JTA transaction: Flyway commits each migration itself.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseMigrator {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

    @Resource(lookup = "jdbc/leads")
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        MigrateResult result = migrate(dataSource, getClass().getClassLoader());
        // Flyway names no database in the result of a migration that started with a baseline
        String database = result.database == null ? "a new database" : result.database;
        LOG.info(() -> "Database schema up to date on " + database + " (" + result.migrationsExecuted
                + " migrations applied now" + (result.targetSchemaVersion == null ? "" : ", now at version "
                + result.targetSchemaVersion) + ")");
        maintenanceWarning(dataSource).ifPresent(LOG::warning);
    }

    /**
     * What an operator must change in the database's maintenance, if anything: PostgreSQL without autovacuum keeps
     * every old row version of the tables the product updates all day (system jobs, leads' scores) and never
     * refreshes their statistics, so writes and reads slow down by the hour.
     */
    static java.util.Optional<String> maintenanceWarning(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (Dialect.of(c) != Dialect.POSTGRESQL) {
                return java.util.Optional.empty();
            }
            try (var s = c.createStatement(); var rs = s.executeQuery("SHOW autovacuum")) {
                if (rs.next() && !"on".equalsIgnoreCase(rs.getString(1))) {
                    return java.util.Optional.of("PostgreSQL runs without autovacuum: the system_job and crm_lead "
                            + "tables will fill with dead rows and stale statistics and every write will slow down. "
                            + "Turn it on (autovacuum = on in postgresql.conf, or ALTER SYSTEM SET autovacuum = on; "
                            + "SELECT pg_reload_conf();) or vacuum and analyze these tables regularly.");
                }
            }
            return java.util.Optional.empty();
        } catch (SQLException e) {
            return java.util.Optional.of("Could not read the database's autovacuum setting: " + e.getMessage());
        }
    }

    /** The schema of Liberty's batch job repository (server.xml, databaseStore "batchStore"). */
    static final String BATCH_SCHEMA = "JBATCH";
    /**
     * The tables of the persistent EJB timers (server.xml, databaseStore "timerStore"), which Liberty creates in the
     * application's schema when it first needs them: on a new database, at server start, before this migrates.
     */
    static final String TIMER_TABLE_PREFIX = "EJBTIMER_";

    /** Applies the pending migrations to a data source; also used by tests and bench tools. */
    public static MigrateResult migrate(DataSource dataSource, ClassLoader loader) {
        createSchema(dataSource, BATCH_SCHEMA);
        // Flyway refuses a first migration of a schema that has tables: Liberty's timer tables alone are no reason to
        boolean onlyTimers = onlyTimerTables(dataSource);
        return Flyway.configure(loader)
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("blob_type", blobType(dataSource)))
                .baselineOnMigrate(onlyTimers)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /** Whether the application's schema has tables, and all of them are the EJB timers' (a new database). */
    static boolean onlyTimerTables(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (var rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT));
                }
            }
            return !tables.isEmpty() && tables.stream().allMatch(t -> t.startsWith(TIMER_TABLE_PREFIX));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to migrate it: " + e.getMessage(), e);
        }
    }

    /**
     * Creates a schema unless it exists. Liberty creates the batch job repository's tables but not their
     * schema: Derby makes one on the first CREATE TABLE in it, PostgreSQL refuses, and the repository (and
     * every job) could never start there.
     */
    static void createSchema(DataSource dataSource, String schema) {
        try (Connection c = dataSource.getConnection()) {
            try (var schemas = c.getMetaData().getSchemas()) {
                while (schemas.next()) {
                    if (schemas.getString("TABLE_SCHEM").equalsIgnoreCase(schema)) {
                        return;
                    }
                }
            }
            try (var create = c.createStatement()) {
                create.execute("CREATE SCHEMA " + schema); // a constant, no input
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            LOG.info(() -> "Schema " + schema + " created");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /** The one type the databases spell differently: binary large objects. */
    static String blobType(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return Dialect.of(c) == Dialect.POSTGRESQL ? "BYTEA" : "BLOB(200M)";
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to migrate it: " + e.getMessage(), e);
        }
    }
}
