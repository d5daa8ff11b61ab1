package io.leadscore.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * A trained model ready to score: encoder, network and calibration. Immutable and safe for concurrent
 * use; one instance serves a single lead and a batch of leads alike.
 */
public final class ScoringModel {

    private final FeatureEncoder encoder;
    private final Network network;
    private final Calibration calibration;

    public ScoringModel(FeatureEncoder encoder, Network network, Calibration calibration) {
        if (encoder.width() != network.inputs()) {
            throw new IllegalArgumentException("encoder gives " + encoder.width() + " inputs, network takes "
                    + network.inputs());
        }
        this.encoder = encoder;
        this.network = network;
        this.calibration = calibration;
    }

    public FeatureEncoder encoder() {
        return encoder;
    }

    Network network() {
        return network;
    }

    public Calibration calibration() {
        return calibration;
    }

    /** The score of a probability: {@code round(100 × P(qualify))}. */
    public static int score(double probability) {
        return (int) Math.round(100 * probability);
    }

    /** The calibrated probability that each lead qualifies, in one pass through the network. */
    public double[] probabilities(List<? extends FeatureSource> leads) {
        int w = encoder.width();
        float[] flat = new float[leads.size() * w];
        for (int i = 0; i < leads.size(); i++) {
            encoder.encode(leads.get(i), flat, i * w);
        }
        return calibrated(flat, leads.size());
    }

    public double probability(FeatureSource lead) {
        return probabilities(List.of(lead))[0];
    }

    double[] calibrated(float[] flat, int rows) {
        double[] p = network.predict(flat, rows);
        for (int i = 0; i < p.length; i++) {
            p[i] = calibration.apply(p[i]);
        }
        return p;
    }

    /** Every attribute's contribution to the lead's score, in the model's attribute order. */
    public List<Contribution> explain(FeatureSource lead) {
        List<FeatureColumn> columns = encoder.columns();
        Object[] values = encoder.read(lead);
        int w = encoder.width();
        int rows = 1;
        for (FeatureColumn c : columns) {
            rows += c.typicalSlices.length;
        }
        float[] flat = new float[rows * w];
        encoder.encode(values, flat, 0);
        int r = 1;
        for (int i = 0; i < columns.size(); i++) {
            FeatureColumn c = columns.get(i);
            int off = encoder.offset(i);
            for (float[] slice : c.typicalSlices) {
                System.arraycopy(flat, 0, flat, r * w, w);
                System.arraycopy(slice, 0, flat, r * w + off, slice.length);
                r++;
            }
        }
        double[] p = calibrated(flat, rows);
        List<Contribution> out = new ArrayList<>(columns.size());
        r = 1;
        for (int i = 0; i < columns.size(); i++) {
            FeatureColumn c = columns.get(i);
            double expected = 0;
            double weights = 0;
            for (int k = 0; k < c.typicalSlices.length; k++) {
                expected += c.typicalWeights[k] * p[r++];
                weights += c.typicalWeights[k];
            }
            double impact = weights > 0 ? 100 * (p[0] - expected / weights) : 0;
            boolean numeric = c instanceof FeatureColumn.Numeric;
            out.add(new Contribution(c.spec(), values[i], c.display(values[i]), impact, c.group(values[i]), numeric,
                    numeric ? ((FeatureColumn.Numeric) c).median() : null));
        }
        return out;
    }
}
