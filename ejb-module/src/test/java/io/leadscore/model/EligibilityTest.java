package io.leadscore.model;

import io.leadscore.common.RecordInput;
import io.leadscore.lead.Lead;
import io.leadscore.plugin.JobStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Why is this lead not scored?": what holds for the lead whatever the model. */
class EligibilityTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    static Lead lead(Instant createdOn) {
        return new Lead(RecordInput.of(Map.of("lastName", "Lovelace"), Map.of()), "sales", createdOn);
    }

    static Eligibility.ScoringJob job(JobStatus status, String error) {
        return new Eligibility.ScoringJob("job-1", status, error, NOW.minusSeconds(60), null);
    }

    @Test
    void aScoredRecentLeadHasNothingToSay() {
        assertEquals(List.of(), Eligibility.notes(lead(NOW.minus(Duration.ofDays(3))), false,
                job(JobStatus.Succeeded, null), 730, NOW));
        assertEquals(List.of(), Eligibility.notes(lead(NOW), false, null, 730, NOW));
    }

    @Test
    void nothingPublishedIsSaidFirst() {
        List<String> notes = Eligibility.notes(lead(NOW), true, null, 730, NOW);
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).startsWith("no model is published"), notes.toString());
    }

    @Test
    void theScoringJobSaysWhereItStands() {
        assertTrue(Eligibility.notes(lead(NOW), false, job(JobStatus.Waiting, null), 730, NOW).get(0)
                .contains("job-1 is waiting"));
        assertTrue(Eligibility.notes(lead(NOW), false, job(JobStatus.InProgress, null), 730, NOW).get(0)
                .contains("in progress"));
        String failed = Eligibility.notes(lead(NOW), false, job(JobStatus.Failed, "the model could not be read"), 730,
                NOW).get(0);
        assertTrue(failed.contains("failed: the model could not be read") && failed.contains("an operator can retry"),
                failed);
        String canceled = Eligibility.notes(lead(NOW), false, job(JobStatus.Canceled, null), 730, NOW).get(0);
        assertTrue(canceled.contains("was canceled") && canceled.contains("an operator can retry"), canceled);
    }

    @Test
    void anOpenLeadOlderThanTheRescoreWindowIsPassedBy() {
        List<String> notes = Eligibility.notes(lead(NOW.minus(Duration.ofDays(800))), false, null, 730, NOW);
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("before the daily rescore's window (the last 730 days)"), notes.toString());
        assertEquals(List.of(), Eligibility.notes(lead(NOW.minus(Duration.ofDays(729))), false, null, 730, NOW));
        Lead closed = lead(NOW.minus(Duration.ofDays(800)));
        closed.qualify(NOW.minus(Duration.ofDays(700)));
        assertEquals(List.of(), Eligibility.notes(closed, false, null, 730, NOW), "a closed lead's reason is its status");
    }
}
