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

    /** An instant as the UTC date-time the database columns hold (TIMESTAMP without time zone); null stays null. */
    public static java.time.LocalDateTime utc(Instant instant) {
        return instant == null ? null : java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }

    /** A stored UTC date-time as an instant; null stays null. */
    public static Instant instant(java.time.LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(java.time.ZoneOffset.UTC);
    }
}
