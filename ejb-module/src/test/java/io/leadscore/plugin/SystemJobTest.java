package io.leadscore.plugin;

import io.leadscore.sdk.Message;
import io.leadscore.sdk.Record;
import io.leadscore.common.ConflictException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The life of a system job: attempts, backoff, final failure, restart, retry and cancel. */
class SystemJobTest {

    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private static SystemJob job() {
        Pipeline.Operation op = new Pipeline.Operation(Message.Create, "lead", "sales", UUID.randomUUID(), 1,
                new Record("lead", "L1", Map.of(), false), null);
        return new SystemJob("LeadScoringPlugin", op, "L1", T);
    }

    @Test
    void aFailingJobIsRetriedFourTimesWithBackoffThenFails() {
        SystemJob job = job();
        assertEquals(JobStatus.Waiting, job.status());
        long[] delays = {1, 2, 4, 8};
        for (long d : delays) {
            assertTrue(job.start(T, "a@host", LEASE));
            assertEquals(JobStatus.InProgress, job.status());
            assertEquals(Duration.ofSeconds(d), job.failed("database away", T));
            assertEquals(JobStatus.Waiting, job.status());
            assertEquals(T.plusSeconds(d), job.nextAttemptOn());
        }
        assertTrue(job.start(T, "a@host", LEASE));
        assertNull(job.failed("database away", T));
        assertEquals(JobStatus.Failed, job.status());
        assertEquals(5, job.attempts());
        assertEquals("database away", job.error());
        assertFalse(job.start(T, "a@host", LEASE), "a failed job does not start again by itself");
    }

    @Test
    void aSucceededJobKeepsNoErrorAndCannotBeRetriedOrCanceled() {
        SystemJob job = job();
        job.start(T, "a@host", LEASE);
        job.failed("once", T);
        job.start(T, "a@host", LEASE);
        job.succeeded(T.plusSeconds(2));
        assertEquals(JobStatus.Succeeded, job.status());
        assertNull(job.error());
        assertEquals(2, job.attempts());
        assertThrows(ConflictException.class, () -> job.retry(T));
        assertThrows(ConflictException.class, () -> job.cancel(T));
    }

    @Test
    void aJobInProgressWhenTheServerStoppedWaitsAgainAndOnlyWaitingJobsCancel() {
        SystemJob job = job();
        job.start(T, "a@host", LEASE);
        job.interrupted(T);
        assertEquals(JobStatus.Waiting, job.status());
        job.cancel(T);
        assertEquals(JobStatus.Canceled, job.status());
        assertFalse(job.start(T, "a@host", LEASE));
        job.retry(T);
        assertEquals(JobStatus.Waiting, job.status());
        assertEquals(0, job.attempts());
        assertTrue(job.start(T, "a@host", LEASE));
        assertEquals("L1", job.operation().target().id());
        assertEquals(Message.Create, job.operation().message());
    }

    @Test
    void aClaimHoldsForItsLeaseAndOnlyARunningJobIsEverAbandoned() {
        SystemJob job = job();
        assertFalse(job.abandoned(T.plusSeconds(3600)), "a waiting job is nobody's");
        job.start(T, "one@host", LEASE);
        assertEquals("one@host", job.owner());
        assertEquals(T.plus(LEASE), job.leaseUntil());
        assertFalse(job.abandoned(T.plusSeconds(29)), "another server leaves it alone while the claim holds");
        assertTrue(job.abandoned(T.plusSeconds(31)), "and takes it up once the claim has run out");
        job.interrupted(T.plusSeconds(31));
        assertTrue(job.start(T.plusSeconds(32), "two@host", LEASE), "the other server claims it");
        assertEquals("two@host", job.owner());
        job.succeeded(T.plusSeconds(33));
        assertNull(job.leaseUntil(), "a finished job holds no claim");
        assertFalse(job.abandoned(T.plusSeconds(3600)));
    }

    @Test
    void aServerIsNamedByItsIdAtItsHost() {
        assertEquals("leadscore-it@build1", ServerIdentity.of("leadscore-it", "build1"));
        assertEquals("eu-1@10.0.0.7", ServerIdentity.of("eu-1@10.0.0.7", "build1"), "an id that names its host stays");
        assertEquals("leadscore@build1", ServerIdentity.of(" ", "build1"));
    }
}
