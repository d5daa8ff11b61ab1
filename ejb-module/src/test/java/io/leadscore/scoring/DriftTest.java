package io.leadscore.scoring;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriftTest {

    static final List<AttributeSpec> SPECS = List.of(new AttributeSpec("attributes/visits", "Visits", false),
            new AttributeSpec("industry", "Industry", false));
    static ScoringModel model;
    static List<TrainingRow> rows;

    static Map<String, Object> lead(Random r, int visitsFrom) {
        Map<String, Object> v = new HashMap<>();
        v.put("attributes/visits", (double) (visitsFrom + r.nextInt(10)));
        v.put("industry", List.of("Finance", "Retail", "Mining").get(r.nextInt(3)));
        return v;
    }

    @BeforeAll
    static void train() {
        Random r = new Random(1);
        rows = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Map<String, Object> v = lead(r, 0);
            boolean q = r.nextDouble() < 0.1 + 0.08 * ((Double) v.get("attributes/visits"));
            Instant created = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * i);
            rows.add(new TrainingRow(String.format("%05d", i), v::get, q, created, created.plusSeconds(86_400)));
        }
        Trainer.Options d = Trainer.Options.defaults(3);
        Network.Options n = d.network();
        model = Trainer.train(SPECS, rows, d.withFolds(2).withNetwork(new Network.Options(n.seed(), 16, 8, n.learningRate(),
                n.l2(), n.dropout(), n.batchSize(), 30, 4))).model();
    }

    @Test
    void theIndexOfTwoDistributions() {
        assertEquals(0, Drift.psi(Map.of("a", 0.5, "b", 0.5), Map.of("a", 0.5, "b", 0.5)), 1e-12);
        assertEquals(0.4 * Math.log(1.8) + 0.4 * Math.log(5), Drift.psi(Map.of("a", 0.5, "b", 0.5),
                Map.of("a", 0.9, "b", 0.1)), 1e-9);
        assertTrue(Drift.psi(Map.of("a", 1.0), Map.of("b", 1.0)) > 10, "a group that appears from nowhere is a big shift");
        double[] shares = Drift.scoreShares(new int[] {0, 9, 10, 55, 100, 99});
        assertEquals(2 / 6.0, shares[0], 1e-12);
        assertEquals(2 / 6.0, shares[9], 1e-12);
    }

    @Test
    void openLeadsLikeTheTrainingOnesAreStableAndShiftedOnesDrift() {
        double[] training = Drift.trainingScoreShares(model, rows.stream().map(TrainingRow::features).toList());
        Random r = new Random(2);
        List<FeatureSource> alike = new ArrayList<>();
        List<FeatureSource> shifted = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            alike.add(lead(r, 0)::get);
            shifted.add(lead(r, 8)::get); // visits 8..17 where training had 0..9
        }
        Drift.Report stable = Drift.check(model, training, alike);
        assertFalse(stable.drifting(), stable.toString());
        assertTrue(stable.scorePsi() < Drift.MODERATE, stable.toString());
        assertEquals(800, stable.leads());

        Drift.Report moved = Drift.check(model, training, shifted);
        assertTrue(moved.drifting(), moved.toString());
        assertEquals("attributes/visits", moved.attributes().get(0).path(), moved.toString());
        assertTrue(moved.attributes().get(0).psi() >= Drift.DRIFTING, moved.toString());
        assertTrue(moved.attributes().stream().noneMatch(m -> m.path().equals("industry")), "the industry did not move");
    }
}
