package io.leadscore.it;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.common.RecordInput;
import io.leadscore.lead.LeadService;
import io.leadscore.plugin.JobStatus;
import io.leadscore.plugin.SystemJob;
import io.leadscore.plugin.SystemJobs;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Succeeded system jobs are removed once older than the retention, on the real database. */
@ExtendWith(ArquillianExtension.class)
class SystemJobPruningIT {

    private static final Caller SALES = new Caller("sales", true, false, false, false);

    @Deployment
    static WebArchive deployment() {
        return ServiceDeployment.of("system-job-pruning-it", SystemJobPruningIT.class);
    }

    @EJB
    private LeadService leads;
    @EJB
    private SystemJobs jobs;

    private List<SystemJob> jobsOf(String leadId) {
        return jobs.list(new ListQuery("entityId eq '" + leadId + "'", null, 50, 0, false)).items();
    }

    @Test
    void aSucceededJobIsRemovedOnlyOnceItCompletedBeforeTheCutOff() throws InterruptedException {
        String id = leads.create(SALES, RecordInput.of(Map.of("lastName", "Pruned"), Map.of())).id();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (jobsOf(id).isEmpty() || jobsOf(id).get(0).status() != JobStatus.Succeeded) {
            assertTrue(System.nanoTime() < deadline, "the scoring job of the new lead succeeds");
            Thread.sleep(100);
        }
        SystemJob done = jobsOf(id).get(0);
        jobs.prune(done.completedOn().minusSeconds(1));
        assertEquals(1, jobsOf(id).size(), "completed after the cut-off: kept");
        assertTrue(jobs.prune(done.completedOn().plusMillis(1)) >= 1);
        assertEquals(List.of(), jobsOf(id), "completed before the cut-off: removed");
    }
}
