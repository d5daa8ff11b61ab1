package io.leadscore.scoring;

import java.util.List;

/**
 * A trained, calibrated model with its quality on the most recent closed leads and its factors. {@code allHistory}:
 * the metrics are the holdout run's, and the model then learned from the most recent closed leads too. {@code blend}:
 * how the networks and the gradient-boosted trees it learned from were mixed.
 */
public record TrainingResult(ScoringModel model, Metrics metrics, List<Factor> factors, int trainingRows,
                             int qualified, int disqualified, int evaluationRows, Network.Fit fit, Trainer.Blend blend,
                             long millis, boolean allHistory) {
}
