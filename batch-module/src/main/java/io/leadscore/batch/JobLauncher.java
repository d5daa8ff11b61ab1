package io.leadscore.batch;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Stateless;

import java.util.Properties;

/**
 * Starts the platform's batch jobs by name and reads their executions. Calls go through this EJB of the
 * batch module, so the batch runtime finds the job XML in its {@code META-INF/batch-jobs}.
 */
@Stateless
public class JobLauncher {

    public static final String RESCORE = "lead-rescore";
    public static final String IMPORT = "lead-import";
    public static final String TRAIN = "model-train";

    /** Starts {@code jobName} and returns its execution id; the caller must hold a batch role. */
    public long start(String jobName, Properties parameters) {
        return operator().start(jobName, parameters);
    }

    /** An execution; an id the job repository does not know is a NotFoundException (404), not the EJB's wrapper. */
    public JobExecution execution(long executionId) {
        try {
            return operator().getJobExecution(executionId);
        } catch (jakarta.batch.operations.NoSuchJobExecutionException e) {
            throw new io.leadscore.common.NotFoundException("job execution", String.valueOf(executionId));
        }
    }

    /** The job instance an execution belongs to. */
    public long instanceOf(long executionId) {
        try {
            return operator().getJobInstance(executionId).getInstanceId();
        } catch (jakarta.batch.operations.NoSuchJobExecutionException e) {
            throw new io.leadscore.common.NotFoundException("job execution", String.valueOf(executionId));
        }
    }

    /** Starts the rescore of every open lead in the window, or of one model's leads. */
    public long rescore(String modelId) {
        return start(RESCORE, rescoreParameters(modelId));
    }

    /** The job parameters of a rescore: one model's leads, or (null) every open lead in the window. */
    static Properties rescoreParameters(String modelId) {
        Properties p = new Properties();
        if (modelId != null) {
            p.setProperty("modelId", modelId);
        }
        return p;
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
