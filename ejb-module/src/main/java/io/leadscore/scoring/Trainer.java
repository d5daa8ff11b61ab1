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
                          int minimumPerClass, boolean distill, boolean allHistory, FeatureEncoder.Encoding encoding,
                          boolean trees) {
        public static Options defaults(long seed) {
            return new Options(seed, Network.Options.defaults(seed), 0.2, 5, 40, true, true,
                    FeatureEncoder.Encoding.defaults(), true);
        }

        /** {@code false}: the scoring network is the holdout run's, which never saw the newest closed leads. */
        public Options withAllHistory(boolean all) {
            return new Options(seed, network, evaluationShare, folds, minimumPerClass, distill, all, encoding, trees);
        }

        public Options withEncoding(FeatureEncoder.Encoding e) {
            return new Options(seed, network, evaluationShare, folds, minimumPerClass, distill, allHistory, e, trees);
        }

        public Options withNetwork(Network.Options n) {
            return new Options(seed, n, evaluationShare, folds, minimumPerClass, distill, allHistory, encoding, trees);
        }

        public Options withFolds(int k) {
            return new Options(seed, network, evaluationShare, k, minimumPerClass, distill, allHistory, encoding, trees);
        }

        /** {@code false}: the networks are the only teachers (no gradient-boosted trees beside them). */
        public Options withTrees(boolean t) {
            return new Options(seed, network, evaluationShare, folds, minimumPerClass, distill, allHistory, encoding, t);
        }
    }

    private Trainer() {
    }

    public static TrainingResult train(List<AttributeSpec> specs, List<TrainingRow> rows, Options o) {
        return train(specs, rows, o, Runnable::run);
    }

    /**
     * Trains; the fold networks and trees are independent and train in parallel on {@code executor} (in the server,
     * a managed executor; single native thread each, since small networks are bound by per-call overhead), at most
     * one per core at a time.
     */
    public static TrainingResult train(List<AttributeSpec> specs, List<TrainingRow> rows, Options o, Executor executor) {
        return trainOn(specs, rows, o, BoundedExecutor.perCore(executor));
    }

    private static TrainingResult trainOn(List<AttributeSpec> specs, List<TrainingRow> rows, Options o,
                                          Executor executor) {
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
        Blend blend = Blend.NETWORKS_ONLY;
        boolean all = o.allHistory() && !evaluation.isEmpty();
        if (all) {
            Measured run = crossFitWithHoldout(specs, pool, evaluation, o, executor);
            model = run.model();
            metrics = run.metrics();
            fit = run.fit();
            blend = run.blend();
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
                fit, blend, (System.nanoTime() - started) / 1_000_000, all);
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
            double[] teacher = ensemble.predict(flat(encoder, rows), rows.size());
            return new ScoringModel(encoder, distil(encoder, rows, teacher, o, ensemble.firstMember()), calibration);
        }
    }

    /**
     * One network trained to give the {@code teacher}'s probabilities for {@code rows} (scoring then costs one
     * network), stopping early on how closely it follows the teacher on a tenth of them.
     */
    private static Network distil(FeatureEncoder encoder, List<TrainingRow> rows, double[] teacher, Options o,
                                  Network from) {
        float[][] x = encode(encoder, rows);
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
        return Network.distill(sx, st, vx, vt, student, new Network.Fit[1], from);
    }

    /** The version that scores, and its quality measured on the newest closed leads by a network that never saw them. */
    private record Measured(ScoringModel model, Metrics metrics, Network.Fit fit, Blend blend) {
    }

    /**
     * How the teachers are mixed: the trees' share of the blend of the networks' and the trees' raw probabilities, on
     * the logit scale (0: the networks alone). {@code treeRounds}: the trees' average number of rounds.
     * {@code treesUnavailable}: why no trees taught although they were to (XGBoost's native library does not run on
     * this machine), else null.
     */
    public record Blend(double treeShare, int treeRounds, String treesUnavailable) {
        static final Blend NETWORKS_ONLY = new Blend(0, 0, null);

        public Blend(double treeShare, int treeRounds) {
            this(treeShare, treeRounds, null);
        }

        double[] apply(double[] networks, double[] trees) {
            if (trees == null || treeShare == 0) {
                return networks;
            }
            double[] out = new double[networks.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = Calibration.sigmoid((1 - treeShare) * Calibration.logit(networks[i])
                        + treeShare * Calibration.logit(trees[i]));
            }
            return out;
        }

        /**
         * The trees' share, in steps of a tenth, whose blend of out-of-fold predictions (each row's by models that did
         * not learn from it) has the lowest class-weighted log loss: where trees rank a data set's leads worse than
         * the networks, they get a small share or none; where better, a large one.
         */
        static Blend choose(double[] networks, double[] trees, boolean[] y, int treeRounds) {
            double bestShare = 0;
            double bestLoss = Double.POSITIVE_INFINITY;
            for (int step = 0; step <= 10; step++) {
                double share = step / 10.0;
                double loss = Network.classWeightedLogLoss(new Blend(share, treeRounds).apply(networks, trees), y);
                if (loss < bestLoss - 1e-9) {
                    bestLoss = loss;
                    bestShare = share;
                }
            }
            return new Blend(bestShare, treeRounds);
        }
    }

    /**
     * One cross-fitted run over every closed lead that also measures the procedure on the newest ones. The older
     * rows ({@code pool}) are cut into k−1 stratified folds and the newest ({@code evaluation}) are the k-th. Each of
     * the first k−1 networks learns from every fold but its own, the newest leads included, and stops early on its
     * own fold; beside each, gradient-boosted trees ({@link Trees}) learn from the same rows and stop early on the same
     * fold, and the blend of the two kinds of teacher is chosen on their out-of-fold predictions ({@link Blend}).
     * The k-th network (and trees) learn from the older rows only, for the epochs (rounds) the others chose (they stop
     * on nothing, so the newest rows stay unseen; they train while the others are distilled), and their calibrated,
     * blended predictions on the newest rows are the version's metrics, calibrated by what the other folds'
     * out-of-fold predictions on the older rows say. The version that scores is one network that learns to give
     * the first k−1 folds' blend, calibrated on every row's out-of-fold blend: the newest leads and the newest
     * conversion rate are learned from. One run instead of a holdout run and a second run on every row: as good a
     * scoring model in about half the training time (bench/quality-lab). (The encoder is fitted on every row; it
     * learns nothing from the outcomes.)
     */
    private static Measured crossFitWithHoldout(List<AttributeSpec> specs, List<TrainingRow> pool,
                                                List<TrainingRow> evaluation, Options o, Executor executor) {
        List<TrainingRow> all = new ArrayList<>(pool);
        all.addAll(evaluation);
        FeatureEncoder encoder = FeatureEncoder.fit(specs, all, o.encoding());
        int width = encoder.width();
        List<List<TrainingRow>> folds = stratifiedFolds(pool, Math.max(2, o.folds() - 1), new Random(o.seed()));
        folds.add(evaluation);
        int k = folds.size();
        // trees teach a student (without distillation, networks score), where XGBoost's native library runs: where it
        // does not, the networks alone teach, and the version says why
        String treesUnavailable = o.trees() && o.distill() ? Trees.unavailable() : null;
        boolean withTrees = o.trees() && o.distill() && treesUnavailable == null;
        List<Network.Fit[]> fits = new ArrayList<>();
        List<CompletableFuture<Network>> futures = startFolds(encoder, folds, k - 1, o, executor, fits);
        List<CompletableFuture<Trees>> treeFutures = withTrees ? startTrees(encoder, folds, k - 1, o, executor) : List.of();
        List<CompletableFuture<Trees>> allTrees = new ArrayList<>(treeFutures);
        try {
            List<Network> networks = futures.stream().map(Trainer::join).toList();
            List<Trees> trees = treeFutures.stream().map(Trainer::join).toList();
            int epochs = Math.max(1, (int) Math.round(fits.stream().mapToInt(x -> x[0].bestEpoch()).average().orElse(1)));
            Network.Options fixed = o.network().withSeed(o.network().seed() + k - 1).withFixedEpochs(epochs);
            Network.Fit[] lastFit = new Network.Fit[1];
            // the measuring network (and trees) train while the others are distilled into the one that scores
            CompletableFuture<Network> measuring = CompletableFuture.supplyAsync(() -> Network.train(
                    encode(encoder, pool), labels(pool), null, null, fixed, lastFit), executor);
            int rounds = Math.max(1, (int) Math.round(trees.stream().mapToInt(Trees::rounds).average().orElse(1)));
            CompletableFuture<Trees> measuringTreesFuture = withTrees ? CompletableFuture.supplyAsync(() -> Trees.train(
                    flat(encoder, pool), labels(pool), null, null, width,
                    Trees.Options.defaults(o.seed() + k - 1).withFixedRounds(rounds)), executor) : null;
            if (measuringTreesFuture != null) {
                allTrees.add(measuringTreesFuture);
            }

            // out-of-fold predictions: each row's by the models that did not learn from it
            double[][] byNetworks = new double[k][];
            double[][] byTrees = new double[k][];
            for (int f = 0; f < k - 1; f++) {
                float[] x = flat(encoder, folds.get(f));
                byNetworks[f] = networks.get(f).predict(x, folds.get(f).size());
                byTrees[f] = withTrees ? trees.get(f).predict(x, folds.get(f).size(), width) : null;
            }
            Blend blend = withTrees ? Blend.choose(concat(byNetworks, k - 1), concat(byTrees, k - 1),
                    concatLabels(folds, k - 1), rounds) : new Blend(0, 0, treesUnavailable);

            Network.Fit fit = averageFit(fits);
            Network ensemble = Network.ensemble(networks);
            Network scoring = ensemble;
            if (o.distill() && networks.size() > 1) {
                float[] x = flat(encoder, all);
                double[] teacher = blend.apply(ensemble.predict(x, all.size()),
                        withTrees ? average(trees, x, all.size(), width) : null);
                scoring = distil(encoder, all, teacher, o, ensemble.firstMember());
            }
            Network measurer = join(measuring);
            Trees measuringTrees = withTrees ? join(measuringTreesFuture) : null;
            float[] newest = flat(encoder, evaluation);
            byNetworks[k - 1] = measurer.predict(newest, evaluation.size());
            byTrees[k - 1] = withTrees ? measuringTrees.predict(newest, evaluation.size(), width) : null;
            double[][] outOfFold = new double[k][];
            for (int f = 0; f < k; f++) {
                outOfFold[f] = blend.apply(byNetworks[f], byTrees[f]);
            }
            Calibration older = Calibration.fit(concat(outOfFold, k - 1), concatLabels(folds, k - 1));
            double[] measured = new double[evaluation.size()];
            for (int i = 0; i < measured.length; i++) {
                measured[i] = older.apply(outOfFold[k - 1][i]);
            }
            Metrics metrics = Metrics.of(measured, labels(evaluation));
            Calibration every = Calibration.fit(concat(outOfFold, k), concatLabels(folds, k));
            return new Measured(new ScoringModel(encoder, scoring, every), metrics, fit, blend);
        } finally {
            // trees only teach: their native memory goes when the training ends, however it ends (trees still
            // training then go when they are done)
            allTrees.forEach(f -> f.thenAccept(Trees::close));
        }
    }

    /** The trees' raw probabilities for the rows of {@code x}, averaged over the folds' trees. */
    private static double[] average(List<Trees> trees, float[] x, int rows, int width) {
        double[] sum = new double[rows];
        for (Trees t : trees) {
            double[] p = t.predict(x, rows, width);
            for (int i = 0; i < rows; i++) {
                sum[i] += p[i] / trees.size();
            }
        }
        return sum;
    }

    /** Queues the trees of the first {@code count} folds, as {@link #startFolds} the networks. */
    private static List<CompletableFuture<Trees>> startTrees(FeatureEncoder encoder, List<List<TrainingRow>> folds,
                                                             int count, Options o, Executor executor) {
        List<CompletableFuture<Trees>> futures = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            List<TrainingRow> learn = allBut(folds, f);
            List<TrainingRow> held = folds.get(f);
            Trees.Options to = Trees.Options.defaults(o.seed() + f);
            futures.add(CompletableFuture.supplyAsync(() -> Trees.train(flat(encoder, learn), labels(learn),
                    flat(encoder, held), labels(held), encoder.width(), to), executor));
        }
        return futures;
    }

    /** The rows of every fold but fold {@code f}. */
    private static List<TrainingRow> allBut(List<List<TrainingRow>> folds, int f) {
        List<TrainingRow> rows = new ArrayList<>();
        for (int j = 0; j < folds.size(); j++) {
            if (j != f) {
                rows.addAll(folds.get(j));
            }
        }
        return rows;
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
            List<TrainingRow> learn = allBut(folds, f);
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
