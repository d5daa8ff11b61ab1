package io.leadscore.scoring;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeakageTest {

    static final List<AttributeSpec> SPECS = List.of(
            new AttributeSpec("attributes/tag", "Tag", false),
            new AttributeSpec("attributes/lostReason", "Lost reason", false),
            new AttributeSpec("attributes/visits", "Visits", false),
            new AttributeSpec("industry", "Industry", false));

    /**
     * 2,000 closed leads: a tag sales staff set from the outcome (right 97 % of the time), a lost reason written on
     * every disqualified lead as it closes, visits that help as real attributes do, and an industry that says nothing.
     */
    static List<TrainingRow> closed() {
        Random r = new Random(5);
        List<TrainingRow> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            boolean q = r.nextDouble() < 0.35;
            Map<String, Object> v = new HashMap<>();
            boolean right = r.nextDouble() < 0.97;
            v.put("attributes/tag", (q == right) ? "Will revert" : "Ringing");
            if (!q) {
                v.put("attributes/lostReason", r.nextBoolean() ? "Budget" : "No answer");
            }
            v.put("attributes/visits", (double) Math.max(0, (int) Math.round(r.nextGaussian() * 2 + (q ? 5 : 3))));
            v.put("industry", List.of("Finance", "Retail", "Mining").get(r.nextInt(3)));
            Instant created = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * i);
            rows.add(new TrainingRow(String.format("%05d", i), v::get, q, created, created.plusSeconds(86_400)));
        }
        return rows;
    }

    /** Open leads as the CRM has them: tagged as often as closed ones, never a lost reason. */
    static List<FeatureSource> open(int n) {
        Random r = new Random(6);
        List<FeatureSource> open = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> v = new HashMap<>();
            v.put("attributes/tag", r.nextBoolean() ? "Will revert" : "Ringing");
            v.put("attributes/visits", (double) r.nextInt(8));
            v.put("industry", "Finance");
            open.add(v::get);
        }
        return open;
    }

    @Test
    void anAttributeSetFromTheOutcomeAndOneWrittenAtClosingAreFlaggedWithTheirFigures() {
        List<Leakage.Warning> w = Leakage.check(SPECS, closed(), open(500));
        Leakage.Warning tag = w.stream().filter(x -> x.attribute().equals("attributes/tag")).findFirst().orElseThrow();
        assertEquals("separates", tag.kind());
        assertTrue(tag.singleAttributeAuc() > 0.9, tag.toString());
        assertTrue(tag.text().startsWith("Tag alone tells qualified from disqualified leads apart almost perfectly (AUC 0.9"),
                tag.text());

        List<String> lost = w.stream().filter(x -> x.attribute().equals("attributes/lostReason")).map(Leakage.Warning::kind)
                .toList();
        assertTrue(lost.contains("filled-when-closed"), w.toString());
        Leakage.Warning lostFill = w.stream().filter(x -> x.kind().equals("filled-when-closed")).findFirst().orElseThrow();
        assertEquals(0.0, lostFill.filledOpen());
        assertTrue(lostFill.filledClosed() > 0.6 && lostFill.filledClosed() < 0.7, lostFill.toString());
        assertTrue(lostFill.text().contains("filled in on 6") && lostFill.text().contains("but on 0 % of the open ones"),
                lostFill.text());

        assertTrue(w.stream().noneMatch(x -> x.attribute().equals("attributes/visits") || x.attribute().equals("industry")),
                "attributes that help or say nothing are not flagged: " + w);
    }

    @Test
    void aFieldTheCrmStoppedCollectingIsNotTakenForOneWrittenAtClosing() {
        // a "Budget" field on the old web form: the older four fifths of the closed leads have it, the newest closed
        // leads and the open ones (created since the form changed) do not; it is filled whatever the outcome
        List<TrainingRow> closed = new ArrayList<>();
        Random r = new Random(7);
        for (TrainingRow row : closed()) {
            int i = Integer.parseInt(row.id());
            Map<String, Object> v = new HashMap<>();
            for (AttributeSpec spec : SPECS) {
                v.put(spec.path(), row.features().value(spec.path()));
            }
            v.put("attributes/budget", i < 1600 ? (double) r.nextInt(10_000) : null);
            closed.add(new TrainingRow(row.id(), v::get, row.qualified(), row.createdOn(), row.closedOn()));
        }
        List<AttributeSpec> specs = new ArrayList<>(SPECS);
        specs.add(new AttributeSpec("attributes/budget", "Budget", false));
        List<Leakage.Warning> w = Leakage.check(specs, closed, open(500));
        assertTrue(w.stream().noneMatch(x -> x.attribute().equals("attributes/budget")), w.toString());
        // the lost reason, written at closing on the newest leads as on the others, is still found
        assertTrue(w.stream().anyMatch(x -> x.attribute().equals("attributes/lostReason")
                && x.kind().equals("filled-when-closed") && x.text().contains("of the newest")), w.toString());
    }

    @Test
    void fillRatesNeedEnoughOpenLeadsToCompare() {
        List<Leakage.Warning> w = Leakage.check(SPECS, closed(), open(10));
        assertTrue(w.stream().noneMatch(x -> x.kind().equals("filled-when-closed")), w.toString());
        // a lost reason still separates: written on every disqualified lead and none of the qualified ones
        assertTrue(w.stream().anyMatch(x -> x.attribute().equals("attributes/lostReason") && x.kind().equals("separates")
                && x.filledOpen() == null), w.toString());
    }

    @Test
    void aValueHeldByOneLeadOnlyCannotSeparateByItself() {
        // an id-like attribute: every lead its own value; learnt on the other half, each value is unseen
        List<String> keys = new ArrayList<>();
        boolean[] y = new boolean[400];
        for (int i = 0; i < 400; i++) {
            keys.add("id-" + i);
            y[i] = i % 3 == 0;
        }
        assertEquals(0.5, Leakage.singleAttributeAuc(keys, y), 1e-9);
    }
}
