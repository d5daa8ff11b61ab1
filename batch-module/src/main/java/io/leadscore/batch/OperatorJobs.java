package io.leadscore.batch;

import io.leadscore.model.PublishPolicy;
import jakarta.annotation.security.RunAs;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Stateless;

import java.util.Locale;
import java.util.Properties;

/**
 * Starts the jobs the platform itself runs, as the Operator role (server.xml's run-as user) because starting
 * a batch job takes a batch role: an import anyone who may create leads starts (its rows are written with the
 * rights of that user), trainings, the rescore after a model is published, and the daily rescore.
 */
@Stateless
@RunAs("Operator")
public class OperatorJobs {

    public long importLeads(String importId) {
        Properties p = new Properties();
        p.setProperty("importId", importId);
        return BatchRuntime.getJobOperator().start(JobLauncher.IMPORT, p);
    }

    /** A new version of a model, published as {@code policy} says; {@code requestedBy} null: the platform asked. */
    public long train(String modelId, PublishPolicy policy, String requestedBy) {
        Properties p = new Properties();
        p.setProperty("modelId", modelId);
        p.setProperty("publish", policy.name().toLowerCase(Locale.ROOT));
        if (requestedBy != null) {
            p.setProperty("requestedBy", requestedBy);
        }
        return BatchRuntime.getJobOperator().start(JobLauncher.TRAIN, p);
    }

    /** The open leads one model covers or last scored, or (modelId null) every open lead in the window. */
    public long rescore(String modelId) {
        return BatchRuntime.getJobOperator().start(JobLauncher.RESCORE, JobLauncher.rescoreParameters(modelId));
    }

    /**
     * Whether a job execution is running (STARTING or STARTED) as the job repository, which the servers of a
     * cluster share, says: false for one that ended, or that the repository does not know.
     */
    public boolean running(long executionId) {
        try {
            jakarta.batch.runtime.BatchStatus status = BatchRuntime.getJobOperator().getJobExecution(executionId)
                    .getBatchStatus();
            return status == jakarta.batch.runtime.BatchStatus.STARTED
                    || status == jakarta.batch.runtime.BatchStatus.STARTING;
        } catch (jakarta.batch.operations.NoSuchJobExecutionException e) {
            return false;
        }
    }

    /** Makes Liberty open (and on a first start create) the job repository; answers how many job names it holds. */
    public int openRepository() {
        JobOperator operator = BatchRuntime.getJobOperator();
        int names = 0;
        for (String name : operator.getJobNames()) {
            names++;
            operator.getRunningExecutions(name);
        }
        return names;
    }
}
