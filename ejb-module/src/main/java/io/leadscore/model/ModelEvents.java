package io.leadscore.model;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens after a model change has committed (never for rolled-back work): the registry reloads,
 * trainings start on the managed executor, and the covered leads are rescored by a batch job.
 */
@ApplicationScoped
public class ModelEvents {

    private static final Logger LOG = Logger.getLogger(ModelEvents.class.getName());

    @Resource
    private ManagedExecutorService executor;
    @EJB
    private ModelRegistry registry;
    @jakarta.inject.Inject
    private jakarta.enterprise.event.Event<RescoreRequested> rescore;
    @EJB
    private ModelTrainer trainer;
    @EJB
    private io.leadscore.plugin.PluginSteps steps;

    /** Models training in this server now: one model never trains twice at once. */
    private final Set<String> training = ConcurrentHashMap.newKeySet();

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ModelChanged event) {
        registry.reload();
        steps.refresh(); // the LeadScoringPlugin's Update step follows what the published models read
        if (event.rescore()) {
            try {
                rescore.fire(new RescoreRequested(event.modelId()));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "The rescore of the leads of model " + event.modelId() + " could not be "
                        + "started; the daily rescore will score them", e);
            }
        }
    }

    void train(@Observes(during = TransactionPhase.AFTER_SUCCESS) TrainingRequested event) {
        submit(event.modelId(), event.publish());
    }

    /** Starts a training in the background unless that model is already training here. */
    public void submit(String modelId, boolean publish) {
        if (!training.add(modelId)) {
            return;
        }
        executor.submit(() -> {
            try {
                trainer.run(modelId, publish);
            } finally {
                training.remove(modelId);
            }
        });
    }
}
