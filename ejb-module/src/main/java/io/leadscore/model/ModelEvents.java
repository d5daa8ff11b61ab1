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
 * trainings start, covered leads are rescored — on the managed executor, never on a request thread.
 */
@ApplicationScoped
public class ModelEvents {

    private static final Logger LOG = Logger.getLogger(ModelEvents.class.getName());

    @Resource
    private ManagedExecutorService executor;
    @EJB
    private ModelRegistry registry;
    @EJB
    private Rescorer rescorer;
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
            executor.submit(() -> {
                try {
                    rescorer.rescore(event.modelId());
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "Rescoring the leads of model " + event.modelId() + " failed", e);
                }
            });
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
