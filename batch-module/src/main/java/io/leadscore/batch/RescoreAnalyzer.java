package io.leadscore.batch;

import io.leadscore.model.RescoreRanges;
import jakarta.batch.api.partition.AbstractPartitionAnalyzer;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Says what a rescore did in the exit status operators see in the Admin Center and the batch REST API ("1000000
 * leads read, 998123 new scores; ranges finished by ...": every chunk of the job instance, on whichever server and
 * in whichever execution it ran, and the servers that finished its ranges), or passes on why a partition failed.
 */
@Named("rescoreAnalyzer")
@Dependent
public class RescoreAnalyzer extends AbstractPartitionAnalyzer {

    @Inject
    private JobContext job;
    @EJB
    private RescoreRanges ranges;

    @Override
    public void analyzeStatus(BatchStatus batchStatus, String exitStatus) {
        if (batchStatus == BatchStatus.FAILED && exitStatus != null && exitStatus.startsWith("FAILED:")) {
            job.setExitStatus(exitStatus);
        } else if (batchStatus == BatchStatus.COMPLETED && !String.valueOf(job.getExitStatus()).startsWith("FAILED:")) {
            job.setExitStatus(ranges.progress(job.getInstanceId()).summary());
        }
    }
}
