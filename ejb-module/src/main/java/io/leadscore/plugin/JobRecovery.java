package io.leadscore.plugin;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import io.leadscore.common.Times;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * At start-up, runs every job still Waiting or left InProgress by a stopped or killed server: nothing is lost.
 * While the server runs, a sweep every minute hands back what was lost on the way (a job whose attempt never
 * reached the executor, a thread that died): Waiting jobs due for more than two minutes, and jobs InProgress for
 * longer than {@code system.jobs.stuck.minutes}, provided no attempt is queued or running in this application
 * (then nothing of it can still be on its way).
 */
@Startup
@Singleton
@DependsOn("ModelRegistry")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // the jobs wait again (committed) before they are dispatched
public class JobRecovery {

    private static final Logger LOG = Logger.getLogger(JobRecovery.class.getName());

    @EJB
    private SystemJobs jobs;
    @Inject
    private JobDispatcher dispatcher;

    /** Sweeps take back at most this many jobs at a time. */
    static final int SWEEP = 500;

    @Inject
    @ConfigProperty(name = "system.jobs.stuck.minutes", defaultValue = "10")
    private long stuckMinutes;

    @Schedule(hour = "*", minute = "*", persistent = false)
    public void sweep() {
        if (dispatcher.queueDepth() > 0) {
            return;
        }
        Instant now = Times.now();
        List<String> ids = jobs.takeBackStuck(now.minus(Duration.ofMinutes(2)), now.minus(Duration.ofMinutes(stuckMinutes)),
                SWEEP);
        if (!ids.isEmpty()) {
            LOG.warning(() -> ids.size() + " system job(s) found waiting or in progress with nothing running them: "
                    + "taken up again (" + String.join(", ", ids.subList(0, Math.min(5, ids.size())))
                    + (ids.size() > 5 ? ", ..." : "") + ")");
            dispatcher.dispatchNow(ids);
        }
    }

    @PostConstruct
    void resume() {
        List<String> ids = jobs.resumable();
        dispatcher.dispatchNow(ids);
        if (!ids.isEmpty()) {
            LOG.info(() -> ids.size() + " system job(s) taken up again after a restart");
        }
    }
}
