package io.leadscore.scoring;

import java.util.List;

/**
 * A trained, calibrated model with its quality on the most recent closed leads and its factors. {@code allHistory}:
 * the metrics are the holdout run's, and the model then learned from the most recent closed leads too.
 */
public record TrainingResult(ScoringModel model, Metrics metrics, List<Factor> factors, int trainingRows,
                             int qualified, int disqualified, int evaluationRows, Network.Fit fit,
                             long millis, boolean allHistory) {
}
