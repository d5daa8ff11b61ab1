package io.leadscore.scoring;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import static io.leadscore.common.Jsons.JSON;

/**
 * How good a model's probabilities are on leads it never trained on: ranking (ROC AUC), probability
 * quality (log loss, Brier score, expected calibration error over ten equal-width bins), and the
 * confusion matrix with accuracy, precision, recall and F1 at the threshold that maximises F1.
 */
public record Metrics(int rows, int positives, double auc, double logLoss, double brier, double ece,
                      double threshold, double accuracy, double precision, double recall, double f1,
                      int truePositives, int falsePositives, int trueNegatives, int falseNegatives,
                      List<double[]> roc, List<Bin> calibration) {

    /** One bin of the reliability diagram: how many rows, their mean predicted and observed rate. */
    public record Bin(double from, double to, int rows, double meanPredicted, double observedRate) {
    }

    public static Metrics of(double[] p, boolean[] y) {
        int n = p.length;
        int pos = 0;
        for (boolean b : y) {
            pos += b ? 1 : 0;
        }
        double logLoss = 0;
        double brier = 0;
        for (int i = 0; i < n; i++) {
            double q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
            logLoss += y[i] ? -Math.log(q) : -Math.log(1 - q);
            double d = p[i] - (y[i] ? 1 : 0);
            brier += d * d;
        }
        logLoss /= Math.max(1, n);
        brier /= Math.max(1, n);

        // sort by predicted probability, descending; equal probabilities form one step
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -p[i]));
        int neg = n - pos;
        List<double[]> roc = new ArrayList<>();
        roc.add(new double[] {0, 0});
        double auc = 0;
        int tp = 0, fp = 0;
        double bestF1 = -1, bestThreshold = 1;
        int bestTp = 0, bestFp = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            int stepTp = 0, stepFp = 0;
            while (j < n && p[order[j]] == p[order[i]]) {
                if (y[order[j]]) {
                    stepTp++;
                } else {
                    stepFp++;
                }
                j++;
            }
            // trapezoid: ties count half, which is the Mann-Whitney definition of AUC
            auc += stepFp * (tp + stepTp / 2.0);
            tp += stepTp;
            fp += stepFp;
            double f1 = 2.0 * tp / Math.max(1, 2 * tp + fp + (pos - tp));
            if (f1 > bestF1) {
                bestF1 = f1;
                bestThreshold = p[order[i]];
                bestTp = tp;
                bestFp = fp;
            }
            roc.add(new double[] {neg == 0 ? 0 : (double) fp / neg, pos == 0 ? 0 : (double) tp / pos});
            i = j;
        }
        auc = pos == 0 || neg == 0 ? Double.NaN : auc / ((double) pos * neg);

        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < 10; b++) {
            double from = b / 10.0, to = (b + 1) / 10.0;
            int count = 0;
            double sumP = 0, sumY = 0;
            for (int k = 0; k < n; k++) {
                int bin = Math.min(9, (int) Math.floor(p[k] * 10));
                if (bin == b) {
                    count++;
                    sumP += p[k];
                    sumY += y[k] ? 1 : 0;
                }
            }
            if (count > 0) {
                bins.add(new Bin(from, to, count, sumP / count, sumY / count));
                ece += (double) count / n * Math.abs(sumY / count - sumP / count);
            } else {
                bins.add(new Bin(from, to, 0, 0, 0));
            }
        }
        int fn = pos - bestTp;
        int tn = neg - bestFp;
        double precision = bestTp + bestFp == 0 ? 0 : (double) bestTp / (bestTp + bestFp);
        double recall = pos == 0 ? 0 : (double) bestTp / pos;
        double accuracy = n == 0 ? 0 : (double) (bestTp + tn) / n;
        return new Metrics(n, pos, auc, logLoss, brier, ece, bestThreshold, accuracy, precision, recall,
                Math.max(0, bestF1), bestTp, bestFp, tn, fn, thin(roc, 200), bins);
    }

    /** At most about {@code max} ROC points, always keeping the first and the last. */
    private static List<double[]> thin(List<double[]> points, int max) {
        if (points.size() <= max) {
            return points;
        }
        List<double[]> out = new ArrayList<>();
        double step = (points.size() - 1) / (double) (max - 1);
        for (int k = 0; k < max; k++) {
            out.add(points.get((int) Math.round(k * step)));
        }
        return out;
    }

    public JsonObject toJson() {
        JsonArrayBuilder rocJson = JSON.createArrayBuilder();
        for (double[] pt : roc) {
            rocJson.add(JSON.createArrayBuilder().add(round(pt[0])).add(round(pt[1])));
        }
        JsonArrayBuilder binsJson = JSON.createArrayBuilder();
        for (Bin b : calibration) {
            binsJson.add(JSON.createObjectBuilder().add("from", b.from()).add("to", b.to()).add("rows", b.rows())
                    .add("meanPredicted", round(b.meanPredicted())).add("observedRate", round(b.observedRate())));
        }
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("rows", rows).add("positives", positives);
        addNumber(o, "auc", auc);
        return o.add("logLoss", round(logLoss)).add("brier", round(brier)).add("ece", round(ece))
                .add("threshold", round(threshold)).add("accuracy", round(accuracy)).add("precision", round(precision))
                .add("recall", round(recall)).add("f1", round(f1))
                .add("confusion", JSON.createObjectBuilder().add("truePositives", truePositives)
                        .add("falsePositives", falsePositives).add("trueNegatives", trueNegatives)
                        .add("falseNegatives", falseNegatives))
                .add("roc", rocJson).add("calibration", binsJson).build();
    }

    private static void addNumber(JsonObjectBuilder o, String name, double v) {
        if (Double.isNaN(v)) {
            o.addNull(name);
        } else {
            o.add(name, round(v));
        }
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
