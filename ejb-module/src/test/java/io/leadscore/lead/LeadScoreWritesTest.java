package io.leadscore.lead;

import io.leadscore.TestDatabase;
import io.leadscore.common.RecordInput;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Scores written in JDBC batches (Derby's path) set exactly the score a lead got, whichever columns changed, write
 * one history row per lead written, and leave a lead whose score another transaction changed since it was read.
 */
class LeadScoreWritesTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void eachLeadGetsItsNewScoreWhicheverColumnsChangedAndAStaleOneIsLeft() throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            List<String> ids = new ArrayList<>();
            db.inTransaction(em -> {
                for (int i = 0; i < 5; i++) {
                    Lead lead = new Lead(RecordInput.of(Map.of("lastName", "L" + i), Map.of()), "sales", T0);
                    em.persist(lead);
                    ids.add(lead.id());
                }
            });
            Instant first = T0.plusSeconds(60);
            LeadScore a = new LeadScore(40, "C", LeadScore.Trend.NOT_ENOUGH_INFO, "m-1", 1, first);
            assertEquals(List.of(ids.get(0), ids.get(1), ids.get(2), ids.get(3)),
                    write(db, ids, List.of(a, a, a, a), false));

            Instant second = T0.plusSeconds(120);
            List<LeadScore> next = List.of(
                    new LeadScore(40, "C", LeadScore.Trend.STEADY, "m-1", 1, second),      // the trend only
                    new LeadScore(75, "B", LeadScore.Trend.IMPROVING, "m-1", 1, second),   // value, grade, trend
                    new LeadScore(40, "C", LeadScore.Trend.STEADY, "m-2", 4, second));     // another model
            List<LeadScore> withCleared = new ArrayList<>(next);
            withCleared.add(null);                                                         // no model covers it
            withCleared.add(new LeadScore(10, "D", LeadScore.Trend.NOT_ENOUGH_INFO, "m-1", 1, second)); // first score
            assertEquals(ids, write(db, ids, withCleared, false));

            // read again with the scores of the first write: every lead's score changed since, so none is written
            LeadScore late = new LeadScore(99, "A", LeadScore.Trend.IMPROVING, "m-9", 9, T0.plusSeconds(180));
            assertEquals(List.of(), write(db, ids.subList(0, 3), List.of(late, late, late), true));

            try (Connection c = db.connection()) {
                for (int i = 0; i < 5; i++) {
                    try (var ps = c.prepareStatement("SELECT score_value, score_grade, score_trend, score_model_id, "
                            + "score_model_version, scored_on FROM crm_lead WHERE id = ?")) {
                        ps.setString(1, ids.get(i));
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            LeadScore want = withCleared.get(i);
                            if (want == null) {
                                assertNull(rs.getObject(1), "cleared");
                                assertNull(rs.getString(3));
                                assertNull(rs.getString(4));
                                assertNull(rs.getTimestamp(6));
                            } else {
                                assertEquals(want.value(), rs.getInt(1), "lead " + i);
                                assertEquals(want.grade(), rs.getString(2), "lead " + i);
                                assertEquals(want.trend().name(), rs.getString(3), "lead " + i);
                                assertEquals(want.modelId(), rs.getString(4), "lead " + i);
                                assertEquals(want.modelVersion(), rs.getInt(5), "lead " + i);
                                assertEquals(java.sql.Timestamp.valueOf("2026-11-01 10:02:00"), rs.getTimestamp(6));
                            }
                        }
                    }
                }
                try (var ps = c.prepareStatement("SELECT COUNT(*) FROM lead_score_history");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(4 + 4, rs.getInt(1), "a history row per score written, none for the cleared one");
                }
            }
        }
    }

    @Test
    void anUpdateSetsOnlyTheColumnsThatChanged() {
        LeadScore was = new LeadScore(40, "C", LeadScore.Trend.NOT_ENOUGH_INFO, "m-1", 1, T0);
        int all = 0b111111;
        assertEquals(all | 1 << 6, LeadRepository.scoreColumns(null, was), "a first score sets all, found by no score");
        assertEquals(all, LeadRepository.scoreColumns(was, null), "a cleared score sets all");
        assertEquals(0b100100, LeadRepository.scoreColumns(was,
                new LeadScore(40, "C", LeadScore.Trend.STEADY, "m-1", 1, T0.plusSeconds(1))), "trend and time");
        assertEquals(0b100111, LeadRepository.scoreColumns(was,
                new LeadScore(70, "B", LeadScore.Trend.IMPROVING, "m-1", 1, T0.plusSeconds(1))));
        assertEquals(0b111100, LeadRepository.scoreColumns(was,
                new LeadScore(40, "C", LeadScore.Trend.STEADY, "m-2", 3, T0.plusSeconds(1))));
    }

    /** Writes these scores (null: cleared) for the leads as read now, or as read with their first score. */
    private static List<String> write(TestDatabase db, List<String> ids, List<LeadScore> scores, boolean asFirstRead) {
        List<String> written = new ArrayList<>();
        db.inTransaction(em -> {
            LeadRepository repository = new LeadRepository(em);
            List<Lead> leads = repository.forScoring(ids);
            Map<Lead, LeadScore> before = new IdentityHashMap<>();
            List<Lead> changed = new ArrayList<>();
            for (int i = 0; i < leads.size(); i++) {
                Lead lead = leads.get(i);
                if (i >= scores.size()) {
                    continue;
                }
                before.put(lead, asFirstRead
                        ? new LeadScore(40, "C", LeadScore.Trend.NOT_ENOUGH_INFO, "m-1", 1, T0.plusSeconds(60))
                        : lead.score());
                lead.scored(scores.get(i));
                changed.add(lead);
            }
            repository.writeScores(changed, before).forEach(l -> written.add(l.id()));
        });
        return written;
    }
}
