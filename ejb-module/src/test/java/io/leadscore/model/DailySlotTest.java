package io.leadscore.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DailySlotTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void theLatestSlotIsTodaysOnceItsTimeHasComeElseYesterdays() {
        DailySlot two = DailySlot.parse("02:00", PARIS).orElseThrow();
        // 01:59 in Paris (UTC+1 in winter): yesterday's 02:00
        assertEquals(Instant.parse("2026-12-01T01:00:00Z"), two.latest(Instant.parse("2026-12-02T00:59:00Z")));
        assertEquals(Instant.parse("2026-12-02T01:00:00Z"), two.latest(Instant.parse("2026-12-02T01:00:00Z")));
        assertEquals(Instant.parse("2026-12-02T01:00:00Z"), two.latest(Instant.parse("2026-12-02T22:30:00Z")));
    }

    @Test
    void theSlotFollowsTheServersClockAcrossDaylightSaving() {
        DailySlot two = DailySlot.parse("2:30", PARIS).orElseThrow();
        // 29 March 2026: Paris skips from 02:00 to 03:00; the slot of that day is at 03:30 local (01:30 UTC)
        assertEquals(Instant.parse("2026-03-29T01:30:00Z"), two.latest(Instant.parse("2026-03-29T12:00:00Z")));
        // the next day, summer time: 02:30 local is 00:30 UTC
        assertEquals(Instant.parse("2026-03-30T00:30:00Z"), two.latest(Instant.parse("2026-03-30T00:31:00Z")));
    }

    @Test
    void onlyHoursAndMinutesAreATime() {
        for (String bad : new String[] {"", "2", "25:00", "02:60", "02:00:00", "two", "-1:00"}) {
            assertTrue(DailySlot.parse(bad, PARIS).isEmpty(), bad);
        }
        assertTrue(DailySlot.parse(null, PARIS).isEmpty());
        assertEquals(java.time.LocalTime.of(23, 59), DailySlot.parse(" 23:59 ", PARIS).orElseThrow().at());
    }
}
