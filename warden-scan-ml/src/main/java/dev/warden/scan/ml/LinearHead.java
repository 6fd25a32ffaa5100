package dev.warden.scan.ml;

import dev.warden.scan.DataClass;
import java.util.Arrays;
import java.util.Objects;

/**
 * A logistic-regression head over an embedding: {@code p = sigmoid(w . x + b)}, the probability
 * that a text window is of {@link #dataClass()}.
 *
 * <p>Immutable; the weight array is copied in and out.
 */
public final class LinearHead {
    private final DataClass dataClass;
    private final double[] weights;
    private final double bias;
    private final double threshold;

    /**
     * @param dataClass what the head scores
     * @param weights   one weight per embedding dimension
     * @param bias      the intercept
     * @param threshold the score from which a text is reported by default (in 0..1)
     */
    public LinearHead(DataClass dataClass, double[] weights, double bias, double threshold) {
        this.dataClass = Objects.requireNonNull(dataClass, "dataClass");
        this.weights = weights.clone();
        this.bias = bias;
        this.threshold = threshold;
        for (double w : this.weights) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("weight not finite");
            }
        }
        if (!Double.isFinite(bias) || !(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("bad bias or threshold: " + bias + ", " + threshold);
        }
    }

    /** What the head scores. */
    public DataClass dataClass() {
        return dataClass;
    }

    /** A copy of the weights. */
    public double[] weights() {
        return weights.clone();
    }

    /** Number of weights (the embedding dimension it reads). */
    public int dimension() {
        return weights.length;
    }

    /** The intercept. */
    public double bias() {
        return bias;
    }

    /** The default reporting threshold. */
    public double threshold() {
        return threshold;
    }

    /** This head with another reporting threshold. */
    public LinearHead withThreshold(double newThreshold) {
        return new LinearHead(dataClass, weights, bias, newThreshold);
    }

    /** The probability for one embedding of {@link #dimension()} values. */
    public double probability(float[] embedding) {
        if (embedding.length != weights.length) {
            throw new IllegalArgumentException("embedding has " + embedding.length + " values, head reads " + weights.length);
        }
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * embedding[i];
        }
        return sigmoid(z);
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearHead h && h.dataClass == dataClass && Arrays.equals(h.weights, weights)
                && Double.compare(h.bias, bias) == 0 && Double.compare(h.threshold, threshold) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataClass, Arrays.hashCode(weights), bias, threshold);
    }

    @Override
    public String toString() {
        return "LinearHead[" + dataClass.id() + ", dim=" + weights.length + ", bias=" + bias + ", threshold=" + threshold + "]";
    }
}
