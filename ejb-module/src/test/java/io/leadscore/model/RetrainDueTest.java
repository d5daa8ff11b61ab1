package io.leadscore.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrainDueTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void aTrainedModelIsDueOnceItsDaysHavePassedSinceItsLastTraining() {
        assertTrue(ModelConfig.retrainDue(ModelStatus.PUBLISHED, 15, NOW.minus(Duration.ofDays(15)), false, NOW));
        assertFalse(ModelConfig.retrainDue(ModelStatus.PUBLISHED, 15, NOW.minus(Duration.ofDays(14)), false, NOW));
        assertTrue(ModelConfig.retrainDue(ModelStatus.TRAINED, 1, NOW.minus(Duration.ofDays(2)), false, NOW));
        assertTrue(ModelConfig.retrainDue(ModelStatus.FAILED, 1, NOW.minus(Duration.ofDays(2)), false, NOW),
                "a failed training is tried again");
    }

    @Test
    void draftsTrainingModelsAndModelsWithoutAutoRetrainAreNeverDue() {
        Instant longAgo = NOW.minus(Duration.ofDays(400));
        assertFalse(ModelConfig.retrainDue(ModelStatus.PUBLISHED, null, longAgo, false, NOW));
        assertFalse(ModelConfig.retrainDue(ModelStatus.DRAFT, 1, longAgo, false, NOW));
        assertFalse(ModelConfig.retrainDue(ModelStatus.TRAINING, 1, longAgo, false, NOW));
        assertFalse(ModelConfig.retrainDue(ModelStatus.RETIRED, 1, longAgo, false, NOW));
    }

    @Test
    void aDriftingModelIsDueADayAfterItsLastTraining() {
        assertTrue(ModelConfig.retrainDue(ModelStatus.PUBLISHED, 15, NOW.minus(Duration.ofDays(2)), true, NOW));
        assertFalse(ModelConfig.retrainDue(ModelStatus.PUBLISHED, 15, NOW.minus(Duration.ofHours(20)), true, NOW),
                "not again within the day: a retraining that does not cure the drift is not repeated at once");
        assertFalse(ModelConfig.retrainDue(ModelStatus.PUBLISHED, 15, NOW.minus(Duration.ofDays(2)), false, NOW));
        assertFalse(ModelConfig.retrainDue(ModelStatus.PUBLISHED, null, NOW.minus(Duration.ofDays(2)), true, NOW),
                "drift retrains only models that retrain on their own");
    }
}
