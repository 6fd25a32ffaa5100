package dev.warden.scan.ml;

import dev.warden.scan.DataClass;
import java.util.List;
import java.util.Random;

/**
 * Trains a {@link LinearHead} by mini-batch gradient descent on the L2-regularised, class-balanced
 * cross-entropy of a logistic regression.
 *
 * <p>Features are centred and scaled while training (mean 0 per dimension, mean variance 1 over
 * the dimensions, from the training set; one scale for all, so a dimension that hardly varies in
 * the training texts is not blown up), and the learned weights are folded back so the head reads
 * raw embeddings. Targets are
 * in 0..1, so graded labels (a toxicity of 0.7) train as soft targets. Positives and negatives
 * weigh the same in total whatever their counts. Weights start at zero; the only randomness is the
 * order of the examples in each epoch, drawn from the {@link Random} passed in: the same data and
 * seed give the same head, bit for bit.
 *
 * @param l2           strength of the L2 penalty on the weights of the scaled features
 * @param epochs       passes over the data
 * @param learningRate step size of the first epoch (decays as {@code 1 / (1 + epoch / 50)})
 * @param batchSize    examples per step
 */
public record HeadTrainer(double l2, int epochs, double learningRate, int batchSize) {

    /** Validates the settings. */
    public HeadTrainer {
        if (!(l2 >= 0) || epochs < 1 || !(learningRate > 0) || batchSize < 1) {
            throw new IllegalArgumentException("bad trainer settings");
        }
    }

    /** The settings TrainHead uses, with the given L2 strength. */
    public static HeadTrainer withL2(double l2) {
        return new HeadTrainer(l2, 300, 0.1, 16);
    }

    /**
     * Fits a head.
     *
     * @param dataClass what the head scores
     * @param x         one feature vector per example, all of one length
     * @param y         target per example, in 0..1; at least one above and one below 0.5
     * @param threshold the reporting threshold stored in the head
     * @param random    orders the examples; its state advances
     */
    public LinearHead fit(DataClass dataClass, List<float[]> x, double[] y, double threshold, Random random) {
        int n = x.size();
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException("need as many targets as examples, and some examples");
        }
        int d = x.get(0).length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (float[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("examples of different lengths");
            }
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                std[j] += c * c;
            }
        }
        // one scale for all dimensions (the root of their mean variance): a dimension that hardly
        // varies in the training texts is not blown up, so texts unlike them cannot swing the score
        double meanVariance = 0;
        for (int j = 0; j < d; j++) {
            meanVariance += std[j] / n / d;
        }
        java.util.Arrays.fill(std, Math.max(Math.sqrt(meanVariance), 1e-6));
        double[][] z = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x.get(i)[j] - mean[j]) / std[j];
            }
        }
        double positive = 0;
        for (double t : y) {
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("target outside 0..1: " + t);
            }
            positive += t;
        }
        double negative = n - positive;
        if (positive <= 0 || negative <= 0) {
            throw new IllegalArgumentException("need both positive and negative examples");
        }
        double posWeight = n / (2 * positive);
        double negWeight = n / (2 * negative);

        double[] w = new double[d];
        double b = 0;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] grad = new double[d];
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, random);
            double rate = learningRate / (1 + epoch / 50.0);
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                java.util.Arrays.fill(grad, 0);
                double gradB = 0;
                for (int k = from; k < to; k++) {
                    int i = order[k];
                    double s = b;
                    for (int j = 0; j < d; j++) {
                        s += w[j] * z[i][j];
                    }
                    double p = LinearHead.sigmoid(s);
                    // d(loss)/d(s) of  -(a y log p + c (1 - y) log(1 - p))
                    double g = posWeight * y[i] * (p - 1) + negWeight * (1 - y[i]) * p;
                    for (int j = 0; j < d; j++) {
                        grad[j] += g * z[i][j];
                    }
                    gradB += g;
                }
                int m = to - from;
                for (int j = 0; j < d; j++) {
                    w[j] -= rate * (grad[j] / m + l2 * w[j]);
                }
                b -= rate * gradB / m;
            }
        }
        double[] raw = new double[d];
        double rawBias = b;
        for (int j = 0; j < d; j++) {
            raw[j] = w[j] / std[j];
            rawBias -= w[j] * mean[j] / std[j];
        }
        return new LinearHead(dataClass, raw, rawBias, threshold);
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[k];
            order[k] = t;
        }
    }
}
