package io.leadscore.plugin;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands system jobs to the managed executor once the transaction that wrote them has committed (never for
 * rolled-back work), and schedules their retries.
 */
@ApplicationScoped
public class JobDispatcher {

    private static final Logger LOG = Logger.getLogger(JobDispatcher.class.getName());

    @Resource
    private ManagedScheduledExecutorService executor;
    @EJB
    private SystemJobs jobs;

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobsEnqueued event) {
        event.jobIds().forEach(id -> dispatch(id, Duration.ZERO));
    }

    public void dispatch(String id, Duration delay) {
        Runnable attempt = () -> {
            try {
                Duration next = jobs.attempt(id);
                if (next != null) {
                    dispatch(id, next);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "System job " + id + " could not be run", e);
            }
        };
        if (delay.isZero()) {
            executor.submit(attempt);
        } else {
            executor.schedule(attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
