package io.leadscore.batch;

import jakarta.annotation.security.RunAs;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Stateless;

import java.util.Properties;

/**
 * Starts an import's job. Anyone who may create leads may import them, but starting a batch job takes a
 * batch role: the job is submitted as the Operator role (server.xml's run-as user), while every row is
 * written with the rights of the user who started the import.
 */
@Stateless
@RunAs("Operator")
public class ImportLauncher {

    public long start(String importId) {
        Properties p = new Properties();
        p.setProperty("importId", importId);
        return BatchRuntime.getJobOperator().start(JobLauncher.IMPORT, p);
    }
}
