package io.leadscore.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Instant MONTH_AGO = NOW.minus(Duration.ofDays(30));

    @Test
    void autoPublishesAVersionAtLeastNinetyFivePercentAsGood() {
        assertTrue(PublishPolicy.AUTO.decide(0.855, 0.90, MONTH_AGO, NOW).publish(), "0.855 = 95% of 0.90");
        assertTrue(PublishPolicy.AUTO.decide(0.95, 0.90, MONTH_AGO, NOW).publish());
        PublishPolicy.Decision worse = PublishPolicy.AUTO.decide(0.85, 0.90, MONTH_AGO, NOW);
        assertFalse(worse.publish());
        assertEquals("kept TRAINED: AUC 0.8500 is below 95% of the published version's 0.9000", worse.reason());
    }

    @Test
    void autoReplacesAPublishedVersionOlderThanThreeMonthsWhateverItsAuc() {
        Instant old = NOW.minus(Duration.ofDays(91));
        PublishPolicy.Decision d = PublishPolicy.AUTO.decide(0.60, 0.90, old, NOW);
        assertTrue(d.publish(), d.reason());
        assertTrue(d.reason().contains("more than three months"), d.reason());
        assertFalse(PublishPolicy.AUTO.decide(0.60, 0.90, NOW.minus(Duration.ofDays(89)), NOW).publish());
    }

    @Test
    void autoLeavesAModelWithoutPublishedVersionForAnAdministrator() {
        assertFalse(PublishPolicy.AUTO.decide(0.99, null, null, NOW).publish());
    }

    @Test
    void neverAndAlwaysIgnoreTheAucs() {
        assertFalse(PublishPolicy.NEVER.decide(0.99, 0.5, MONTH_AGO, NOW).publish());
        assertTrue(PublishPolicy.ALWAYS.decide(0.51, 0.99, MONTH_AGO, NOW).publish());
    }

    @Test
    void parsesJobParameters() {
        assertEquals(null, PublishPolicy.parse(" "));
        assertEquals(PublishPolicy.AUTO, PublishPolicy.parse(" Auto "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PublishPolicy.parse("maybe"));
        assertEquals("Job parameter publish must be never, always or auto, not 'maybe'", e.getMessage());
    }
}
