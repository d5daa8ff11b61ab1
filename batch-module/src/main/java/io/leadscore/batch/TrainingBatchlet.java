package io.leadscore.batch;

import io.leadscore.model.ModelService;
import io.leadscore.model.ModelTrainer;
import io.leadscore.model.PublishPolicy;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.Batchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The model-train step: puts the model in TRAINING (if the API has not already), trains it through the model
 * manager and ends with the outcome as exit status, e.g. "version 3 trained on 7392 leads, AUC 0.9121;
 * published: AUC 0.9121 is at least 95% of the published version's 0.9050". A training cannot be interrupted
 * midway: a stop takes effect when it ends.
 */
@Named("trainingBatchlet")
@Dependent
public class TrainingBatchlet implements Batchlet {

    private static final Logger LOG = Logger.getLogger(TrainingBatchlet.class.getName());
    /** Models training in this server now: one model never trains in two executions at once. */
    private static final Set<String> TRAINING = ConcurrentHashMap.newKeySet();

    @Inject
    @BatchProperty
    private String modelId;
    @Inject
    @BatchProperty
    private String publish;
    @Inject
    private JobContext job;
    @EJB
    private ModelService models;
    @EJB
    private ModelTrainer trainer;

    @Override
    public String process() {
        String id = JobParameters.optional(modelId);
        if (id == null) {
            throw new IllegalArgumentException("Job parameter modelId is required");
        }
        PublishPolicy asked = PublishPolicy.parse(publish);
        if (!TRAINING.add(id)) {
            throw new IllegalStateException("Model " + id + " is already training in another execution");
        }
        try {
            PublishPolicy policy = models.beginTraining(id, asked);
            ModelTrainer.Trained t = trainer.run(id, policy);
            String outcome = t.summary();
            LOG.info(() -> "model-train execution " + job.getExecutionId() + " of model " + id + ": " + outcome);
            job.setExitStatus(outcome.length() > 1000 ? outcome.substring(0, 1000) : outcome);
            return outcome;
        } finally {
            TRAINING.remove(id);
        }
    }

    @Override
    public void stop() {
        LOG.info(() -> "model-train execution " + job.getExecutionId() + " stops when its training ends");
    }
}
