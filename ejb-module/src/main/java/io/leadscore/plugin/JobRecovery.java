package io.leadscore.plugin;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.List;
import java.util.logging.Logger;

/** At start-up, runs every job still Waiting or left InProgress by a stopped or killed server: nothing is lost. */
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

    @PostConstruct
    void resume() {
        List<String> ids = jobs.resumable();
        dispatcher.dispatchNow(ids);
        if (!ids.isEmpty()) {
            LOG.info(() -> ids.size() + " system job(s) taken up again after a restart");
        }
    }
}
