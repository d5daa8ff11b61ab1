package io.leadscore.model;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import io.leadscore.plugin.StepsOutdated;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens after a model change has committed (never for rolled-back work): the registry reloads and the
 * covered leads are rescored by a batch job. (Trainings, requested likewise, run as model-train jobs.)
 */
@ApplicationScoped
public class ModelEvents {

    private static final Logger LOG = Logger.getLogger(ModelEvents.class.getName());

    @EJB
    private ModelRegistry registry;
    @jakarta.inject.Inject
    private jakarta.enterprise.event.Event<RescoreRequested> rescore;
    @jakarta.inject.Inject
    private jakarta.enterprise.event.Event<StepsOutdated> steps;

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ModelChanged event) {
        registry.reload();
        // the LeadScoringPlugin's Update step follows what the published models read
        steps.fire(new StepsOutdated("model " + event.modelId() + " changed"));
        if (event.rescore()) {
            try {
                rescore.fire(new RescoreRequested(event.modelId()));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "The rescore of the leads of model " + event.modelId() + " could not be "
                        + "started; the daily rescore will score them", e);
            }
        }
    }
}
