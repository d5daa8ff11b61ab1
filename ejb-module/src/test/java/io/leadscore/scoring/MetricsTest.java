package io.leadscore.scoring;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metrics against values computed by hand. */
class MetricsTest {

    private static final double E = 1e-4;

    @Test
    void fourLeadsComputedByHand() {
        Metrics m = Metrics.of(new double[] {0.9, 0.8, 0.3, 0.2}, new boolean[] {true, false, true, false});
        // pairs (qualified, disqualified): 0.9>0.8, 0.9>0.2, 0.3<0.8, 0.3>0.2 → 3 of 4
        assertEquals(0.75, m.auc(), E);
        // -(ln 0.9 + ln 0.2 + ln 0.3 + ln 0.8) / 4
        assertEquals((-Math.log(0.9) - Math.log(0.2) - Math.log(0.3) - Math.log(0.8)) / 4, m.logLoss(), E);
        // (0.01 + 0.64 + 0.49 + 0.04) / 4
        assertEquals(0.295, m.brier(), E);
        // one lead per bin: (0.1 + 0.8 + 0.7 + 0.2) / 4
        assertEquals(0.45, m.ece(), E);
        // thresholds 0.9: F1 2/3; 0.8: 1/2; 0.3: 0.8 (2 TP, 1 FP); 0.2: 2/3
        assertEquals(0.3, m.threshold(), E);
        assertEquals(0.8, m.f1(), E);
        assertEquals(2, m.truePositives());
        assertEquals(1, m.falsePositives());
        assertEquals(1, m.trueNegatives());
        assertEquals(0, m.falseNegatives());
        assertEquals(0.75, m.accuracy(), E);
        assertEquals(2.0 / 3, m.precision(), E);
        assertEquals(1.0, m.recall(), E);
    }

    @Test
    void tiesCountHalfAndAPerfectRankingIsOne() {
        assertEquals(0.5, Metrics.of(new double[] {0.5, 0.5}, new boolean[] {true, false}).auc(), E);
        assertEquals(1.0, Metrics.of(new double[] {0.9, 0.7, 0.4, 0.1}, new boolean[] {true, true, false, false}).auc(), E);
        assertEquals(0.0, Metrics.of(new double[] {0.1, 0.9}, new boolean[] {true, false}).auc(), E);
    }

    @Test
    void eceIsZeroForAPerfectlyCalibratedBinAndTheCurveSpansTheSquare() {
        // ten leads at 0.3, three qualified: observed 0.3 = predicted 0.3
        double[] p = new double[10];
        boolean[] y = new boolean[10];
        for (int i = 0; i < 10; i++) {
            p[i] = 0.3;
            y[i] = i < 3;
        }
        Metrics m = Metrics.of(p, y);
        assertEquals(0, m.ece(), E);
        assertEquals(10, m.calibration().get(3).rows());
        assertEquals(0.3, m.calibration().get(3).observedRate(), E);
        assertEquals(0, m.roc().get(0)[0], E);
        double[] last = m.roc().get(m.roc().size() - 1);
        assertEquals(1, last[0], E);
        assertEquals(1, last[1], E);
    }

    @Test
    void withOneClassOnlyAucIsUndefinedNotAFakeNumber() {
        Metrics m = Metrics.of(new double[] {0.2, 0.6}, new boolean[] {true, true});
        assertTrue(Double.isNaN(m.auc()));
        assertTrue(m.toJson().isNull("auc"));
    }
}
