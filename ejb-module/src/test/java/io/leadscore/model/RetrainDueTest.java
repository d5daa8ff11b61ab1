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
        assertTrue(ModelConfig.retrainDue(ModelStatus.PUBLISHED, 15, NOW.minus(Duration.ofDays(15)), NOW));
        assertFalse(ModelConfig.retrainDue(ModelStatus.PUBLISHED, 15, NOW.minus(Duration.ofDays(14)), NOW));
        assertTrue(ModelConfig.retrainDue(ModelStatus.TRAINED, 1, NOW.minus(Duration.ofDays(2)), NOW));
        assertTrue(ModelConfig.retrainDue(ModelStatus.FAILED, 1, NOW.minus(Duration.ofDays(2)), NOW),
                "a failed training is tried again");
    }

    @Test
    void draftsTrainingModelsAndModelsWithoutAutoRetrainAreNeverDue() {
        Instant longAgo = NOW.minus(Duration.ofDays(400));
        assertFalse(ModelConfig.retrainDue(ModelStatus.PUBLISHED, null, longAgo, NOW));
        assertFalse(ModelConfig.retrainDue(ModelStatus.DRAFT, 1, longAgo, NOW));
        assertFalse(ModelConfig.retrainDue(ModelStatus.TRAINING, 1, longAgo, NOW));
        assertFalse(ModelConfig.retrainDue(ModelStatus.RETIRED, 1, longAgo, NOW));
    }
}
