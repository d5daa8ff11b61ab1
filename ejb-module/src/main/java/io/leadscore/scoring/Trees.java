package io.leadscore.scoring;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gradient-boosted trees (XGBoost), a teacher beside the networks: trees and networks make different errors on
 * tabular data (trees cut at thresholds and combine attributes freely; the network is smooth), so the two together
 * rank leads better than either, and the network that scores learns what both give (see {@link Trainer}). Trees
 * never score a lead themselves: they live only while a training runs ({@link #close}).
 *
 * <p>They learn from the encoder's columns (one-hot categories, piecewise-linear numbers: a cut on a bin's column is
 * a cut on the number), with the same class weighting as the networks, so that their raw probabilities and the
 * networks' are on one scale; each stops early on the log loss of its fold's held-out rows.
 */
final class Trees implements AutoCloseable {

    /**
     * {@code maxDepth}, {@code eta}, {@code subsample}, {@code columns}: XGBoost's max_depth, eta, subsample and
     * colsample_bytree; at most {@code maxRounds} trees, stopping when the held-out log loss has not improved for
     * {@code patience} rounds.
     */
    record Options(long seed, int maxDepth, double eta, double subsample, double columns, int maxRounds, int patience) {
        static Options defaults(long seed) {
            return new Options(seed, 4, 0.05, 0.8, 0.8, 2000, 50);
        }

        /** Exactly {@code rounds} trees, for training without held-out rows. */
        Options withFixedRounds(int rounds) {
            return new Options(seed, maxDepth, eta, subsample, columns, rounds, rounds);
        }
    }

    private final Booster booster;
    private final int rounds;

    /** Why XGBoost's native library does not run here (checked once, on first use), or null if it does. */
    static String unavailable() {
        return Availability.REASON;
    }

    private static final class Availability {
        static final String REASON = probe(() -> {
            try {
                new DMatrix(new float[] {0}, 1, 1, Float.NaN).dispose();
            } catch (XGBoostError e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /**
     * Runs {@code load} and answers why it failed, or null: XGBoost loads its native library when first used, and a
     * machine it was not built for (another C library, no OpenMP runtime) fails it with a linkage error, once, then
     * with "class not found" ever after.
     */
    static String probe(Runnable load) {
        try {
            load.run();
            return null;
        } catch (LinkageError | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "XGBoost's native library does not run on this machine (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
        }
    }

    private Trees(Booster booster, int rounds) {
        this.booster = booster;
        this.rounds = rounds;
    }

    /** How many trees it uses (with early stopping: up to the best round). */
    int rounds() {
        return rounds;
    }

    /**
     * Trains on the row-major {@code x} (rows × {@code width}) and, if {@code xVal} is given, stops early on it and
     * keeps the trees up to the best round; without it, exactly {@code o.maxRounds()} trees.
     */
    static Trees train(float[] x, boolean[] y, float[] xVal, boolean[] yVal, int width, Options o) {
        DMatrix train = null;
        DMatrix val = null;
        try {
            train = matrix(x, y, width);
            int positives = 0;
            for (boolean b : y) {
                positives += b ? 1 : 0;
            }
            Map<String, Object> params = new HashMap<>();
            params.put("objective", "binary:logistic");
            params.put("eval_metric", "logloss");
            params.put("tree_method", "hist");
            params.put("max_depth", o.maxDepth());
            params.put("eta", o.eta());
            params.put("subsample", o.subsample());
            params.put("colsample_bytree", o.columns());
            // the networks' class weighting: both classes weigh the same in total
            params.put("scale_pos_weight", (y.length - positives) / (double) Math.max(1, positives));
            params.put("seed", (int) o.seed());
            params.put("nthread", 1); // a training's folds train side by side, one per core (as the networks)
            params.put("verbosity", 0);
            Map<String, DMatrix> watches = new LinkedHashMap<>();
            if (xVal == null) {
                Booster b = XGBoost.train(train, params, o.maxRounds(), watches, null, null);
                return new Trees(b, o.maxRounds());
            }
            val = matrix(xVal, yVal, width);
            watches.put("held", val);
            float[][] history = new float[1][o.maxRounds()];
            Booster b = XGBoost.train(train, params, o.maxRounds(), watches, history, null, null, o.patience());
            String best = b.getAttr("best_iteration");
            int rounds = best == null ? b.getNumBoostedRound() : Integer.parseInt(best) + 1;
            return new Trees(b, rounds);
        } catch (XGBoostError e) {
            throw new IllegalStateException("gradient-boosted trees could not be trained: " + e.getMessage(), e);
        } finally {
            dispose(train);
            dispose(val);
        }
    }

    /** The raw probability of "qualified" for each row of a row-major {@code rows × width} matrix. */
    double[] predict(float[] flat, int rows, int width) {
        if (rows == 0) {
            return new double[0];
        }
        try {
            float[][] p = booster.inplace_predict(flat, rows, width, Float.NaN, new int[] {0, rounds});
            double[] out = new double[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = p[i][0];
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("gradient-boosted trees could not predict: " + e.getMessage(), e);
        }
    }

    /** Frees the trees' native memory. */
    @Override
    public void close() {
        booster.dispose();
    }

    private static DMatrix matrix(float[] x, boolean[] y, int width) throws XGBoostError {
        int rows = y.length;
        DMatrix m = new DMatrix(x, rows, width, Float.NaN);
        float[] labels = new float[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = y[i] ? 1 : 0;
        }
        m.setLabel(labels);
        return m;
    }

    private static void dispose(DMatrix m) {
        if (m != null) {
            m.dispose();
        }
    }
}
