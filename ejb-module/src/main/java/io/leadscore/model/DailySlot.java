package io.leadscore.model;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A time of day (HH:MM, in the server's time zone) at which something runs once a day. */
public record DailySlot(LocalTime at, ZoneId zone) {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("H:mm");

    /** {@code HH:MM} (or {@code H:MM}); empty for anything else. */
    public static Optional<DailySlot> parse(String text, ZoneId zone) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DailySlot(LocalTime.parse(text.strip(), HH_MM), zone));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The latest time this slot came round at or before {@code now} (today's, else yesterday's). */
    public Instant latest(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime today = local.toLocalDate().atTime(at).atZone(zone);
        return (today.isAfter(local) ? local.toLocalDate().minusDays(1).atTime(at).atZone(zone) : today).toInstant();
    }
}
