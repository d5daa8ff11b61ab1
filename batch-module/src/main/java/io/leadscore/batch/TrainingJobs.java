package io.leadscore.batch;

import io.leadscore.common.Times;
import io.leadscore.model.ModelConfig;
import io.leadscore.model.ModelService;
import io.leadscore.model.ModelStatus;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** A job to start; {@code attempt} counts the tries (the job repository may refuse one under load). */
    private record Start(String modelId, String requestedBy, int attempt) implements Serializable {
    }

    /** Tries to start one training's job before the model fails, two seconds apart. */
    static final int START_ATTEMPTS = 3;

    @Resource
    private TimerService timers;
    @EJB
    private OperatorJobs jobs;
    @EJB
    private ModelService models;
    @EJB
    private ModelTrainer trainer;
    /** The training (its start time) each model's last job was started for; timeouts run one at a time. */
    private final Map<String, Instant> startedFor = new HashMap<>();

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
        timers.createSingleActionTimer(1, new TimerConfig(new Start(modelId, requestedBy, 1), false));
    }

    @Timeout
    void start(Timer timer) {
        Start s = (Start) timer.getInfo();
        try {
            ModelConfig model = models.get(s.modelId()).model();
            // one job per accepted training, however many times it is asked for (the request after commit and
            // the start-up pass can both see a training accepted while the application started)
            if (model.status() != ModelStatus.TRAINING || model.trainingStartedOn().equals(startedFor.get(model.id()))) {
                return;
            }
            startedFor.put(model.id(), model.trainingStartedOn());
            PublishPolicy policy = model.trainingPublish();
            long id = jobs.train(s.modelId(), policy, s.requestedBy());
            LOG.info(() -> "Started model-train execution " + id + " for model " + s.modelId());
        } catch (RuntimeException e) {
            startedFor.remove(s.modelId());
            if (s.attempt() < START_ATTEMPTS) {
                // seen under load: Derby's job repository rolls back the start (XA); the next try usually passes
                LOG.log(Level.WARNING, "The training of model " + s.modelId() + " could not be started (attempt "
                        + s.attempt() + " of " + START_ATTEMPTS + "); trying again", e);
                timers.createSingleActionTimer(2000, new TimerConfig(
                        new Start(s.modelId(), s.requestedBy(), s.attempt() + 1), false));
                return;
            }
            String incident = java.util.UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "The training of model " + s.modelId() + " could not be started, incident " + incident, e);
            trainer.fail(s.modelId(), "The model-train job could not be started after " + START_ATTEMPTS
                    + " tries; train the model again (the server log has incident " + incident + ")");
        }
    }

    /** Accepts a training, published by the Dynamics rule, of every model due for its auto-retrain. */
    @Schedule(hour = "*", minute = "20", persistent = true, info = "auto-retrain check")
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
