package io.leadscore.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the leads a model scores today still look like those it learnt from: the population stability index
 * (PSI) of each attribute, over the value groups its encoder keeps (frequent values, "other" and "no value" for
 * categories; quintile ranges and "no value" for numbers) and of the score, over ten ranges of ten points, between
 * the training leads and today's open leads. By the usual reading a PSI under {@link #MODERATE} is stable, and one
 * of {@link #DRIFTING} or more a shift to act on: the model is drifting when its score or any attribute reaches it.
 */
public final class Drift {

    public static final double MODERATE = 0.1;
    public static final double DRIFTING = 0.25;
    /** A share never counts as less than this (an empty group would make the index infinite). */
    static final double FLOOR = 1e-4;

    /** An attribute that moved: its path and PSI. */
    public record Moved(String path, double psi) {
    }

    /** A check: the score's PSI, the attributes that moved (PSI of {@link #MODERATE} or more, most first), the verdict. */
    public record Report(double scorePsi, List<Moved> attributes, boolean drifting, int leads) {
    }

    private Drift() {
    }

    /** Σ (actual − expected) · ln(actual / expected) over the groups of either. */
    public static double psi(Map<String, Double> expected, Map<String, Double> actual) {
        double sum = 0;
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            double e = Math.max(FLOOR, expected.getOrDefault(k, 0.0));
            double a = Math.max(FLOOR, actual.getOrDefault(k, 0.0));
            sum += (a - e) * Math.log(a / e);
        }
        return sum;
    }

    /** Shares of the ten score ranges (0–9, 10–19, ..., 90–100) among integer scores. */
    public static double[] scoreShares(int[] scores) {
        double[] shares = new double[10];
        for (int s : scores) {
            shares[Math.min(9, Math.max(0, s / 10))]++;
        }
        for (int i = 0; i < 10; i++) {
            shares[i] = scores.length == 0 ? 0 : shares[i] / scores.length;
        }
        return shares;
    }

    /** The shares of the score ranges of a model's training leads (stored with the version). */
    public static double[] trainingScoreShares(ScoringModel model, List<? extends FeatureSource> trainingLeads) {
        return scoreShares(scores(model, trainingLeads));
    }

    /**
     * Today's open leads against the training leads: each attribute's value groups against the shares the encoder
     * counted on the training leads, the scores the model gives them against {@code trainingScoreShares}.
     */
    public static Report check(ScoringModel model, double[] trainingScoreShares, List<? extends FeatureSource> open) {
        List<Moved> moved = new ArrayList<>();
        for (FeatureColumn c : model.encoder().columns()) {
            Map<String, Double> expected = new LinkedHashMap<>();
            double total = c.groups.values().stream().mapToDouble(ValueGroup::leads).sum();
            c.groups.values().forEach(g -> expected.put(g.key(), total == 0 ? 0 : g.leads() / total));
            Map<String, Double> actual = new LinkedHashMap<>();
            for (FeatureSource lead : open) {
                actual.merge(c.groupKey(c.read(lead)), 1.0, Double::sum);
            }
            actual.replaceAll((k, v) -> v / Math.max(1, open.size()));
            double psi = open.isEmpty() ? 0 : psi(expected, actual);
            if (psi >= MODERATE) {
                moved.add(new Moved(c.spec().path(), round(psi)));
            }
        }
        moved.sort(Comparator.comparingDouble(Moved::psi).reversed());
        // versions trained before drift checks kept no score shares: their attributes are checked, not their score
        double scorePsi = open.isEmpty() || trainingScoreShares == null ? 0
                : round(psi(asMap(trainingScoreShares), asMap(scoreShares(scores(model, open)))));
        boolean drifting = scorePsi >= DRIFTING || moved.stream().anyMatch(m -> m.psi() >= DRIFTING);
        return new Report(scorePsi, moved, drifting, open.size());
    }

    private static int[] scores(ScoringModel model, List<? extends FeatureSource> leads) {
        double[] p = model.probabilities(leads);
        int[] s = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            s[i] = ScoringModel.score(p[i]);
        }
        return s;
    }

    private static Map<String, Double> asMap(double[] shares) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < shares.length; i++) {
            m.put(String.valueOf(i), shares[i]);
        }
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
