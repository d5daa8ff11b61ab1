package io.leadscore.scoring;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gradient-boosted trees that teach beside the networks, and how the two are mixed. Leads here have two
 * columns: a number in [0, 1) and a flag; 80 % of the leads whose number is above 0.6 and whose flag is set
 * qualify, 15 % of the others (a step on a conjunction, the shape trees find at once).
 */
class TreesTest {

    private static final int WIDTH = 2;

    record Rows(float[] x, boolean[] y, double[] truth) {
    }

    static Rows rows(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n * WIDTH];
        boolean[] y = new boolean[n];
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            x[i * WIDTH] = random.nextFloat();
            x[i * WIDTH + 1] = random.nextBoolean() ? 1 : 0;
            truth[i] = x[i * WIDTH] > 0.6 && x[i * WIDTH + 1] == 1 ? 0.8 : 0.15;
            y[i] = random.nextDouble() < truth[i];
        }
        return new Rows(x, y, truth);
    }

    @Test
    void learnTheStepStopEarlyOnTheHeldOutRowsAndRankNewLeadsAsTheTruthDoes() {
        Rows train = rows(3000, 1);
        Rows held = rows(1000, 2);
        Rows fresh = rows(3000, 3);
        try (Trees trees = Trees.train(train.x(), train.y(), held.x(), held.y(), WIDTH, Trees.Options.defaults(7))) {
            assertTrue(trees.rounds() > 1 && trees.rounds() < 2000, "stopped early after " + trees.rounds() + " rounds");
            double[] p = trees.predict(fresh.x(), fresh.y().length, WIDTH);
            double auc = Metrics.of(p, fresh.y()).auc();
            double best = Metrics.of(fresh.truth(), fresh.y()).auc();
            assertTrue(auc > best - 0.02, "AUC " + auc + " against the truth's " + best);
            // the networks' class weighting: both classes weigh the same in total (28 % qualify), so a lead outside
            // the good cell scores about 31 % rather than its 15 %
            double inCell = trees.predict(new float[] {0.9f, 1}, 1, WIDTH)[0];
            double outside = trees.predict(new float[] {0.3f, 1}, 1, WIDTH)[0];
            assertTrue(inCell > 0.75 && outside > 0.22 && outside < 0.45, inCell + " / " + outside);
        }
    }

    @Test
    void trainedTwiceWithTheSameSeedTheyPredictTheSame() {
        Rows train = rows(2000, 4);
        Rows held = rows(500, 5);
        try (Trees a = Trees.train(train.x(), train.y(), held.x(), held.y(), WIDTH, Trees.Options.defaults(3));
             Trees b = Trees.train(train.x(), train.y(), held.x(), held.y(), WIDTH, Trees.Options.defaults(3))) {
            assertEquals(a.rounds(), b.rounds());
            assertArrayEquals(a.predict(held.x(), 500, WIDTH), b.predict(held.x(), 500, WIDTH));
        }
    }

    @Test
    void withoutHeldOutRowsTheyGrowExactlyTheRoundsAsked() {
        Rows train = rows(1000, 6);
        try (Trees trees = Trees.train(train.x(), train.y(), null, null, WIDTH, Trees.Options.defaults(1).withFixedRounds(37))) {
            assertEquals(37, trees.rounds());
        }
    }

    @Test
    void theyRunHereAndAMachineWhereTheirNativeLibraryFailsIsToldWhy() {
        assertNull(Trees.unavailable(), "XGBoost runs on the machines the product is built and tested on");
        String why = Trees.probe(() -> {
            throw new UnsatisfiedLinkError("libgomp.so.1: cannot open shared object file");
        });
        assertEquals("XGBoost's native library does not run on this machine (UnsatisfiedLinkError: libgomp.so.1: "
                + "cannot open shared object file)", why);
        String later = Trees.probe(() -> {
            throw new NoClassDefFoundError("Could not initialize class ml.dmlc.xgboost4j.java.XGBoostJNI");
        });
        assertTrue(later.startsWith("XGBoost's native library does not run on this machine (NoClassDefFoundError"), later);
        assertNull(Trees.probe(() -> { }));
    }

    @Test
    void theBlendGoesToWhicheverTeacherPredictsTheOutcomes() {
        Random random = new Random(11);
        int n = 3000;
        boolean[] y = new boolean[n];
        double[] informed = new double[n];
        double[] alsoInformed = new double[n];
        double[] noise = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextBoolean();
            informed[i] = Calibration.sigmoid((y[i] ? 1 : -1) + random.nextGaussian());
            alsoInformed[i] = Calibration.sigmoid((y[i] ? 1 : -1) + random.nextGaussian());
            noise[i] = Calibration.sigmoid(random.nextGaussian());
        }
        assertEquals(1.0, Trainer.Blend.choose(noise, informed, y, 100).treeShare(), 1e-9);
        assertEquals(0.0, Trainer.Blend.choose(informed, noise, y, 100).treeShare(), 1e-9);
        // two teachers as good as each other, with errors of their own: each gets about half
        double even = Trainer.Blend.choose(informed, alsoInformed, y, 100).treeShare();
        assertTrue(even >= 0.3 && even <= 0.7, "share " + even);
        // the mix is on the logit scale, and a share of 0 leaves the networks' probabilities as they are
        assertArrayEquals(informed, new Trainer.Blend(0, 0).apply(informed, noise));
        double mixed = new Trainer.Blend(0.5, 1).apply(new double[] {0.8}, new double[] {0.2})[0];
        assertEquals(0.5, mixed, 1e-9);
    }
}
