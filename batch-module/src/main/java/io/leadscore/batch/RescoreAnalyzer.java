package io.leadscore.batch;

import jakarta.batch.api.partition.PartitionAnalyzer;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/**
 * Adds up what the partitions of a rescore did into the exit status operators see in the Admin Center and
 * the batch REST API ("1000000 leads read, 998123 new scores"), or passes on why a partition failed.
 */
@Named("rescoreAnalyzer")
@Dependent
public class RescoreAnalyzer implements PartitionAnalyzer {

    @Inject
    private JobContext job;

    private long read;
    private long scored;

    @Override
    public void analyzeCollectorData(Serializable data) {
        if (data instanceof long[] c) {
            read += c[0];
            scored += c[1];
        }
    }

    @Override
    public void analyzeStatus(BatchStatus batchStatus, String exitStatus) {
        if (batchStatus == BatchStatus.FAILED && exitStatus != null && exitStatus.startsWith("FAILED:")) {
            job.setExitStatus(exitStatus);
        } else if (batchStatus == BatchStatus.COMPLETED && !String.valueOf(job.getExitStatus()).startsWith("FAILED:")) {
            job.setExitStatus(read + " leads read, " + scored + " new scores");
        }
    }
}
