package io.leadscore.scoring;

/**
 * Platt scaling: {@code P(qualify) = 1 / (1 + exp(-(a·logit(raw) + b)))}, fitted by Newton's method on
 * held-out rows the network never trained on. It undoes the class weighting and the network's over- or
 * under-confidence, so that a score of 70 means that about 70 % of such leads qualify.
 */
record Calibration(double a, double b) {

    public static final Calibration IDENTITY = new Calibration(1, 0);

    public double apply(double raw) {
        return sigmoid(a * logit(raw) + b);
    }

    /** Fits a and b on raw probabilities and outcomes, with Platt's smoothed targets against over-fitting. */
    public static Calibration fit(double[] raw, boolean[] y) {
        int pos = 0;
        for (boolean v : y) {
            pos += v ? 1 : 0;
        }
        int neg = y.length - pos;
        if (pos == 0 || neg == 0) {
            return IDENTITY;
        }
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double[] z = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            z[i] = logit(raw[i]);
        }
        double a = 1;
        double b = 0;
        for (int iter = 0; iter < 100; iter++) {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (int i = 0; i < z.length; i++) {
                double t = y[i] ? hi : lo;
                double p = sigmoid(a * z[i] + b);
                double d = p - t;
                double w = p * (1 - p);
                ga += d * z[i];
                gb += d;
                haa += w * z[i] * z[i];
                hab += w * z[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (Math.abs(det) < 1e-18) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new Calibration(a, b);
    }

    static double logit(double p) {
        double q = Math.min(1 - 1e-7, Math.max(1e-7, p));
        return Math.log(q / (1 - q));
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
