package io.leadscore.scoring;

import java.time.Instant;
import java.util.Comparator;

/**
 * A closed lead to learn from: its attributes, whether it qualified, and when it was created and
 * closed (for the time-ordered evaluation split and the "qualified within N days" insights).
 */
public record TrainingRow(String id, FeatureSource features, boolean qualified, Instant createdOn, Instant closedOn) {

    /** Oldest first, by creation (rows without a date first), then by id: the order "the newest leads" refer to. */
    public static final Comparator<TrainingRow> OLDEST_FIRST = Comparator.comparing(TrainingRow::createdOn,
            Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).thenComparing(TrainingRow::id);
}
