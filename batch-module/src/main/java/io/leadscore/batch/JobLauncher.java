package io.leadscore.batch;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Stateless;

import java.util.Properties;

/** Starts the platform's batch jobs by name; the REST layer and the schedules go through it. */
@Stateless
public class JobLauncher {

    /** Starts {@code jobName} (a file in META-INF/batch-jobs) and returns its execution id. */
    public long start(String jobName, Properties parameters) {
        JobOperator operator = BatchRuntime.getJobOperator();
        return operator.start(jobName, parameters);
    }
}
