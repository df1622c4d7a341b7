package dev.earshot.enrich.sentiment;

import java.util.List;
import java.util.Random;

/**
 * Multinomial logistic regression (softmax over classes) on sparse features, trained by stochastic gradient
 * descent with L2 regularisation.
 *
 * <p>Written here rather than taken from a library: the pure-Java options either fit one-vs-rest models only
 * (LIBLINEAR's Java port), or bring a large framework and their own model formats (Smile, Tribuo), while the
 * scorer needs a few hundred sparse multiply-adds per post and a plain, documented model file. The trainer is
 * Bottou's SGD with the weight vector kept as a scale times a vector, so that regularisation costs nothing per
 * step on sparse data, and a learning rate that decays as {@code rate / (1 + rate * l2 * t)}. It is
 * deterministic: one thread, and the visiting order of each epoch comes from a {@link Random} with the given seed.
 *
 * <p>Weights are kept as {@code float}s in {@code [feature * classes + class]} order, so that the classes of one
 * feature share a cache line; a trained model is immutable and thread-safe.
 */
final class LogisticRegression {

    /**
     * How to train.
     *
     * @param epochs passes over the training set
     * @param learningRate the initial step size
     * @param l2 the regularisation strength per example
     * @param seed fixes the visiting order
     * @param balanceClasses weight each example by {@code n / (classes * n_class)}, so that a rare class counts as
     *     much as a common one
     */
    record Training(int epochs, double learningRate, double l2, long seed, boolean balanceClasses) {

        Training {
            if (epochs < 1 || !(learningRate > 0) || !(l2 >= 0)) {
                throw new IllegalArgumentException("epochs >= 1, learningRate > 0 and l2 >= 0 are required, were "
                        + epochs + ", " + learningRate + ", " + l2);
            }
        }
    }

    private static final double RESCALE_BELOW = 1e-6;

    private final int classes;
    private final int dimension;
    private final float[] weights;
    private final float[] bias;

    LogisticRegression(int classes, int dimension, float[] weights, float[] bias) {
        if (weights.length != (long) classes * dimension || bias.length != classes) {
            throw new IllegalArgumentException("expected " + classes + " x " + dimension + " weights and "
                    + classes + " biases, got " + weights.length + " and " + bias.length);
        }
        this.classes = classes;
        this.dimension = dimension;
        this.weights = weights;
        this.bias = bias;
    }

    int classes() {
        return classes;
    }

    int dimension() {
        return dimension;
    }

    /** The weights, {@code [feature * classes + class]}; the caller must not change them. */
    float[] weights() {
        return weights;
    }

    float[] bias() {
        return bias;
    }

    /**
     * The log-linear mix of this model and {@code other}: weights and biases {@code (1 - otherShare) * this +
     * otherShare * other}, whose probabilities are proportional to {@code p^(1 - otherShare) * q^otherShare}. It is
     * one linear model again, so it scores at the cost of either.
     */
    LogisticRegression mixedWith(LogisticRegression other, double otherShare) {
        if (other.classes != classes || other.dimension != dimension) {
            throw new IllegalArgumentException("can only mix models of the same shape, had " + classes + " x "
                    + dimension + " and " + other.classes + " x " + other.dimension);
        }
        float[] mixedWeights = new float[weights.length];
        for (int j = 0; j < weights.length; j++) {
            mixedWeights[j] = (float) ((1 - otherShare) * weights[j] + otherShare * other.weights[j]);
        }
        float[] mixedBias = new float[classes];
        for (int c = 0; c < classes; c++) {
            mixedBias[c] = (float) ((1 - otherShare) * bias[c] + otherShare * other.bias[c]);
        }
        return new LogisticRegression(classes, dimension, mixedWeights, mixedBias);
    }

    /** The probability of each class. */
    double[] probabilities(SparseVector x) {
        double[] scores = new double[classes];
        for (int c = 0; c < classes; c++) {
            scores[c] = bias[c];
        }
        int[] indices = x.indices();
        float[] values = x.values();
        for (int k = 0; k < indices.length; k++) {
            int row = indices[k] * classes;
            float value = values[k];
            for (int c = 0; c < classes; c++) {
                scores[c] += weights[row + c] * value;
            }
        }
        softmaxInPlace(scores);
        return scores;
    }

    static LogisticRegression train(List<SparseVector> examples, int[] labels, int classes, int dimension,
            Training training) {
        int n = examples.size();
        if (n == 0 || labels.length != n) {
            throw new IllegalArgumentException("need at least one example and one label per example, had " + n
                    + " examples and " + labels.length + " labels");
        }
        double[] classWeight = classWeights(labels, classes, training.balanceClasses());
        double[] w = new double[classes * dimension];
        double[] b = new double[classes];
        double scale = 1;
        long step = 0;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(training.seed());
        double[] p = new double[classes];
        for (int epoch = 0; epoch < training.epochs(); epoch++) {
            shuffle(order, random);
            for (int i : order) {
                SparseVector x = examples.get(i);
                double rate = training.learningRate() / (1 + training.learningRate() * training.l2() * step++);
                for (int c = 0; c < classes; c++) {
                    p[c] = 0;
                }
                for (int k = 0; k < x.size(); k++) {
                    int row = x.indices()[k] * classes;
                    for (int c = 0; c < classes; c++) {
                        p[c] += w[row + c] * x.values()[k];
                    }
                }
                for (int c = 0; c < classes; c++) {
                    p[c] = p[c] * scale + b[c];
                }
                softmaxInPlace(p);
                double weight = classWeight[labels[i]];
                scale *= 1 - rate * training.l2();
                if (scale < RESCALE_BELOW) {
                    for (int j = 0; j < w.length; j++) {
                        w[j] *= scale;
                    }
                    scale = 1;
                }
                for (int c = 0; c < classes; c++) {
                    double gradient = weight * (p[c] - (c == labels[i] ? 1 : 0));
                    b[c] -= rate * gradient;
                    double step1 = rate * gradient / scale;
                    for (int k = 0; k < x.size(); k++) {
                        w[x.indices()[k] * classes + c] -= step1 * x.values()[k];
                    }
                }
            }
        }
        float[] weights = new float[w.length];
        for (int j = 0; j < w.length; j++) {
            weights[j] = (float) (w[j] * scale);
        }
        float[] biases = new float[classes];
        for (int c = 0; c < classes; c++) {
            biases[c] = (float) b[c];
        }
        return new LogisticRegression(classes, dimension, weights, biases);
    }

    private static double[] classWeights(int[] labels, int classes, boolean balance) {
        double[] weights = new double[classes];
        java.util.Arrays.fill(weights, 1);
        if (balance) {
            int[] counts = new int[classes];
            for (int label : labels) {
                counts[label]++;
            }
            for (int c = 0; c < classes; c++) {
                weights[c] = counts[c] == 0 ? 0 : (double) labels.length / (classes * counts[c]);
            }
        }
        return weights;
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    private static void softmaxInPlace(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            max = Math.max(max, score);
        }
        double sum = 0;
        for (int c = 0; c < scores.length; c++) {
            scores[c] = Math.exp(scores[c] - max);
            sum += scores[c];
        }
        for (int c = 0; c < scores.length; c++) {
            scores[c] /= sum;
        }
    }
}
