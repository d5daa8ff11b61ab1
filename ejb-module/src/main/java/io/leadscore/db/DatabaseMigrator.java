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
        LOG.info(() -> "Database schema up to date on " + result.database + " (" + result.migrationsExecuted
                + " migrations applied now" + (result.targetSchemaVersion == null ? "" : ", now at version "
                + result.targetSchemaVersion) + ")");
    }

    /** Applies the pending migrations to a data source; also used by tests and bench tools. */
    public static MigrateResult migrate(DataSource dataSource, ClassLoader loader) {
        return Flyway.configure(loader)
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("blob_type", blobType(dataSource)))
                .load()
                .migrate();
    }

    /** The one type the databases spell differently: binary large objects. */
    static String blobType(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("postgres") ? "BYTEA" : "BLOB(200M)";
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to migrate it: " + e.getMessage(), e);
        }
    }
}
