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

/**
 * A system job left in progress with nothing running it (its thread died, its server died) is taken up again by the
 * sweep; one another live server holds is not.
 */
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

    /**
     * Issue 19: servers sharing the database. A job another server claimed is its own while the claim holds, however
     * long it has been running; once the claim runs out (the server died), this one takes it up and runs it.
     */
    @Test
    void aJobAnotherLiveServerHoldsIsLeftAloneUntilItsClaimRunsOut() throws Exception {
        String id = leads.create(SALES, RecordInput.of(Map.of("lastName", "Claimed"), Map.of())).id();
        SystemJob done = awaitJob(id, j -> j.status() == JobStatus.Succeeded);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);

        claimed(done.id(), "other-server@elsewhere", now.minusHours(1), now.plusSeconds(60));
        recovery.sweep();
        SystemJob held = jobs.get(done.id());
        assertEquals(JobStatus.InProgress, held.status(), "another live server's job is not taken");
        assertEquals("other-server@elsewhere", held.owner());
        assertEquals(1, held.attempts());

        claimed(done.id(), "other-server@elsewhere", now.minusHours(1), now.minusSeconds(1));
        recovery.sweep();
        SystemJob again = awaitJob(id, j -> j.status() == JobStatus.Succeeded);
        assertEquals(2, again.attempts(), "run once more, here");
        assertTrue(again.owner() != null && !again.owner().equals("other-server@elsewhere"), again.owner());
        assertEquals(null, again.leaseUntil(), "a finished job holds no claim");
    }

    private void inProgressSince(String jobId, LocalDateTime startedOn) throws Exception {
        // as this server's dead thread leaves it: no claim renewed any more (the sweep stops renewing after
        // system.jobs.stuck.minutes, and the last claim runs out)
        claimed(jobId, null, startedOn, null);
    }

    private void claimed(String jobId, String owner, LocalDateTime startedOn, LocalDateTime leaseUntil) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE system_job SET status = 'InProgress', started_on = ?, "
                     + "completed_on = NULL, owner = ?, lease_until = ?, version = version + 1 WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.valueOf(startedOn));
            s.setString(2, owner);
            s.setTimestamp(3, leaseUntil == null ? null : Timestamp.valueOf(leaseUntil));
            s.setString(4, jobId);
            assertEquals(1, s.executeUpdate());
        }
    }
}
