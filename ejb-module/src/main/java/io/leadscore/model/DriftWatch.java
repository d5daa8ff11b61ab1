package io.leadscore.model;

import io.leadscore.common.ConflictException;
import io.leadscore.common.NotFoundException;
import io.leadscore.common.Times;
import io.leadscore.scoring.AttributeSpec;
import io.leadscore.scoring.Drift;
import io.leadscore.scoring.FeatureColumn;
import io.leadscore.scoring.FeatureSource;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import static io.leadscore.common.Jsons.JSON;

/**
 * The drift watch: every day, and when an administrator asks, each published model's version is compared with
 * today's open leads it would score (up to {@link #SAMPLE} of the newest; {@link Drift}). The check is kept with the
 * model (its {@code drift} field), counted in /metrics ({@code models.drifting}), and a drifting model that retrains
 * on its own is due for its retraining (ModelConfig.retrainDue).
 */
@jakarta.ejb.Startup
@Singleton
@jakarta.ejb.DependsOn("ModelRegistry")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // reading thousands of leads needs no transaction
public class DriftWatch {

    private static final Logger LOG = Logger.getLogger(DriftWatch.class.getName());
    /** Metric: published models whose last check found them drifting. */
    public static final String DRIFTING = "models.drifting";
    static final int SAMPLE = 5000;

    @jakarta.inject.Inject
    private ModelRepository repository;
    @EJB
    private ModelRegistry registry;
    @EJB
    private TrainingData data;
    @EJB
    private ModelService models;
    @EJB
    private DriftWatch self;
    @Inject
    private MetricRegistry metrics;

    private final AtomicInteger drifting = new AtomicInteger();

    @PostConstruct
    void init() {
        count();
    }

    /** Every published model, once a day (before the working day; the daily rescore runs at 02:00). */
    @Schedule(hour = "4", minute = "10", persistent = true, info = "drift check")
    void daily() {
        for (PublishedModel p : registry.published()) {
            try {
                check(p.modelId());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The drift check of model " + p.name() + " failed", e);
            }
        }
    }

    /** Checks the published version of a model now and keeps the result; 404 for no such model, 409 if unpublished. */
    public JsonObject check(String modelId) {
        ModelConfig m = repository.find(modelId).orElseThrow(() -> new NotFoundException("model", modelId));
        PublishedModel p = registry.published().stream().filter(x -> x.modelId().equals(modelId)).findFirst()
                .orElseThrow(() -> new ConflictException("The model '" + m.name() + "' is not published: only a "
                        + "published version is checked for drift"));
        ModelVersion v = models.version(modelId, p.version());
        List<AttributeSpec> specs = p.scoring().encoder().columns().stream().map(FeatureColumn::spec).toList();
        List<FeatureSource> open = data.openSample(v.config(), specs, SAMPLE);
        JsonArray stored = v.metrics().getJsonArray("scoreShares");
        double[] shares = stored == null ? null
                : stored.getValuesAs(JsonNumber.class).stream().mapToDouble(JsonNumber::doubleValue).toArray();
        Drift.Report r = Drift.check(p.scoring(), shares, open);
        JsonArrayBuilder moved = JSON.createArrayBuilder();
        r.attributes().forEach(a -> moved.add(JSON.createObjectBuilder().add("path", a.path()).add("psi", a.psi())));
        var json = JSON.createObjectBuilder().add("checkedOn", Times.now().toString()).add("version", p.version())
                .add("leads", r.leads());
        if (shares == null) {
            json.addNull("scorePsi");
        } else {
            json.add("scorePsi", r.scorePsi());
        }
        JsonObject check = json.add("attributes", moved).add("drifting", r.drifting()).build();
        self.keep(modelId, check);
        count();
        if (r.drifting()) {
            LOG.warning(() -> "Model " + m.name() + " v" + p.version() + " is drifting: " + check);
        }
        return check;
    }

    /**
     * Keeps the check with the model without touching its version: a check is no change of the configuration, and
     * an administrator's edit begun before it (If-Match) still applies.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void keep(String modelId, JsonObject check) {
        repository.keepDrift(modelId, check.toString());
    }

    /**
     * Counts the drifting models for the gauge, registering it if it is not there (get-or-register): Liberty drops
     * application metrics of a name when another application that registered it (a test deployment) is removed.
     */
    private void count() {
        metrics.gauge(DRIFTING, drifting::get);
        // the checks as stored (a scalar: an entity this call already read would come back as it was read)
        drifting.set((int) repository.driftChecks().stream().filter(ModelConfig::drifting).count());
    }
}
