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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start-up, runs every job still Waiting, and those InProgress that this server left when it was stopped or
 * killed or whose server's claim has run out: nothing is lost, and no job another live server runs is run twice.
 * While the server runs, a sweep every ten seconds renews this server's claims on the jobs it runs (for
 * {@code system.jobs.lease.seconds}) and hands back what was lost on the way: Waiting jobs due for more than a
 * minute (a job whose attempt never reached an executor, here or on a server that died), and jobs InProgress whose
 * claim has run out (a dead server's, or one this server stopped renewing after {@code system.jobs.stuck.minutes}),
 * provided no attempt is queued or running in this application (then nothing of it can still be on its way).
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

    /** Every ten seconds: this server's claims renewed, then what nobody runs taken up. */
    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    public void sweep() {
        try {
            jobs.renewLeases(Duration.ofMinutes(stuckMinutes));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not renew this server's claims on its system jobs", e);
        }
        if (dispatcher.queueDepth() > 0) {
            return;
        }
        Instant now = Times.now();
        List<String> ids;
        try {
            ids = jobs.takeBackStuck(now.minus(Duration.ofMinutes(1)), now.minus(Duration.ofMinutes(stuckMinutes)),
                    SWEEP);
        } catch (RuntimeException e) {
            // another server took some of them back at the same moment; the next sweep sees what is left
            LOG.log(Level.FINE, "Sweep of system jobs gave way to another", e);
            return;
        }
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
