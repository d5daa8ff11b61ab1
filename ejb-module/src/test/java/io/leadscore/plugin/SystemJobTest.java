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
            assertTrue(job.start(T));
            assertEquals(JobStatus.InProgress, job.status());
            assertEquals(Duration.ofSeconds(d), job.failed("database away", T));
            assertEquals(JobStatus.Waiting, job.status());
            assertEquals(T.plusSeconds(d), job.nextAttemptOn());
        }
        assertTrue(job.start(T));
        assertNull(job.failed("database away", T));
        assertEquals(JobStatus.Failed, job.status());
        assertEquals(5, job.attempts());
        assertEquals("database away", job.error());
        assertFalse(job.start(T), "a failed job does not start again by itself");
    }

    @Test
    void aSucceededJobKeepsNoErrorAndCannotBeRetriedOrCanceled() {
        SystemJob job = job();
        job.start(T);
        job.failed("once", T);
        job.start(T);
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
        job.start(T);
        job.interrupted(T);
        assertEquals(JobStatus.Waiting, job.status());
        job.cancel(T);
        assertEquals(JobStatus.Canceled, job.status());
        assertFalse(job.start(T));
        job.retry(T);
        assertEquals(JobStatus.Waiting, job.status());
        assertEquals(0, job.attempts());
        assertTrue(job.start(T));
        assertEquals("L1", job.operation().target().id());
        assertEquals(Message.Create, job.operation().message());
    }
}
