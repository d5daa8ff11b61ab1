package io.leadscore.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What happens to a version once trained. NEVER: it waits for an administrator (TRAINED). ALWAYS: it is
 * published. AUTO, the rule of Dynamics 365's automatic retraining: it is published when its AUC is at least
 * 95 % of the published version's, or when the published version is older than three months; otherwise it
 * stays TRAINED and the published version keeps scoring.
 */
public enum PublishPolicy {
    NEVER, ALWAYS, AUTO;

    /** A new version's AUC must reach this share of the published one's to replace it automatically. */
    public static final double AUC_SHARE = 0.95;
    /** A published version trained longer ago than this is replaced automatically, whatever the AUCs. */
    public static final Duration MAX_AGE = Duration.ofDays(90);

    /** Whether to publish, and the reason in words an operator reads in the job's exit status. */
    public record Decision(boolean publish, String reason) {
    }

    /**
     * Decides for a new version of AUC {@code newAuc}; {@code publishedAuc} and {@code publishedTrainedOn} are
     * null when no version is published.
     */
    public Decision decide(double newAuc, Double publishedAuc, Instant publishedTrainedOn, Instant now) {
        switch (this) {
            case NEVER:
                return new Decision(false, "kept TRAINED for an administrator to publish");
            case ALWAYS:
                return new Decision(true, "published as asked");
            default:
                break;
        }
        if (publishedAuc == null || publishedTrainedOn == null) {
            return new Decision(false, "kept TRAINED: no version is published to compare it with");
        }
        if (publishedTrainedOn.plus(MAX_AGE).isBefore(now)) {
            return new Decision(true, "published: the published version was trained more than three months ago ("
                    + publishedTrainedOn + ")");
        }
        String comparison = String.format(Locale.ROOT, "AUC %.4f %s 95%% of the published version's %.4f", newAuc,
                newAuc >= AUC_SHARE * publishedAuc ? "is at least" : "is below", publishedAuc);
        return newAuc >= AUC_SHARE * publishedAuc
                ? new Decision(true, "published: " + comparison)
                : new Decision(false, "kept TRAINED: " + comparison);
    }

    /** Reads a job parameter: never, always or auto, in any case; null when absent. */
    public static PublishPolicy parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Job parameter publish must be never, always or auto, not '" + value + "'");
        }
    }
}
