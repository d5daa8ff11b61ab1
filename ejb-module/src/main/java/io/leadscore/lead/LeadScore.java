package io.leadscore.lead;

import java.time.Instant;

/**
 * A lead's score: the calibrated chance in percent that it qualifies, its grade under the model's
 * bounds, its trend against the previous score, and which model version gave it when.
 */
public record LeadScore(int value, String grade, Trend trend, String modelId, int modelVersion, Instant scoredOn) {

    /** How the score moved since the previous one; NOT_ENOUGH_INFO when there is none. */
    public enum Trend {
        IMPROVING, DECLINING, STEADY, NOT_ENOUGH_INFO;

        public static Trend of(Integer previous, int current, int threshold) {
            if (previous == null) {
                return NOT_ENOUGH_INFO;
            }
            int delta = current - previous;
            if (Math.abs(delta) < threshold) {
                return STEADY;
            }
            return delta > 0 ? IMPROVING : DECLINING;
        }
    }
}
