package io.leadscore.demo;

import io.leadscore.model.ModelDefinition;
import io.leadscore.model.ModelService;
import io.leadscore.model.ModelStatus;
import io.leadscore.model.PublishPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import static io.leadscore.common.Jsons.JSON;

/**
 * On an empty database, generates the demo organisation at start-up (server.xml variable {@code demo.data},
 * seed {@code demo.seed}), then deploys the demo's model and has it trained and published, so that the
 * first page a salesperson opens shows scored leads. A database that already holds leads is never touched.
 */
@Startup
@Singleton
@DependsOn({"DatabaseMigrator", "ModelRegistry"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoDataLoader {

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class.getName());

    @Resource
    private TimerService timers;
    @Resource(lookup = "jdbc/leads")
    private DataSource dataSource;

    @Inject
    @ConfigProperty(name = "demo.data", defaultValue = "true")
    private boolean enabled;

    @Inject
    @ConfigProperty(name = "demo.seed", defaultValue = "20261127")
    private long seed;

    private static final String DEMO_MODEL = "models/default.json";

    @EJB
    private ModelService models;
    @EJB
    private io.leadscore.common.StartupWork startup;

    private volatile String demoModelId;

    @PostConstruct
    void load() {
        boolean created = false;
        if (!enabled) {
            LOG.info("Demo data is off (demo.data=false)");
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            if (hasLeads(c)) {
                return;
            }
            long start = System.nanoTime();
            created = true;
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
        if (created) {
            deployDemoModel();
        }
    }

    /** The demo's model (models/default.json in the repository): deployed, trained and published in the background. */
    private void deployDemoModel() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DEMO_MODEL);
             JsonReader r = JSON.createReader(in)) {
            JsonObject json = r.readObject();
            String name = json.getString("name");
            ModelService.Deployed d = models.deploy(name, ModelDefinition.parse(json, name));
            demoModelId = d.summary().model().id();
            startup.pending("demo", this::unsettled);
            // its model-train job can start once the application has started: a timer fires then
            timers.createSingleActionTimer(1, new TimerConfig(demoModelId, false));
            LOG.info(() -> "Demo model '" + name + "' deployed; it trains and publishes in the background");
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "The demo model could not be deployed", e);
        }
    }

    @Timeout
    void trainDemoModel(Timer timer) {
        try {
            models.train((String) timer.getInfo(), PublishPolicy.ALWAYS, null);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The demo model could not be trained", e);
        }
    }

    /**
     * On a first start, what the demo is still doing: its model waits for or is in its first training, or its
     * open leads are being scored; null once done (or on any later start).
     */
    public String unsettled() {
        String id = demoModelId;
        if (id == null) {
            return null;
        }
        try {
            ModelStatus status = models.get(id).model().status();
            if (status == ModelStatus.DRAFT || status == ModelStatus.TRAINING) {
                return "the demo model is still training";
            }
            if (status == ModelStatus.PUBLISHED && unscoredOpenLeads() > 0) {
                return "the demo's open leads are being scored";
            }
        } catch (RuntimeException | SQLException e) {
            // deleted meanwhile, or the database says why elsewhere (the database check)
        }
        demoModelId = null;
        return null;
    }

    private long unscoredOpenLeads() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM crm_lead WHERE status = 'OPEN' AND score_value IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean hasLeads(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM crm_lead")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }
}
