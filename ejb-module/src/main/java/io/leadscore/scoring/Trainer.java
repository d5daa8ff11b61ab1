package io.leadscore.scoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Trains a model on closed leads, as Dynamics does: the most recent 20 % (by creation time, ties by id)
 * are held out for the metrics and never trained on. The encoder is fitted on the rest, which is cut
 * into folds for a cross-fitted ensemble of networks (see {@link Options}); calibration is fitted on
 * each row's prediction by the network that did not train on it.
 */
public final class Trainer {

    /**
     * {@code folds}: the training rows are cut into this many stratified folds; one network learns from
     * all folds but one and stops early on that one, so every row serves for training and, once, for
     * early stopping and calibration; the networks' average is the model, or, with {@code distill}, a
     * single network trained to give what that average gives (scoring then costs one network).
     */
    public record Options(long seed, Network.Options network, double evaluationShare, int folds,
                          int minimumPerClass, boolean distill) {
        public static Options defaults(long seed) {
            return new Options(seed, Network.Options.defaults(seed), 0.2, 5, 40, true);
        }
    }

    private Trainer() {
    }

    public static TrainingResult train(List<AttributeSpec> specs, List<TrainingRow> rows, Options o) {
        return train(specs, rows, o, Runnable::run);
    }

    /**
     * Trains; the fold networks are independent and train in parallel on {@code executor} (in the server, a
     * managed executor; single native thread each, since small networks are bound by per-call overhead).
     */
    public static TrainingResult train(List<AttributeSpec> specs, List<TrainingRow> rows, Options o, Executor executor) {
        Network.trainingStarts();
        try {
            return trainNow(specs, rows, o, executor);
        } finally {
            Network.trainingEnds();
        }
    }

    private static TrainingResult trainNow(List<AttributeSpec> specs, List<TrainingRow> rows, Options o, Executor executor) {
        long started = System.nanoTime();
        int qualified = (int) rows.stream().filter(TrainingRow::qualified).count();
        int disqualified = rows.size() - qualified;
        if (qualified < o.minimumPerClass() || disqualified < o.minimumPerClass()) {
            throw new NotEnoughDataException(qualified, disqualified, o.minimumPerClass());
        }
        List<TrainingRow> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparing(TrainingRow::createdOn, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(TrainingRow::id));
        int evaluationSize = (int) Math.round(ordered.size() * o.evaluationShare());
        List<TrainingRow> pool = ordered.subList(0, ordered.size() - evaluationSize);
        List<TrainingRow> evaluation = ordered.subList(ordered.size() - evaluationSize, ordered.size());

        FeatureEncoder encoder = FeatureEncoder.fit(specs, pool);
        List<List<TrainingRow>> folds = stratifiedFolds(pool, Math.max(2, o.folds()), new Random(o.seed()));
        int k = o.folds() <= 1 ? 1 : folds.size();
        List<CompletableFuture<Network>> futures = new ArrayList<>();
        List<Network.Fit[]> fits = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<TrainingRow> learn = new ArrayList<>();
            for (int j = 0; j < folds.size(); j++) {
                if (j != f) {
                    learn.addAll(folds.get(j));
                }
            }
            List<TrainingRow> held = folds.get(f);
            Network.Fit[] fit = new Network.Fit[1];
            fits.add(fit);
            Network.Options no = o.network().withSeed(o.network().seed() + f);
            futures.add(CompletableFuture.supplyAsync(() -> Network.train(encode(encoder, learn), labels(learn),
                    encode(encoder, held), labels(held), no, fit), executor));
        }
        List<Network> members = new ArrayList<>();
        List<Double> outOfFold = new ArrayList<>();
        List<Boolean> outOfFoldLabels = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            Network member;
            try {
                member = futures.get(f).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            members.add(member);
            List<TrainingRow> held = folds.get(f);
            for (double p : member.predict(flat(encoder, held), held.size())) {
                outOfFold.add(p);
            }
            for (TrainingRow r : held) {
                outOfFoldLabels.add(r.qualified());
            }
        }
        Network.Fit fit = new Network.Fit(
                (int) Math.round(fits.stream().mapToInt(x -> x[0].epochs()).average().orElse(0)),
                (int) Math.round(fits.stream().mapToInt(x -> x[0].bestEpoch()).average().orElse(0)),
                fits.stream().mapToDouble(x -> x[0].bestValidationLoss()).average().orElse(0));
        Network network = Network.ensemble(members);
        double[] raw = outOfFold.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] rawLabels = new boolean[raw.length];
        for (int i = 0; i < raw.length; i++) {
            rawLabels[i] = outOfFoldLabels.get(i);
        }
        Calibration calibration = Calibration.fit(raw, rawLabels);
        if (o.distill() && members.size() > 1) {
            // one network that gives what the ensemble gives: the ensemble's quality at a fifth of the cost
            float[][] poolX = encode(encoder, pool);
            double[] teacher = network.predict(flat(encoder, pool), pool.size());
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < pool.size(); i++) {
                idx.add(i);
            }
            Collections.shuffle(idx, new Random(o.seed() + 1));
            int held = Math.max(1, pool.size() / 10);
            float[][] sx = new float[pool.size() - held][];
            double[] st = new double[pool.size() - held];
            float[][] vx = new float[held][];
            double[] vt = new double[held];
            for (int i = 0; i < idx.size(); i++) {
                int r = idx.get(i);
                if (i < held) {
                    vx[i] = poolX[r];
                    vt[i] = teacher[r];
                } else {
                    sx[i - held] = poolX[r];
                    st[i - held] = teacher[r];
                }
            }
            // the teacher's probabilities are smooth targets: no dropout, and more patience, as they keep improving
            Network.Options no = o.network();
            Network.Options student = new Network.Options(o.seed() + 99, no.hidden1(), no.hidden2(), no.learningRate(),
                    no.l2(), 0, no.batchSize(), no.maxEpochs(), 15);
            network = Network.distill(sx, st, vx, vt, student, new Network.Fit[1]);
        }
        encoder.computeStatistics(rows);
        ScoringModel model = new ScoringModel(encoder, network, calibration);

        Metrics metrics = Metrics.of(model.probabilities(features(evaluation)), labels(evaluation));
        List<Factor> factors = factors(model, evaluation.isEmpty() ? pool : evaluation, o.seed());
        return new TrainingResult(model, metrics, factors, rows.size(), qualified, disqualified, evaluation.size(),
                fit, (System.nanoTime() - started) / 1_000_000);
    }

    /** Cuts rows into k folds with the same share of qualified leads in each. */
    static List<List<TrainingRow>> stratifiedFolds(List<TrainingRow> rows, int k, Random random) {
        List<List<TrainingRow>> folds = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            folds.add(new ArrayList<>());
        }
        int next = 0;
        for (boolean label : new boolean[] {true, false}) {
            List<TrainingRow> cls = new ArrayList<>(rows.stream().filter(r -> r.qualified() == label).toList());
            Collections.shuffle(cls, random);
            for (TrainingRow r : cls) {
                folds.get(next++ % k).add(r);
            }
        }
        return folds;
    }

    static List<FeatureSource> features(List<TrainingRow> rows) {
        return rows.stream().map(TrainingRow::features).toList();
    }

    static float[][] encode(FeatureEncoder encoder, List<TrainingRow> rows) {
        float[][] x = new float[rows.size()][encoder.width()];
        for (int i = 0; i < rows.size(); i++) {
            encoder.encode(rows.get(i).features(), x[i], 0);
        }
        return x;
    }

    private static float[] flat(FeatureEncoder encoder, List<TrainingRow> rows) {
        int w = encoder.width();
        float[] flat = new float[rows.size() * w];
        for (int i = 0; i < rows.size(); i++) {
            encoder.encode(rows.get(i).features(), flat, i * w);
        }
        return flat;
    }

    static boolean[] labels(List<TrainingRow> rows) {
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).qualified();
        }
        return y;
    }

    /** Mean absolute impact per attribute over (a sample of) the given leads. */
    static List<Factor> factors(ScoringModel model, List<TrainingRow> rows, long seed) {
        List<TrainingRow> sample = new ArrayList<>(rows);
        Collections.shuffle(sample, new Random(seed));
        sample = sample.subList(0, Math.min(250, sample.size()));
        List<AttributeSpec> specs = model.encoder().columns().stream().map(FeatureColumn::spec).toList();
        double[] sumAbs = new double[specs.size()];
        List<Map<String, double[]>> perValue = new ArrayList<>();
        specs.forEach(s -> perValue.add(new HashMap<>()));
        for (TrainingRow r : sample) {
            List<Contribution> cs = model.explain(r.features());
            for (int i = 0; i < cs.size(); i++) {
                Contribution c = cs.get(i);
                if (c.ignored()) {
                    continue;
                }
                sumAbs[i] += Math.abs(c.impact());
                String key = c.group() == null ? String.valueOf(c.displayValue()) : c.group().description();
                double[] acc = perValue.get(i).computeIfAbsent(key, k -> new double[2]);
                acc[0] += c.impact();
                acc[1]++;
            }
        }
        double total = 0;
        for (double s : sumAbs) {
            total += s;
        }
        List<Factor> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            double influence = sample.isEmpty() ? 0 : sumAbs[i] / sample.size();
            Map<String, double[]> values = new LinkedHashMap<>(perValue.get(i));
            List<Factor.ValueEffect> effects = values.entrySet().stream()
                    .map(e -> new Factor.ValueEffect(e.getKey(), round(e.getValue()[0] / e.getValue()[1]),
                            (int) e.getValue()[1]))
                    .sorted(Comparator.comparingDouble(Factor.ValueEffect::impact).reversed())
                    .toList();
            out.add(new Factor(specs.get(i).path(), specs.get(i).label(), round(influence),
                    total == 0 ? 0 : round(sumAbs[i] / total), effects));
        }
        out.sort(Comparator.comparingDouble(Factor::influence).reversed());
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
