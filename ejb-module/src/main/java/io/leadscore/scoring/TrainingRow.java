package io.leadscore.scoring;

import java.time.Instant;

/**
 * A closed lead to learn from: its attributes, whether it qualified, and when it was created and
 * closed (for the time-ordered evaluation split and the "qualified within N days" insights).
 */
public record TrainingRow(String id, FeatureSource features, boolean qualified, Instant createdOn, Instant closedOn) {
}
