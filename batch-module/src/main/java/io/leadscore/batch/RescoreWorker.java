package io.leadscore.batch;

import io.leadscore.model.RescoreRanges;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * One partition of a rescore on the server that runs the job: claims the job's key ranges one after another and
 * scores them ({@link RescoreRanges}), then waits until every range is done, those other servers of the cluster
 * took included. A stop ends it after the chunk in progress; a restart goes on with the ranges not done.
 */
@Named("rescoreWorker")
@Dependent
public class RescoreWorker extends AbstractBatchlet {

    @Inject
    private JobContext job;
    @EJB
    private RescoreRanges ranges;

    private volatile boolean stopped;

    @Override
    public String process() {
        RescoreRanges.Work done = ranges.work(job.getInstanceId(), () -> stopped, true);
        return done.ranges() + " ranges, " + done.read() + " leads read, " + done.scored() + " new scores";
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
