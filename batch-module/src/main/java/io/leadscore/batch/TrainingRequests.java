package io.leadscore.batch;

import io.leadscore.model.TrainingRequested;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.logging.Level;
import java.util.logging.Logger;

/** After a training was accepted and committed: its model-train job ({@link TrainingJobs}). */
@ApplicationScoped
public class TrainingRequests {

    private static final Logger LOG = Logger.getLogger(TrainingRequests.class.getName());

    @EJB
    private TrainingJobs jobs;

    void requested(@Observes(during = TransactionPhase.AFTER_SUCCESS) TrainingRequested request) {
        try {
            jobs.start(request.modelId(), request.requestedBy());
        } catch (RuntimeException e) {
            // TrainingJobs takes up every model in TRAINING when the application starts again
            LOG.log(Level.SEVERE, "The training of model " + request.modelId() + " could not be started; it starts "
                    + "when the server starts again", e);
        }
    }
}
