package io.leadscore.model;

import io.leadscore.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ranges of a rescore are claimed as system jobs are: each by one server at a time, again by another once its
 * lease ran out, and a chunk's progress is recorded only by the server that holds the range (a server whose range
 * was taken over must roll its chunk back), so that every lead is scored once.
 */
class RescoreRangeClaimsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T02:00:00Z");

    @Test
    void eachRangeIsHeldByOneServerUntilItsLeaseRunsOutAndOnlyItsHolderRecordsProgress() {
        try (TestDatabase db = new TestDatabase()) {
            db.inTransaction(em -> {
                RescorePartitionRepository ranges = new RescorePartitionRepository(em);
                for (int p = 0; p < 3; p++) {
                    ranges.add(7, p, new RescoreSelection.Range(p == 0 ? null : "b" + p, p == 2 ? null : "b" + (p + 1),
                            T0.minusSeconds(86400), null));
                }
                ranges.add(8, 0, new RescoreSelection.Range(null, null, T0, null)); // an instance no execution works on
                ranges.started(7, 70, "first", 100);
            });
            db.inTransaction(em -> {
                RescorePartitionRepository ranges = new RescorePartitionRepository(em);
                RescorePartitionRepository.Claim a0 = ranges.claim(7, "first", T0, T0.plusSeconds(60)).orElseThrow();
                RescorePartitionRepository.Claim b1 = ranges.claim(7, "second", T0, T0.plusSeconds(60)).orElseThrow();
                RescorePartitionRepository.Claim a2 = ranges.claim(7, "first", T0, T0.plusSeconds(60)).orElseThrow();
                assertEquals(List.of(0, 1, 2), List.of(a0.partition(), b1.partition(), a2.partition()));
                assertEquals("b1", a0.range().toId());
                assertEquals(100, a0.chunkSize());
                assertEquals(Optional.empty(), ranges.claim(7, "second", T0.plusSeconds(1), T0.plusSeconds(61)),
                        "every range is held");

                assertTrue(ranges.progress(a0, "first", "id-5", 5, 3, false, T0.plusSeconds(120)), "renews a0's lease");
                assertFalse(ranges.progress(b1, "first", "id-x", 9, 9, false, T0.plusSeconds(120)), "b1 is not first's");

                // second dies: once its lease ran out, a third server takes its range over from its last progress
                assertTrue(ranges.progress(b1, "second", "b1-4", 4, 4, false, T0.plusSeconds(60)));
                assertEquals(List.of(new RescorePartitionRepository.Wanted(7, 70)),
                        ranges.wanted("third", T0.plusSeconds(61)), "helpers see the free ranges of running executions");
                assertEquals(List.of(), ranges.wanted("first", T0.plusSeconds(61)), "not the server that started it");
                RescorePartitionRepository.Claim c1 = ranges.claim(7, "third", T0.plusSeconds(61), T0.plusSeconds(121))
                        .orElseThrow();
                assertEquals(1, c1.partition(), "a0 was renewed; a2's lease ran out too but b1 comes first");
                assertEquals("b1-4", c1.lastId());
                assertFalse(ranges.progress(b1, "second", "b1-8", 4, 4, false, T0.plusSeconds(62)),
                        "the server that lost it records nothing");

                assertTrue(ranges.progress(a0, "first", "id-9", 4, 1, true, T0.plusSeconds(130)));
                assertFalse(ranges.progress(a0, "first", "id-10", 1, 1, false, T0.plusSeconds(130)), "done is done");
                assertTrue(ranges.progress(c1, "third", "b2", 2, 0, true, T0.plusSeconds(130)));
                assertEquals(1, ranges.notDone(7));
                Progress mid = Progress.of(ranges.states(7), T0.plusSeconds(130));
                assertEquals(new Progress(3, 2, 15, 8, Map.of(), Map.of("first", 1, "third", 1)), mid,
                        "every chunk recorded counts; a2's lease ran out, so nobody works on it");
                assertEquals("15 leads read, 8 new scores; ranges finished by first 1, third 1", mid.summary());
                assertEquals(2, ranges.claim(7, "third", T0.plusSeconds(200), T0.plusSeconds(260)).orElseThrow().partition());
                assertEquals(Optional.empty(), ranges.claim(7, "first", T0.plusSeconds(200), T0.plusSeconds(260)));
                assertEquals(Map.of("third", 1), Progress.of(ranges.states(7), T0.plusSeconds(201)).working());
                RescorePartitionRepository.Claim last = ranges.claim(7, "first", T0.plusSeconds(300), T0.plusSeconds(360))
                        .orElseThrow(); // third's lease ran out
                ranges.release(last, "third");
                assertEquals(Optional.empty(), ranges.claim(7, "second", T0.plusSeconds(301), T0.plusSeconds(361)),
                        "only its holder releases a range");
                ranges.release(last, "first"); // a chunk failed: free at once
                assertEquals(2, ranges.claim(7, "second", T0.plusSeconds(302), T0.plusSeconds(362)).orElseThrow()
                        .partition());
            });
        }
    }
}
