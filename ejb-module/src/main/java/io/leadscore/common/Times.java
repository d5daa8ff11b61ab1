package io.leadscore.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The platform's notion of "now": millisecond precision, as every database keeps it and JSON shows it. */
public final class Times {
    private Times() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
