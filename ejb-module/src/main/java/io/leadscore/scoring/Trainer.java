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
 * Trains a model on closed leads. As Dynamics does, the most recent 20 % (by creation time, ties by id) are held
 * out of the measurement: the version's metrics are those of a network that learned from the older 80 % only,
 * on the newest 20 %. The version that scores learns from every closed lead, the newest included (they are the most
 * like tomorrow's leads, and its calibration sees the newest conversion rate): one cross-fitted run whose folds are
 * stratified folds of the older leads plus the newest as one more (see {@link #crossFitWithHoldout}), distilled into
 * one network.
 */
public final class Trainer {

    /**
     * {@code folds}: a run's rows are cut into this many stratified folds; one network learns from all folds but
     * one and stops early on that one, so every row serves for training and, once, for early stopping and
     * calibration. With {@code distill}, the networks' average is given by one network trained to give what it
     * gives (scoring then costs one network). {@code allHistory} false is the earlier procedure, kept for
     * comparison (bench/quality-lab): the holdout run's networks score, and the newest leads are never learned from.
     */
    public record Options(long seed, Network.Options network, double evaluationShare, int folds,
                          int minimumPerClass, boolean distill, boolean allHistory, FeatureEncoder.Encoding encoding) {
        public static Options defaults(long seed) {
            return new Options(seed, Network.Options.defaults(seed), 0.2, 5, 40, true, true,
                    FeatureEncoder.Encoding.defaults());
        }

        /** {@code false}: the scoring network is the holdout run's, which never saw the newest closed leads. */
        public Options withAllHistory(boolean all) {
            return new Options(seed, network, evaluationShare, folds, minimumPerClass, distill, all, encoding);
        }

        public Options withEncoding(FeatureEncoder.Encoding e) {
            return new Options(seed, network, evaluationShare, folds, minimumPerClass, distill, allHistory, e);
        }

        public Options withNetwork(Network.Options n) {
            return new Options(seed, n, evaluationShare, folds, minimumPerClass, distill, allHistory, encoding);
        }

        public Options withFolds(int k) {
            return new Options(seed, network, evaluationShare, k, minimumPerClass, distill, allHistory, encoding);
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
        long started = System.nanoTime();
        int qualified = (int) rows.stream().filter(TrainingRow::qualified).count();
        int disqualified = rows.size() - qualified;
        if (qualified < o.minimumPerClass() || disqualified < o.minimumPerClass()) {
            throw new NotEnoughDataException(qualified, disqualified, o.minimumPerClass());
        }
        List<TrainingRow> ordered = new ArrayList<>(rows);
        ordered.sort(TrainingRow.OLDEST_FIRST);
        int evaluationSize = (int) Math.round(ordered.size() * o.evaluationShare());
        List<TrainingRow> pool = ordered.subList(0, ordered.size() - evaluationSize);
        List<TrainingRow> evaluation = ordered.subList(ordered.size() - evaluationSize, ordered.size());

        ScoringModel model;
        Metrics metrics;
        Network.Fit fit;
        boolean all = o.allHistory() && !evaluation.isEmpty();
        if (all) {
            Measured run = crossFitWithHoldout(specs, pool, evaluation, o, executor);
            model = run.model();
            metrics = run.metrics();
            fit = run.fit();
        } else {
            // the earlier procedure: the holdout run's networks score, and never saw the newest closed leads
            Fitted holdout = join(crossFit(specs, pool, o, executor));
            model = holdout.model(pool, o, o.distill());
            metrics = Metrics.of(model.probabilities(features(evaluation)), labels(evaluation));
            fit = holdout.fit();
        }
        model.encoder().computeStatistics(rows);
        List<Factor> factors = factors(model, evaluation.isEmpty() ? pool : evaluation, o.seed());
        return new TrainingResult(model, metrics, factors, rows.size(), qualified, disqualified, evaluation.size(),
                fit, (System.nanoTime() - started) / 1_000_000, all);
    }

    /**
     * A cross-fitted ensemble: the encoder fitted on {@code rows}, one network per fold learning from the other
     * folds and stopping early on its own, and a calibration fitted on each row's prediction by the network that
     * did not train on it.
     */
    private record Fitted(FeatureEncoder encoder, Network ensemble, int members, Calibration calibration, Network.Fit fit) {

        /** The scoring model: the calibrated ensemble, or ({@code distill}) one network that gives what it gives. */
        ScoringModel model(List<TrainingRow> rows, Options o, boolean distill) {
            if (!distill || members <= 1) {
                return new ScoringModel(encoder, ensemble, calibration);
            }
            float[][] x = encode(encoder, rows);
            double[] teacher = ensemble.predict(flat(encoder, rows), rows.size());
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                idx.add(i);
            }
            Collections.shuffle(idx, new Random(o.seed() + 1));
            int held = Math.max(1, rows.size() / 10);
            float[][] sx = new float[rows.size() - held][];
            double[] st = new double[rows.size() - held];
            float[][] vx = new float[held][];
            double[] vt = new double[held];
            for (int i = 0; i < idx.size(); i++) {
                int r = idx.get(i);
                if (i < held) {
                    vx[i] = x[r];
                    vt[i] = teacher[r];
                } else {
                    sx[i - held] = x[r];
                    st[i - held] = teacher[r];
                }
            }
            // the teacher's probabilities are smooth targets: no dropout (15 epochs of patience instead of 8 changed
            // no test AUC by more than 0.001 on the shared data sets and took a third longer)
            Network.Options no = o.network();
            Network.Options student = new Network.Options(o.seed() + 99, no.hidden1(), no.hidden2(), no.learningRate(),
                    no.l2(), 0, no.batchSize(), no.maxEpochs(), no.patience());
            // it starts as one of its teachers (same shape): near what it is to learn, it stops early in a third of
            // the time, as good (bench/quality-lab)
            return new ScoringModel(encoder, Network.distill(sx, st, vx, vt, student, new Network.Fit[1],
                    ensemble.firstMember()), calibration);
        }
    }

    /** The version that scores, and its quality measured on the newest closed leads by a network that never saw them. */
    private record Measured(ScoringModel model, Metrics metrics, Network.Fit fit) {
    }

    /**
     * One cross-fitted run over every closed lead that also measures the procedure on the newest ones. The older
     * rows ({@code pool}) are cut into k−1 stratified folds and the newest ({@code evaluation}) are the k-th. Each of
     * the first k−1 networks learns from every fold but its own, the newest leads included, and stops early on its
     * own fold. The k-th learns from the older rows only, for the epochs the others chose (it stops on nothing, so
     * the newest rows stay unseen; it trains while the others are distilled), and its calibrated predictions on the
     * newest rows are the version's metrics, calibrated by what the other networks' out-of-fold predictions on the
     * older rows say. The version that scores is the first k−1 networks distilled into one, calibrated on every
     * row's out-of-fold prediction: the newest leads and the newest conversion rate are learned from. One run
     * instead of a holdout run and a second run on every row: as good a scoring model in about half the training
     * time (bench/quality-lab). (The encoder is fitted on every row; it learns nothing from the outcomes.)
     */
    private static Measured crossFitWithHoldout(List<AttributeSpec> specs, List<TrainingRow> pool,
                                                List<TrainingRow> evaluation, Options o, Executor executor) {
        List<TrainingRow> all = new ArrayList<>(pool);
        all.addAll(evaluation);
        FeatureEncoder encoder = FeatureEncoder.fit(specs, all, o.encoding());
        List<List<TrainingRow>> folds = stratifiedFolds(pool, Math.max(2, o.folds() - 1), new Random(o.seed()));
        folds.add(evaluation);
        int k = folds.size();
        List<Network.Fit[]> fits = new ArrayList<>();
        List<CompletableFuture<Network>> futures = startFolds(encoder, folds, k - 1, o, executor, fits);
        List<Network> networks = futures.stream().map(Trainer::join).toList();
        int epochs = Math.max(1, (int) Math.round(fits.stream().mapToInt(x -> x[0].bestEpoch()).average().orElse(1)));
        Network.Options fixed = o.network().withSeed(o.network().seed() + k - 1).withFixedEpochs(epochs);
        Network.Fit[] lastFit = new Network.Fit[1];
        // the measuring network trains while the others are distilled into the one that scores
        CompletableFuture<Network> measuring = CompletableFuture.supplyAsync(() -> Network.train(encode(encoder, pool),
                labels(pool), null, null, fixed, lastFit), executor);
        Network.Fit fit = averageFit(fits);
        Fitted scoring = new Fitted(encoder, Network.ensemble(networks), k - 1, Calibration.IDENTITY, fit);
        ScoringModel student = scoring.model(all, o, o.distill());
        Network measurer = join(measuring);

        // out-of-fold predictions: each row's by a network that did not learn from it
        double[][] outOfFold = new double[k][];
        for (int f = 0; f < k; f++) {
            Network by = f < k - 1 ? networks.get(f) : measurer;
            outOfFold[f] = by.predict(flat(encoder, folds.get(f)), folds.get(f).size());
        }
        Calibration older = Calibration.fit(concat(outOfFold, k - 1), concatLabels(folds, k - 1));
        double[] measured = new double[evaluation.size()];
        for (int i = 0; i < measured.length; i++) {
            measured[i] = older.apply(outOfFold[k - 1][i]);
        }
        Metrics metrics = Metrics.of(measured, labels(evaluation));
        Calibration every = Calibration.fit(concat(outOfFold, k), concatLabels(folds, k));
        return new Measured(new ScoringModel(student.encoder(), student.network(), every), metrics, fit);
    }

    private static double[] concat(double[][] parts, int n) {
        return java.util.Arrays.stream(parts, 0, n).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static boolean[] concatLabels(List<List<TrainingRow>> folds, int n) {
        List<TrainingRow> rows = new ArrayList<>();
        folds.subList(0, n).forEach(rows::addAll);
        return labels(rows);
    }

    /** Starts a run: its fold networks are queued on {@code executor}; the result completes when all have trained. */
    private static CompletableFuture<Fitted> crossFit(List<AttributeSpec> specs, List<TrainingRow> rows, Options o,
                                                      Executor executor) {
        FeatureEncoder encoder = FeatureEncoder.fit(specs, rows, o.encoding());
        List<List<TrainingRow>> folds = stratifiedFolds(rows, Math.max(2, o.folds()), new Random(o.seed()));
        int k = o.folds() <= 1 ? 1 : folds.size();
        List<Network.Fit[]> fits = new ArrayList<>();
        List<CompletableFuture<Network>> futures = startFolds(encoder, folds, k, o, executor, fits);
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture[0]))
                .thenApply(done -> collect(encoder, folds, futures.stream().map(CompletableFuture::join).toList(), fits));
    }

    /**
     * Queues the networks of the first {@code count} folds: each learns from every other fold and stops early on its
     * own; what each training did goes into {@code fits}, in fold order.
     */
    private static List<CompletableFuture<Network>> startFolds(FeatureEncoder encoder, List<List<TrainingRow>> folds,
                                                               int count, Options o, Executor executor,
                                                               List<Network.Fit[]> fits) {
        List<CompletableFuture<Network>> futures = new ArrayList<>();
        for (int f = 0; f < count; f++) {
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
        return futures;
    }

    /** What a run's networks did, on average. */
    private static Network.Fit averageFit(List<Network.Fit[]> fits) {
        return new Network.Fit(
                (int) Math.round(fits.stream().mapToInt(x -> x[0].epochs()).average().orElse(0)),
                (int) Math.round(fits.stream().mapToInt(x -> x[0].bestEpoch()).average().orElse(0)),
                fits.stream().mapToDouble(x -> x[0].bestValidationLoss()).average().orElse(0));
    }

    /** The run's ensemble, and its calibration fitted on each row's prediction by the network that did not learn it. */
    private static Fitted collect(FeatureEncoder encoder, List<List<TrainingRow>> folds, List<Network> networks,
                                  List<Network.Fit[]> fits) {
        List<Double> outOfFold = new ArrayList<>();
        List<Boolean> outOfFoldLabels = new ArrayList<>();
        for (int f = 0; f < networks.size(); f++) {
            List<TrainingRow> held = folds.get(f);
            for (double p : networks.get(f).predict(flat(encoder, held), held.size())) {
                outOfFold.add(p);
            }
            for (TrainingRow r : held) {
                outOfFoldLabels.add(r.qualified());
            }
        }
        Network.Fit fit = averageFit(fits);
        double[] raw = outOfFold.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] rawLabels = new boolean[raw.length];
        for (int i = 0; i < raw.length; i++) {
            rawLabels[i] = outOfFoldLabels.get(i);
        }
        return new Fitted(encoder, Network.ensemble(networks), networks.size(), Calibration.fit(raw, rawLabels), fit);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
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
