package io.leadscore.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Ready only when the database answers a query on the lead table (so the schema is there too). */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class.getName());

    @Resource(lookup = "jdbc/leads")
    private DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM crm_lead WHERE 1 = 0")) {
                rs.next();
            }
            return HealthCheckResponse.named("database").up()
                    .withData("product", c.getMetaData().getDatabaseProductName()).build();
        } catch (Exception e) {
            // /health is open to anyone: the database's own words go to the server log only
            LOG.log(Level.WARNING, "Readiness: the database does not answer", e);
            return HealthCheckResponse.named("database").down()
                    .withData("error", "the database does not answer; the server log says why").build();
        }
    }
}
