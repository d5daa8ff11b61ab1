package io.leadscore.scoring;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationTest {

    @Test
    void recoversAKnownDistortionOfTheRawProbabilities() {
        // outcomes drawn with P = sigmoid(0.5 · logit(raw) − 0.8): an over-confident, too optimistic network
        Random random = new Random(7);
        int n = 20_000;
        double[] raw = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            raw[i] = 0.02 + 0.96 * random.nextDouble();
            double p = Calibration.sigmoid(0.5 * Calibration.logit(raw[i]) - 0.8);
            y[i] = random.nextDouble() < p;
        }
        Calibration c = Calibration.fit(raw, y);
        assertEquals(0.5, c.a(), 0.05);
        assertEquals(-0.8, c.b(), 0.05);
        double[] calibrated = new double[n];
        double[] uncalibrated = raw.clone();
        for (int i = 0; i < n; i++) {
            calibrated[i] = c.apply(raw[i]);
        }
        double before = Metrics.of(uncalibrated, y).ece();
        double after = Metrics.of(calibrated, y).ece();
        assertTrue(after < 0.02 && after < before / 5, "ECE " + before + " -> " + after);
    }

    @Test
    void calibrationNeverChangesTheOrderOfLeads() {
        Calibration c = new Calibration(0.7, -0.3);
        double previous = -1;
        for (double raw = 0.001; raw < 1; raw += 0.01) {
            double p = c.apply(raw);
            assertTrue(p > previous);
            previous = p;
        }
    }

    @Test
    void oneClassOnlyLeavesTheProbabilitiesAlone() {
        assertEquals(Calibration.IDENTITY, Calibration.fit(new double[] {0.2, 0.7}, new boolean[] {true, true}));
    }
}
