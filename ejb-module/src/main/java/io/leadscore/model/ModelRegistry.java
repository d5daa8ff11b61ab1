package io.leadscore.model;

import io.leadscore.filter.Bound;
import io.leadscore.filter.FilterBinder;
import io.leadscore.filter.MemoryFilter;
import io.leadscore.lead.LeadSchema;
import io.leadscore.lead.LeadStatus;
import io.leadscore.scoring.ModelArtifact;
import io.leadscore.scoring.ScoringModel;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The published models, loaded and ready to score. Loaded at start-up; after every publish, unpublish or
 * settings change the whole list is rebuilt from the database and swapped in one atomic step, so that no
 * request ever sees a half-loaded model. Loaded versions are kept by id, also to explain scores that an
 * earlier version gave.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class.getName());

    @jakarta.inject.Inject
    private ModelRepository repository;

    private final AtomicReference<List<PublishedModel>> published = new AtomicReference<>(List.of());
    /** Loaded versions by model id and version number (versions are immutable). */
    private final Map<String, ScoringModel> loaded = new ConcurrentHashMap<>();
    private final Map<String, String> loadErrors = new ConcurrentHashMap<>();
    private volatile boolean started;
    /** What the loaded list was built from: each published model's id, published version and row version. */
    private volatile List<String> loadedFrom = List.of();
    @jakarta.inject.Inject
    private jakarta.enterprise.event.Event<io.leadscore.plugin.StepsOutdated> steps;

    @PostConstruct
    void start() {
        reload();
        started = true;
        LOG.info(() -> published.get().size() + " published model(s) loaded");
    }

    /** Whether the published models have been loaded since start-up. */
    public boolean started() {
        return started;
    }

    /** Models that are published but could not be loaded, with the reason. */
    public Map<String, String> loadErrors() {
        return Map.copyOf(loadErrors);
    }

    public synchronized void reload() {
        List<PublishedModel> next = new ArrayList<>();
        List<ModelConfig> models = repository.published();
        for (ModelConfig m : models) {
            try {
                ModelVersion v = version(m.id(), m.publishedVersion());
                // which leads: as the version was trained; how it grades: as the model is configured now
                ModelDefinition trainedFor = v.config();
                ModelDefinition now = m.definition();
                Bound filter = trainedFor.filter() == null ? null : FilterBinder.compile(trainedFor.filter(), LeadSchema.LEAD);
                next.add(new PublishedModel(m.id(), m.name(), v.number(), trainedFor.businessProcess(), filter,
                        m.priority(), now.gradeA(), now.gradeB(), now.gradeC(), now.trendThreshold(), m.publishedOn(),
                        load(v)));
                loadErrors.remove(m.id());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Published model " + m.name() + " could not be loaded", e);
                loadErrors.put(m.id(), m.name() + ": " + e.getMessage());
            }
        }
        next.sort(Comparator.comparingInt(PublishedModel::priority).reversed()
                .thenComparing(PublishedModel::publishedOn, Comparator.reverseOrder()));
        published.set(List.copyOf(next));
        loadedFrom = signature(models.stream().map(m -> new Object[]{m.id(), m.publishedVersion(), m.version()}).toList());
    }

    /**
     * Every five seconds: when the published models in the database are not those loaded here (another server
     * sharing the database published, unpublished, rolled back or changed one), loads them again, and the plugin
     * steps follow. A change made here has already reloaded (ModelEvents) and finds nothing to do.
     */
    @jakarta.ejb.Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    public void watch() {
        List<String> now = signature(repository.publishedState());
        if (!now.equals(loadedFrom)) {
            LOG.info("The published models changed in the database (another server): loading them again");
            reload();
            steps.fire(new io.leadscore.plugin.StepsOutdated("the published models changed on another server"));
        }
    }

    private static List<String> signature(List<Object[]> rows) {
        return rows.stream().map(r -> r[0] + ":" + r[1] + ":" + r[2]).sorted().toList();
    }

    /** The published models, highest priority first, then most recently published. */
    public List<PublishedModel> published() {
        return published.get();
    }

    /** The model that scores this lead now, if any: the first published model that covers it. */
    public Optional<PublishedModel> select(LeadFeatures lead) {
        if (lead.lead().status() != LeadStatus.OPEN) {
            return Optional.empty();
        }
        for (PublishedModel m : published.get()) {
            if (covers(m, lead)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Whether a model's business process and filter select the lead (its status aside). */
    public static boolean covers(PublishedModel m, LeadFeatures lead) {
        if (m.businessProcess() != null && !Objects.equals(m.businessProcess(), lead.lead().businessProcess())) {
            return false;
        }
        return m.filter() == null || new MemoryFilter(lead::resolve).test(m.filter());
    }

    /** The scoring engine of any version of a model, loading it if needed (for explaining older scores). */
    public ScoringModel model(String modelId, int number) {
        ScoringModel m = loaded.get(key(modelId, number));
        return m != null ? m : load(version(modelId, number));
    }

    private static String key(String modelId, int number) {
        return modelId + "/" + number;
    }

    private ModelVersion version(String modelId, int number) {
        return repository.version(modelId, number)
                .orElseThrow(() -> new IllegalStateException("Model " + modelId + " has no version " + number));
    }

    private ScoringModel load(ModelVersion v) {
        return loaded.computeIfAbsent(key(v.modelId(), v.number()), k -> {
            byte[] bytes = repository.artifact(v.id())
                    .orElseThrow(() -> new IllegalStateException("Version " + v.number() + " has no stored artifact"));
            String sum = ModelArtifact.checksum(bytes);
            if (!sum.equals(v.checksum())) {
                throw new IllegalStateException("The artifact of version " + v.number() + " is damaged: checksum "
                        + sum + " instead of " + v.checksum());
            }
            return ModelArtifact.read(bytes);
        });
    }
}
