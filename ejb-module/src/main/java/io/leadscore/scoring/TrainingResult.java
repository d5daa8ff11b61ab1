package io.leadscore.scoring;

import java.util.List;

/** A trained, calibrated model with its quality on the most recent closed leads and its factors. */
public record TrainingResult(ScoringModel model, Metrics metrics, List<Factor> factors, int trainingRows,
                             int qualified, int disqualified, int evaluationRows, Network.Fit fit,
                             long millis) {
}
