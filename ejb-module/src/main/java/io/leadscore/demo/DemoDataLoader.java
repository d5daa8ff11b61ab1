package io.leadscore.demo;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * On an empty database, generates the demo organisation at start-up (server.xml variable {@code demo.data},
 * seed {@code demo.seed}). A database that already holds leads is never touched.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoDataLoader {

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class.getName());

    @Resource(lookup = "jdbc/leads")
    private DataSource dataSource;

    @Inject
    @ConfigProperty(name = "demo.data", defaultValue = "true")
    private boolean enabled;

    @Inject
    @ConfigProperty(name = "demo.seed", defaultValue = "20261127")
    private long seed;

    @PostConstruct
    void load() {
        if (!enabled) {
            LOG.info("Demo data is off (demo.data=false)");
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            if (hasLeads(c)) {
                return;
            }
            long start = System.nanoTime();
            c.setAutoCommit(false);
            try (JdbcDemoWriter writer = new JdbcDemoWriter(c, 1000)) {
                new DemoOrganisation(seed, DemoOrganisation.Size.DEMO, Instant.now()).generate(writer);
                LOG.info(String.format("Demo organisation created: %s, %d leads in %.1f s",
                        DemoOrganisation.Size.DEMO, writer.leads(), (System.nanoTime() - start) / 1e9));
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the demo organisation: " + e.getMessage(), e);
        }
    }

    private static boolean hasLeads(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM crm_lead")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }
}
