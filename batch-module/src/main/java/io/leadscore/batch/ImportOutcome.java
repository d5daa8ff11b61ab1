package io.leadscore.batch;

import io.leadscore.leadimport.ImportService;
import io.leadscore.leadimport.LeadImport;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Keeps an import's status in step with its job: Running, then Completed, Failed (with why) or Stopped. */
@Named("importOutcome")
@Dependent
public class ImportOutcome implements JobListener {

    @Inject
    @BatchProperty
    private String importId;
    @Inject
    private JobContext job;
    @EJB
    private ImportService imports;
    @Inject
    private io.leadscore.common.WorkLimits limits;

    @Override
    public void beforeJob() {
        imports.started(importId, job.getExecutionId());
    }

    @Override
    public void afterJob() {
        try {
            record();
        } finally {
            limits.imports().release();
        }
    }

    private void record() {
        BatchStatus s = job.getBatchStatus();
        String exit = job.getExitStatus();
        if (s == BatchStatus.FAILED) {
            imports.ended(importId, LeadImport.Status.Failed, exit != null && exit.startsWith("FAILED: ")
                    ? exit.substring("FAILED: ".length()) : "The import job failed; see its job log");
        } else if (s == BatchStatus.STOPPED) {
            imports.ended(importId, LeadImport.Status.Stopped, null);
        } else {
            imports.ended(importId, LeadImport.Status.Completed, null);
        }
    }
}
