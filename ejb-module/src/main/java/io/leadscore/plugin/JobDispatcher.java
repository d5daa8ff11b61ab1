package io.leadscore.plugin;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands system jobs to the managed executor once the transaction that wrote them has committed (never for
 * rolled-back work), and schedules their retries.
 */
@ApplicationScoped
public class JobDispatcher {

    private static final Logger LOG = Logger.getLogger(JobDispatcher.class.getName());

    /** Metric name: jobs handed to the executor (or waiting for a retry) and not finished yet. */
    public static final String QUEUE_DEPTH = "systemJobs.queueDepth";

    @Resource
    private ManagedScheduledExecutorService executor;
    @EJB
    private SystemJobs jobs;
    @Inject
    private MetricRegistry metrics;

    private final AtomicInteger queued = new AtomicInteger();
    private final java.util.function.Supplier<Integer> depth = queued::get;

    /**
     * Registers the gauge if it is not there (get-or-register): Liberty drops application metrics of the same
     * name when another application that registered them (a test deployment) is removed.
     */
    @PostConstruct
    void registerGauge() {
        metrics.gauge(QUEUE_DEPTH, depth);
    }

    /** Jobs dispatched here and not finished yet, retries that wait included. */
    public int queueDepth() {
        return queued.get();
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobsEnqueued event) {
        event.jobIds().forEach(id -> dispatch(id, Duration.ZERO));
    }

    public void dispatch(String id, Duration delay) {
        registerGauge();
        queued.incrementAndGet();
        Runnable attempt = () -> {
            Duration next = null;
            try {
                next = jobs.attempt(id);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "System job " + id + " could not be run", e);
            } finally {
                queued.decrementAndGet();
            }
            if (next != null) {
                dispatch(id, next);
            }
        };
        try {
            if (delay.isZero()) {
                executor.submit(attempt);
            } else {
                executor.schedule(attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            queued.decrementAndGet();
            LOG.log(Level.SEVERE, "System job " + id + " could not be handed to the executor; it runs at the next "
                    + "start or when retried", e);
        }
    }
}
