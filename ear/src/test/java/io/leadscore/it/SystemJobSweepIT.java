package io.leadscore.it;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.common.RecordInput;
import io.leadscore.lead.LeadService;
import io.leadscore.plugin.JobRecovery;
import io.leadscore.plugin.JobStatus;
import io.leadscore.plugin.SystemJob;
import io.leadscore.plugin.SystemJobs;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A system job left in progress with nothing running it (its thread died) is taken up again by the sweep. */
@ExtendWith(ArquillianExtension.class)
class SystemJobSweepIT {

    private static final Caller SALES = new Caller("sales", true, false, false, false);

    @Deployment
    static WebArchive deployment() {
        return ServiceDeployment.of("system-job-sweep-it", SystemJobSweepIT.class);
    }

    @EJB
    private LeadService leads;
    @EJB
    private SystemJobs jobs;
    @EJB
    private JobRecovery recovery;
    @Resource(lookup = "jdbc/leads")
    private DataSource db;

    private SystemJob awaitJob(String leadId, Predicate<SystemJob> done) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (true) {
            List<SystemJob> found = jobs.list(new ListQuery("entityId eq '" + leadId + "'", null, 50, 0, false)).items();
            if (found.size() == 1 && done.test(found.get(0))) {
                return found.get(0);
            }
            assertTrue(System.nanoTime() < deadline, "not there: " + found);
            Thread.sleep(100);
        }
    }

    @Test
    void aJobLeftInProgressIsRunAgainAndOneJustStartedIsLeftAlone() throws Exception {
        String id = leads.create(SALES, RecordInput.of(Map.of("lastName", "Stuck"), Map.of())).id();
        SystemJob done = awaitJob(id, j -> j.status() == JobStatus.Succeeded);
        assertEquals(1, done.attempts());

        // as a server whose executor thread died would leave it: in progress, started a while ago, never finished
        inProgressSince(done.id(), LocalDateTime.now(ZoneOffset.UTC).minusSeconds(30));
        recovery.sweep();
        assertEquals(JobStatus.InProgress, jobs.get(done.id()).status(), "30 s in progress may still be running");

        inProgressSince(done.id(), LocalDateTime.now(ZoneOffset.UTC).minusHours(1));
        recovery.sweep();
        SystemJob again = awaitJob(id, j -> j.status() == JobStatus.Succeeded);
        assertEquals(2, again.attempts(), "run once more, by the sweep");
    }

    private void inProgressSince(String jobId, LocalDateTime startedOn) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE system_job SET status = 'InProgress', started_on = ?, "
                     + "completed_on = NULL, version = version + 1 WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.valueOf(startedOn));
            s.setString(2, jobId);
            assertEquals(1, s.executeUpdate());
        }
    }
}
