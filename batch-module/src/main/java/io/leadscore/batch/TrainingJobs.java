package io.leadscore.batch;

import io.leadscore.common.Times;
import io.leadscore.model.ModelService;
import io.leadscore.model.ModelTrainer;
import io.leadscore.model.PublishPolicy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.io.Serializable;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts model-train jobs for accepted trainings ({@link TrainingRequests}), at start-up for the trainings that
 * a stopped server interrupted or that were accepted while the application was starting ({@link #startWaiting}),
 * and every hour for models whose autoRetrainDays have passed (published by the Dynamics rule,
 * {@link PublishPolicy#AUTO}). Each job starts from an EJB timer, which fires once the application has started,
 * with the publish policy the training was accepted with as its {@code publish} parameter.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrainingJobs {

    private static final Logger LOG = Logger.getLogger(TrainingJobs.class.getName());

    private record Start(String modelId, String requestedBy) implements Serializable {
    }

    @Resource
    private TimerService timers;
    @EJB
    private OperatorJobs jobs;
    @EJB
    private ModelService models;
    @EJB
    private ModelTrainer trainer;

    /** Starts a job for every model in TRAINING: called once the job repository is open ({@link JobRepositoryWarmUp}). */
    public void startWaiting() {
        List<String> waiting = models.interruptedTrainings();
        for (String id : waiting) {
            start(id, null);
        }
        if (!waiting.isEmpty()) {
            LOG.info(() -> waiting.size() + " accepted or interrupted training(s) start now: " + waiting);
        }
    }

    /** Starts a model-train job for a model in TRAINING, once the application has started. */
    public void start(String modelId, String requestedBy) {
        timers.createSingleActionTimer(1, new TimerConfig(new Start(modelId, requestedBy), false));
    }

    @Timeout
    void start(Timer timer) {
        Start s = (Start) timer.getInfo();
        try {
            PublishPolicy policy = models.get(s.modelId()).model().trainingPublish();
            long id = jobs.train(s.modelId(), policy, s.requestedBy());
            LOG.info(() -> "Started model-train execution " + id + " for model " + s.modelId());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The training of model " + s.modelId() + " could not be started", e);
            trainer.fail(s.modelId(), "The model-train job could not be started: " + e.getMessage());
        }
    }

    /** Accepts a training, published by the Dynamics rule, of every model due for its auto-retrain. */
    @Schedule(hour = "*", minute = "20", persistent = false, info = "auto-retrain check")
    void retrainDue() {
        for (String id : models.dueForRetraining(Times.now())) {
            try {
                models.train(id, PublishPolicy.AUTO, null);
                LOG.info(() -> "Model " + id + " is due for its auto-retrain");
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The auto-retrain of model " + id + " could not start", e);
            }
        }
    }
}
