package io.leadscore.scoring;

import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The DL4J network: a small multi-layer perceptron with a two-class softmax output, trained with a
 * class-weighted cross-entropy (so a rare "qualified" is not simply ignored) and early stopping on the
 * validation loss. Its output is a raw, uncalibrated probability; {@link Calibration} turns it into one
 * that can be trusted. A network is not safe for concurrent use, so callers borrow copies from a pool.
 */
public final class Network {

    /** Training settings; the defaults suit lead data sets of a few hundred to a few hundred thousand rows. */
    /** {@code dropout}: the share of hidden units dropped while training (0 for none). */
    public record Options(long seed, int hidden1, int hidden2, double learningRate, double l2, double dropout,
                          int batchSize, int maxEpochs, int patience) {
        public static Options defaults(long seed) {
            return new Options(seed, 128, 64, 3e-3, 1e-4, 0.2, 512, 200, 8);
        }

        Options withSeed(long newSeed) {
            return new Options(newSeed, hidden1, hidden2, learningRate, l2, dropout, batchSize, maxEpochs, patience);
        }

        /** Exactly {@code epochs} epochs, for training without validation rows (the last epoch's parameters are kept). */
        Options withFixedEpochs(int epochs) {
            return new Options(seed, hidden1, hidden2, learningRate, l2, dropout, batchSize, epochs, epochs);
        }
    }

    /** What training did, for the version's record. */
    public record Fit(int epochs, int bestEpoch, double bestValidationLoss) {
    }

    /** One trained member, with copies to lend to concurrent callers. */
    private static final class Member {
        final MultiLayerNetwork prototype;
        final ConcurrentLinkedQueue<MultiLayerNetwork> pool = new ConcurrentLinkedQueue<>();

        Member(MultiLayerNetwork net) {
            this.prototype = net;
            pool.add(net.clone());
        }

        double[] predict(INDArray x) {
            MultiLayerNetwork net = pool.poll();
            if (net == null) {
                net = prototype.clone();
            }
            try {
                return probabilities(net, x);
            } finally {
                pool.offer(net);
            }
        }
    }

    private final List<Member> members;
    private final int inputs;
    /**
     * Native input matrices a batch is copied into, reused: allocating one per call (off the heap, 3.8 MB for a batch
     * of 5,000 leads) took longer than the network's own work, and a busy rescore left their release to the collector.
     */
    private final ConcurrentLinkedQueue<INDArray> buffers = new ConcurrentLinkedQueue<>();

    private Network(List<MultiLayerNetwork> nets) {
        this.members = nets.stream().map(Member::new).toList();
        this.inputs = (int) nets.get(0).layerInputSize(0);
    }

    /** Several networks trained on different folds, whose raw probabilities are averaged. */
    public static Network ensemble(List<Network> networks) {
        List<MultiLayerNetwork> nets = new ArrayList<>();
        networks.forEach(n -> n.members.forEach(m -> nets.add(m.prototype)));
        return new Network(nets);
    }

    public int inputs() {
        return inputs;
    }

    /** The first member alone (of an ensemble: one of its networks). */
    Network firstMember() {
        return new Network(List.of(members.get(0).prototype));
    }

    static {
        // ND4J calls System.gc() every few seconds by default to free native memory; with small networks and
        // workspaces that only adds pauses
        Nd4j.getMemoryManager().togglePeriodicGc(false);
        singleThreaded();
    }

    /**
     * One native thread per call, for ND4J's own loops and for BLAS alike, training included. These networks are
     * small: a call split over both cores of a busy machine waits for the second core (a scheduler time slice,
     * ~8 ms), which made a single lead's p99 45 ms instead of 2 ms; and a training's networks train side by side,
     * one per core, so BLAS threads of their own only contend (training a fifth slower on X Education with two).
     * Parallelism comes from concurrent callers (requests, rescore partitions, training folds) instead.
     */
    static void singleThreaded() {
        if (Nd4j.getEnvironment().maxThreads() != 1) {
            Nd4j.getEnvironment().setMaxThreads(1);
        }
        if (Nd4j.factory().blas().getMaxThreads() != 1) {
            Nd4j.factory().blas().setMaxThreads(1);
        }
    }

    static MultiLayerNetwork build(int inputs, Options o, double weight0, double weight1) {
        INDArray weights = Nd4j.create(new float[] {(float) weight0, (float) weight1}, new long[] {1, 2}, DataType.FLOAT);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(o.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(o.learningRate()))
                .l2(o.l2())
                .list()
                .layer(dense(o.hidden1(), o).nIn(inputs).build())
                .layer(dense(o.hidden2(), o).build())
                .layer(new OutputLayer.Builder(new LossMCXENT(weights)).nOut(2).activation(Activation.SOFTMAX)
                        .weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.feedForward(inputs))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DenseLayer.Builder dense(int units, Options o) {
        DenseLayer.Builder b = new DenseLayer.Builder().nOut(units).activation(Activation.RELU);
        if (o.dropout() > 0) {
            b.dropOut(1 - o.dropout()); // DL4J takes the probability of keeping a unit
        }
        return b;
    }

    /**
     * Trains on {@code x}/{@code y} and keeps the parameters of the epoch with the lowest class-weighted
     * log loss on the validation rows; stops when it has not improved for {@code patience} epochs.
     */
    public static Network train(float[][] x, boolean[] y, float[][] xVal, boolean[] yVal, Options o, Fit[] fitOut) {
        // without validation rows (xVal null): exactly o.maxEpochs() epochs
        double[] w = classWeights(y);
        return fit(x, targets(y), xVal, yVal == null ? null : targets(yVal), w[0], w[1], o, fitOut, null);
    }

    /** The weights of "disqualified" and "qualified" under which both classes weigh the same in total. */
    private static double[] classWeights(boolean[] y) {
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        int n = y.length;
        return new double[] {n / (2.0 * Math.max(1, n - positives)), n / (2.0 * Math.max(1, positives))};
    }

    /** The log loss of {@code p} against the outcomes {@code y}, class-weighted as training weighs them. */
    static double classWeightedLogLoss(double[] p, boolean[] y) {
        double[] w = classWeights(y);
        return weightedLogLoss(p, targets(y), w[0], w[1]);
    }

    /**
     * Distillation: a single network learns to give the probabilities {@code teacher} gives (an ensemble's,
     * say), so that scoring costs one network instead of several, with early stopping on how closely it
     * follows the teacher on the validation rows.
     */
    public static Network distill(float[][] x, double[] teacher, float[][] xVal, double[] teacherVal, Options o,
                                  Fit[] fitOut) {
        return distill(x, teacher, xVal, teacherVal, o, fitOut, null);
    }

    /**
     * Distillation that starts from the parameters of {@code from} (a network of the same shape, such as one of the
     * teacher's members) instead of random ones: it begins near what it is to learn and stops early sooner.
     */
    public static Network distill(float[][] x, double[] teacher, float[][] xVal, double[] teacherVal, Options o,
                                  Fit[] fitOut, Network from) {
        return fit(x, teacher, xVal, teacherVal, 1, 1, o, fitOut, from);
    }

    private static Network fit(float[][] x, double[] t, float[][] xVal, double[] tVal, double w0, double w1, Options o,
                               Fit[] fitOut, Network from) {
        int n = t.length;
        singleThreaded();
        Nd4j.getRandom().setSeed(o.seed());
        MultiLayerNetwork net = build(x[0].length, o, w0, w1);
        if (from != null) {
            net.setParams(from.members.get(0).prototype.params().dup());
        }
        boolean validated = xVal != null;
        INDArray valX = validated ? matrix(xVal) : null;
        java.util.Random random = new java.util.Random(o.seed());
        MiniBatch full = new MiniBatch(Math.min(o.batchSize(), n), x[0].length);
        MiniBatch last = new MiniBatch(n % o.batchSize() == 0 ? full.rows : n % o.batchSize(), x[0].length);
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        double best = Double.POSITIVE_INFINITY;
        INDArray bestParams = net.params().dup();
        int bestEpoch = 0;
        int epoch = 0;
        while (epoch < o.maxEpochs() && epoch - bestEpoch < o.patience()) {
            epoch++;
            shuffle(order, random);
            for (int start = 0; start < n; start += o.batchSize()) {
                int m = Math.min(o.batchSize(), n - start);
                net.fit((m == full.rows ? full : last).fill(x, t, order, start));
            }
            if (!validated) {
                bestEpoch = epoch; // no validation rows: every epoch runs, the last one's parameters are kept
                continue;
            }
            double loss = weightedLogLoss(probabilities(net, valX), tVal, w0, w1);
            if (loss < best - 1e-5) {
                best = loss;
                bestEpoch = epoch;
                bestParams = net.params().dup();
            }
        }
        if (validated) {
            net.setParams(bestParams);
        }
        if (fitOut != null && fitOut.length > 0) {
            fitOut[0] = new Fit(epoch, bestEpoch, best);
        }
        return new Network(List.of(net));
    }

    /**
     * A mini-batch's native matrices, allocated once per training and refilled for every step: a new pair per step
     * (as before) cost more than the step's arithmetic on these small networks.
     */
    private static final class MiniBatch {
        final int rows;
        private final int cols;
        private final float[] features;
        private final float[] targets;
        private final DataSet data;

        MiniBatch(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            this.features = new float[rows * cols];
            this.targets = new float[rows * 2];
            this.data = new DataSet(Nd4j.createUninitialized(DataType.FLOAT, rows, cols),
                    Nd4j.createUninitialized(DataType.FLOAT, rows, 2));
        }

        /** Rows {@code order[start]} … {@code order[start + rows − 1]} of {@code x} and {@code t}. */
        DataSet fill(float[][] x, double[] t, int[] order, int start) {
            for (int k = 0; k < rows; k++) {
                int r = order[start + k];
                System.arraycopy(x[r], 0, features, k * cols, cols);
                targets[k * 2] = (float) (1 - t[r]);
                targets[k * 2 + 1] = (float) t[r];
            }
            copy(features, features.length, data.getFeatures());
            copy(targets, targets.length, data.getLabels());
            return data;
        }
    }

    /** The first {@code length} values of {@code from} into the start of a native matrix, in one copy. */
    private static void copy(float[] from, int length, INDArray to) {
        ((FloatPointer) to.data().pointer()).put(from, 0, length);
    }

    private static double[] targets(boolean[] y) {
        double[] t = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            t[i] = y[i] ? 1 : 0;
        }
        return t;
    }

    private static void shuffle(int[] a, java.util.Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Cross-entropy against targets in [0, 1] (outcomes or a teacher's probabilities), class-weighted. */
    static double weightedLogLoss(double[] p, double[] t, double w0, double w1) {
        double sum = 0;
        double weights = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]));
            sum += w1 * t[i] * -Math.log(q) + w0 * (1 - t[i]) * -Math.log(1 - q);
            weights += w1 * t[i] + w0 * (1 - t[i]);
        }
        return sum / Math.max(1e-12, weights);
    }

    static INDArray matrix(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return Nd4j.create(flat, new long[] {rows.length, cols}, DataType.FLOAT);
    }

    private static double[] probabilities(MultiLayerNetwork net, INDArray x) {
        return net.output(x, false).getColumn(1).toDoubleVector();
    }

    /** The raw probability of "qualified" for each row of a row-major {@code rows × inputs} matrix. */
    public double[] predict(float[] flat, int rows) {
        if (rows == 0) {
            return new double[0];
        }
        INDArray buffer = buffers.poll();
        if (buffer == null || buffer.rows() < rows) {
            buffer = Nd4j.createUninitialized(DataType.FLOAT, rows, inputs);
        }
        try {
            copy(flat, rows * inputs, buffer);
            return predict(buffer.rows() == rows ? buffer
                    : buffer.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()), rows);
        } finally {
            buffers.offer(buffer);
        }
    }

    private double[] predict(INDArray x, int rows) {
        double[] sum = members.get(0).predict(x);
        for (int m = 1; m < members.size(); m++) {
            double[] p = members.get(m).predict(x);
            for (int i = 0; i < rows; i++) {
                sum[i] += p[i];
            }
        }
        if (members.size() > 1) {
            for (int i = 0; i < rows; i++) {
                sum[i] /= members.size();
            }
        }
        return sum;
    }

    /** Each member as written by ModelSerializer. */
    List<byte[]> toBytes() {
        List<byte[]> out = new ArrayList<>();
        for (Member m : members) {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ModelSerializer.writeModel(m.prototype, bytes, false);
                out.add(bytes.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static Network fromBytes(List<byte[]> members) {
        List<MultiLayerNetwork> nets = new ArrayList<>();
        for (byte[] b : members) {
            try {
                nets.add(ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(b), false));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Network(nets);
    }
}
