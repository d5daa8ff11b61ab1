package io.leadscore.lead;

import java.time.Instant;

/** A point of a lead's score history: a scoring that changed its score. */
public record ScorePoint(Instant scoredOn, int value, String grade, String modelId, int modelVersion) {
}
