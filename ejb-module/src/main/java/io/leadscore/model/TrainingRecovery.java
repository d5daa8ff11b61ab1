package io.leadscore.model;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import java.util.List;
import java.util.logging.Logger;

/** Takes up again, at start-up, the trainings that a stopped or killed server left in TRAINING. */
@Startup
@Singleton
@DependsOn("ModelRegistry")
public class TrainingRecovery {

    private static final Logger LOG = Logger.getLogger(TrainingRecovery.class.getName());

    @EJB
    private ModelService models;
    @Inject
    private ModelEvents events;

    @PostConstruct
    void resume() {
        List<String> interrupted = models.interruptedTrainings();
        for (String id : interrupted) {
            events.submit(id, false);
        }
        if (!interrupted.isEmpty()) {
            LOG.info(() -> interrupted.size() + " interrupted training(s) started again");
        }
    }
}
