package io.leadscore.batch;

import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** A failed step (or partition) says why: its exit status, and the job's, become "FAILED: <the error>". */
@Named("failureReason")
@Dependent
public class FailureReason implements StepListener {

    @Inject
    private StepContext step;
    @Inject
    private JobContext job;

    @Override
    public void beforeStep() {
    }

    @Override
    public void afterStep() {
        Exception e = step.getException();
        if (e != null) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = "FAILED: " + (root.getMessage() != null ? root.getMessage() : root.toString());
            if (why.length() > 1000) {
                why = why.substring(0, 1000);
            }
            step.setExitStatus(why);
            job.setExitStatus(why);
        }
    }
}
