package io.leadscore.batch;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens Liberty's batch job repository once the application has started, before anything else uses it, and
 * only then starts the trainings that wait ({@link TrainingJobs#startWaiting}). Liberty initialises the
 * repository on first use, and two first uses at once (a job starting while an operator lists executions)
 * can fail; the server reports ready ({@code /health/ready}, check "batch") only after this.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobRepositoryWarmUp {

    private static final Logger LOG = Logger.getLogger(JobRepositoryWarmUp.class.getName());
    private static final long RETRY_MILLIS = 10_000;

    @Resource
    private TimerService timers;
    @EJB
    private OperatorJobs jobs;
    @EJB
    private TrainingJobs trainings;

    private volatile String problem = "the batch job repository is not open yet";

    @PostConstruct
    void schedule() {
        timers.createSingleActionTimer(1, new TimerConfig("job repository warm-up", false));
    }

    @Timeout
    void warmUp() {
        try {
            int jobs = this.jobs.openRepository();
            problem = null;
            LOG.info(() -> "Batch job repository open (" + jobs + " job names)");
        } catch (RuntimeException e) {
            problem = "the batch job repository cannot be opened (the server log says why); trying again every 10 s";
            LOG.log(Level.SEVERE, "The batch job repository cannot be opened; trying again in 10 s", e);
            timers.createSingleActionTimer(RETRY_MILLIS, new TimerConfig("job repository warm-up", false));
            return;
        }
        trainings.startWaiting();
    }

    /** Null once the job repository is open; else why not. */
    public String problem() {
        return problem;
    }
}
