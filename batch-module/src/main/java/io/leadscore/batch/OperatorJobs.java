package io.leadscore.batch;

import jakarta.annotation.security.RunAs;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Stateless;

import java.util.Properties;

/**
 * Starts the jobs the platform itself runs, as the Operator role (server.xml's run-as user) because starting
 * a batch job takes a batch role: an import anyone who may create leads starts (its rows are written with the
 * rights of that user), the rescore after a model is published, and the daily rescore.
 */
@Stateless
@RunAs("Operator")
public class OperatorJobs {

    public long importLeads(String importId) {
        Properties p = new Properties();
        p.setProperty("importId", importId);
        return BatchRuntime.getJobOperator().start(JobLauncher.IMPORT, p);
    }

    /** The open leads one model covers or last scored, or (modelId null) every open lead in the window. */
    public long rescore(String modelId) {
        return BatchRuntime.getJobOperator().start(JobLauncher.RESCORE, JobLauncher.rescoreParameters(modelId));
    }
}
