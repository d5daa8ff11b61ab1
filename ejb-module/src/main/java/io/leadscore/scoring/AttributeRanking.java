package io.leadscore.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which attributes a model with {@code "attributes": "auto"} learns from. Every candidate (the lead's fields, its
 * account's and contact's, the custom attributes its leads have) is ranked by what it tells alone about the outcome
 * on the closed leads: its gain is its single-attribute AUC above chance, each value's qualified rate learnt on one
 * half of the leads and tried on the other (so a value held by one lead says nothing). Kept: the pinned ones, and
 * then, best first and at most {@link #MAX_CHOSEN}, those whose gain is beyond chance — at least {@link #MIN_GAIN}
 * and at least {@link #NOISE_SE} standard errors of an AUC of pure noise on as many leads — that are filled in on
 * at least {@link #MIN_FILLED} of the leads and carry no leakage warning ({@link Leakage}). Dropped ones are never
 * kept, and those the caller leaves out (fields that identify a person) only when pinned. Each candidate says why it is kept or not.
 */
public final class AttributeRanking {

    /** Single-attribute AUC above 0.5 that an attribute needs to be kept. */
    static final double MIN_GAIN = 0.02;
    /** Share of the closed leads that must have a value. */
    static final double MIN_FILLED = 0.01;
    static final int MAX_CHOSEN = 30;
    /** How many standard errors of a noise attribute's AUC a gain must reach (on 120 leads 0.13; on 2,000, 0.03). */
    static final double NOISE_SE = 2.5;

    /** One candidate: its figures, whether training keeps it and why. */
    public record Ranked(String path, String label, double gain, double filled, boolean chosen, String why,
                         List<Leakage.Warning> warnings) {
    }

    private AttributeRanking() {
    }

    /** Every candidate, best first, chosen or not. */
    public static List<Ranked> rank(List<AttributeSpec> candidates, List<TrainingRow> closed, List<FeatureSource> open,
                                    Set<String> pinned, Set<String> dropped) {
        return rank(candidates, closed, open, pinned, dropped, path -> null);
    }

    /**
     * Every candidate, best first, chosen or not; {@code leftOut} says why a candidate is kept only when pinned (null
     * for the others). Those are ranked all the same, so that an administrator sees what pinning one would bring.
     */
    public static List<Ranked> rank(List<AttributeSpec> candidates, List<TrainingRow> closed, List<FeatureSource> open,
                                    Set<String> pinned, Set<String> dropped,
                                    java.util.function.Function<String, String> leftOut) {
        boolean[] y = new boolean[closed.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = closed.get(i).qualified();
        }
        // one pass per attribute serves the leakage warnings and the gain alike
        record Scored(AttributeSpec spec, double gain, double filled, List<Leakage.Warning> warnings) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Leakage.Profile p : Leakage.profiles(candidates, closed, open)) {
            scored.add(new Scored(p.spec(), round(p.auc() - 0.5), round(p.filledClosed()), p.warnings()));
        }
        scored.sort(Comparator.comparing((Scored s) -> !pinned.contains(s.spec().path()))
                .thenComparing(Comparator.comparingDouble(Scored::gain).reversed())
                .thenComparing(s -> s.spec().path()));
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        double threshold = Math.max(MIN_GAIN, NOISE_SE * noiseStandardError(positives, y.length - positives));
        List<Ranked> out = new ArrayList<>();
        int kept = 0;
        for (Scored s : scored) {
            String path = s.spec().path();
            String why;
            boolean chosen = false;
            if (dropped.contains(path)) {
                why = "dropped by an administrator";
            } else if (pinned.contains(path)) {
                chosen = true;
                why = "pinned by an administrator";
            } else if (leftOut.apply(path) != null) {
                why = leftOut.apply(path) + "; kept only when pinned";
            } else if (!s.warnings().isEmpty()) {
                why = "may leak the outcome: " + s.warnings().get(0).text();
            } else if (s.filled() < MIN_FILLED) {
                why = "filled in on fewer than 1 % of the closed leads";
            } else if (s.gain() < threshold) {
                why = String.format(Locale.ROOT, "tells too little alone (AUC %.3f; %.3f or more tells more than "
                        + "chance on %d leads)", 0.5 + s.gain(), 0.5 + threshold, y.length);
            } else if (kept >= MAX_CHOSEN) {
                why = "below the " + MAX_CHOSEN + " best";
            } else {
                chosen = true;
                why = String.format(Locale.ROOT, "tells the outcome apart alone with AUC %.3f", 0.5 + s.gain());
            }
            if (chosen) {
                kept++;
            }
            out.add(new Ranked(path, s.spec().label(), s.gain(), s.filled(), chosen, why, s.warnings()));
        }
        return out;
    }

    /** The standard error of the AUC of an attribute unrelated to the outcome (Hanley and McNeil, at AUC 0.5). */
    static double noiseStandardError(int positives, int negatives) {
        if (positives == 0 || negatives == 0) {
            return 0.5;
        }
        return Math.sqrt((positives + negatives + 1.0) / (12.0 * positives * negatives));
    }

    /** The specs of the chosen candidates, in ranking order. */
    public static List<AttributeSpec> chosen(List<AttributeSpec> candidates, List<Ranked> ranking) {
        List<AttributeSpec> out = new ArrayList<>();
        for (Ranked r : ranking) {
            if (r.chosen()) {
                candidates.stream().filter(c -> c.path().equals(r.path())).findFirst().ifPresent(out::add);
            }
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
