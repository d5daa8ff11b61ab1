package io.leadscore.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Attributes that may know the outcome (target leakage), found at training with the figures that show why:
 * <ul>
 * <li>one that alone tells qualified from disqualified leads apart almost perfectly: its values' qualified rates,
 * learnt on half of the closed leads and tried on the other half (and the other way round), reach an AUC of
 * {@link #SEPARATES} or more. A field sales staff fill in as they work a lead (a tag, a quality rating) does that.</li>
 * <li>one filled in on most closed leads, the newest of them too, but rarely on open ones: it is written when a lead
 * closes, so the model would learn from something an open lead cannot have yet. (A field the newest closed leads
 * lack as much as the open ones is one the CRM stopped collecting, not one written at closing.)</li>
 * </ul>
 * A warning says; it does not drop the attribute: the administrator decides (see the model page).
 */
public final class Leakage {

    /**
     * Single-attribute AUC from which an attribute "separates almost perfectly". Genuine lead attributes rarely pass
     * 0.8 alone (X Education's best, time on the website, 0.76); a sales-staff tag set from the outcome does (its
     * Tags, 0.92). Its Lead Quality (0.80) separates no better than an honest strong attribute: where it is filled
     * in as leads close, the fill-rate check finds it.
     */
    static final double SEPARATES = 0.90;
    /** Filled in on at least this share of closed leads ... */
    static final double FILLED_CLOSED = 0.5;
    /** ... and this much less often on open ones. */
    static final double FILL_GAP = 0.4;
    /** Open leads needed before their fill rates say anything. */
    static final int MIN_OPEN = 30;
    /** The newest closed leads the open ones are also compared with: this share of them, and at least MIN_OPEN. */
    static final double NEWEST_SHARE = 0.2;

    /**
     * {@code kind}: "separates" or "filled-when-closed"; figures as measured (the shares of open leads and of the
     * newest closed ones that have a value, when there were enough open leads to compare).
     */
    public record Warning(String attribute, String label, String kind, String text, double singleAttributeAuc,
                          double filledClosed, Double filledOpen, Double filledNewest) {
    }

    private Leakage() {
    }

    /**
     * What one pass over the leads finds about an attribute: its single-attribute AUC on the closed leads, the
     * shares of closed (and, with enough of them, open) leads that have a value, and the warnings these raise.
     */
    public record Profile(AttributeSpec spec, double auc, double filledClosed, Double filledOpen, List<Warning> warnings) {
    }

    /** The warnings for the attributes of {@code specs}, on the closed leads and a sample of open ones. */
    public static List<Warning> check(List<AttributeSpec> specs, List<TrainingRow> closed, List<FeatureSource> open) {
        return profiles(specs, closed, open).stream().flatMap(p -> p.warnings().stream()).toList();
    }

    /** Each attribute's profile, in the order of {@code specs} (without closed leads: AUC 0.5, nothing filled). */
    public static List<Profile> profiles(List<AttributeSpec> specs, List<TrainingRow> closed, List<FeatureSource> open) {
        List<Profile> profiles = new ArrayList<>();
        boolean[] y = new boolean[closed.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = closed.get(i).qualified();
        }
        boolean[] newest = newest(closed);
        int newestCount = 0;
        for (boolean b : newest) {
            newestCount += b ? 1 : 0;
        }
        for (AttributeSpec spec : specs) {
            List<Object> values = new ArrayList<>(closed.size());
            for (TrainingRow r : closed) {
                values.add(FeatureColumn.readValue(spec, r.features()));
            }
            double filledClosed = values.isEmpty() ? 0 : values.stream().filter(v -> v != null).count() / (double) values.size();
            Double filledOpen = null;
            if (open.size() >= MIN_OPEN) {
                filledOpen = open.stream().filter(f -> FeatureColumn.readValue(spec, f) != null).count()
                        / (double) open.size();
            }
            double auc = values.isEmpty() ? 0.5 : singleAttributeAuc(keys(values), y);
            List<Warning> warnings = new ArrayList<>();
            if (auc >= SEPARATES) {
                warnings.add(new Warning(spec.path(), spec.label(), "separates", String.format(Locale.ROOT,
                        "%s alone tells qualified from disqualified leads apart almost perfectly (AUC %.3f on the "
                                + "closed leads, learnt on one half and tried on the other): it may be filled in "
                                + "because of the outcome", spec.label(), auc), round(auc), round(filledClosed),
                        filledOpen == null ? null : round(filledOpen), null));
            }
            int newestFilled = 0;
            for (int i = 0; i < newest.length; i++) {
                newestFilled += newest[i] && values.get(i) != null ? 1 : 0;
            }
            double filledNewest = newestCount == 0 ? 0 : newestFilled / (double) newestCount;
            if (filledOpen != null && filledClosed >= FILLED_CLOSED && filledClosed - filledOpen >= FILL_GAP
                    && filledNewest - filledOpen >= FILL_GAP) {
                warnings.add(new Warning(spec.path(), spec.label(), "filled-when-closed", String.format(Locale.ROOT,
                        "%s is filled in on %.0f %% of the closed leads (%.0f %% of the newest) but on %.0f %% of the "
                                + "open ones: it is probably written when a lead closes, and open leads cannot have it yet",
                        spec.label(), 100 * filledClosed, 100 * filledNewest, 100 * filledOpen), round(auc),
                        round(filledClosed), round(filledOpen), round(filledNewest)));
            }
            profiles.add(new Profile(spec, auc, filledClosed, filledOpen, List.copyOf(warnings)));
        }
        return profiles;
    }

    /**
     * Which of the closed leads are the most recently created ({@link #NEWEST_SHARE} of them, at least
     * {@link #MIN_OPEN}), by position in {@code closed}.
     */
    static boolean[] newest(List<TrainingRow> closed) {
        List<Integer> byCreation = new ArrayList<>();
        for (int i = 0; i < closed.size(); i++) {
            byCreation.add(i);
        }
        byCreation.sort((a, b) -> TrainingRow.OLDEST_FIRST.compare(closed.get(a), closed.get(b)));
        int n = Math.min(closed.size(), Math.max(MIN_OPEN, (int) Math.round(closed.size() * NEWEST_SHARE)));
        boolean[] newest = new boolean[closed.size()];
        for (int i : byCreation.subList(closed.size() - n, closed.size())) {
            newest[i] = true;
        }
        return newest;
    }

    /**
     * Each value as the group it falls in: categorical values as themselves, numbers by decile of the present
     * values, no value as a group of its own (a field left empty until a lead closes says as much as its values).
     */
    static List<String> keys(List<Object> values) {
        boolean numeric = values.stream().anyMatch(v -> v != null)
                && values.stream().allMatch(v -> v == null || v instanceof Number);
        List<String> keys = new ArrayList<>(values.size());
        if (!numeric) {
            values.forEach(v -> keys.add(v == null ? FeatureColumn.MISSING : v.toString()));
            return keys;
        }
        double[] sorted = values.stream().filter(v -> v != null).mapToDouble(v -> ((Number) v).doubleValue())
                .sorted().toArray();
        double[] edges = new double[9];
        for (int i = 0; i < 9; i++) {
            edges[i] = FeatureColumn.Numeric.quantile(sorted, (i + 1) / 10.0);
        }
        edges = Arrays.stream(edges).distinct().toArray();
        for (Object v : values) {
            if (v == null) {
                keys.add(FeatureColumn.MISSING);
            } else {
                double x = ((Number) v).doubleValue();
                int bin = 0;
                while (bin < edges.length && x > edges[bin]) {
                    bin++;
                }
                keys.add("bin" + bin);
            }
        }
        return keys;
    }

    /**
     * The AUC of a score that is each lead's group's qualified rate, learnt on the other half of the leads (two
     * folds by position; a group the other half never saw scores the other half's overall rate), so that a value
     * held by one lead only cannot separate by itself.
     */
    static double singleAttributeAuc(List<String> keys, boolean[] y) {
        int n = keys.size();
        double[] score = new double[n];
        for (int fold = 0; fold < 2; fold++) {
            Map<String, int[]> counts = new HashMap<>();
            int q = 0;
            int total = 0;
            for (int i = 0; i < n; i++) {
                if (i % 2 != fold) {
                    int[] c = counts.computeIfAbsent(keys.get(i), k -> new int[2]);
                    c[0]++;
                    c[1] += y[i] ? 1 : 0;
                    q += y[i] ? 1 : 0;
                    total++;
                }
            }
            double prior = total == 0 ? 0.5 : (double) q / total;
            for (int i = 0; i < n; i++) {
                if (i % 2 == fold) {
                    int[] c = counts.get(keys.get(i));
                    // smoothed towards the overall rate: a group of few leads says little
                    score[i] = c == null ? prior : (c[1] + 2 * prior) / (c[0] + 2.0);
                }
            }
        }
        // not folded: learnt on the other half, an attribute that tells something scores above 0.5; one below is
        // noise whose rates turned round between the halves
        double auc = Metrics.of(score, y).auc();
        return Double.isNaN(auc) ? 0.5 : auc;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
