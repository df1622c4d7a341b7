package dev.earshot.enrich.sentiment;

import java.util.List;

/**
 * Multinomial Naive Bayes over the hashed n-gram buckets of {@link SentimentFeatures} vectors, fitted in one pass
 * and returned in the linear form that {@link TrainedSentimentScorer} mixes with its logistic regression. Only the
 * first {@code buckets} features count (the lexicon features after them can be negative); a bucket no training
 * post had carries no evidence either way, as a word outside a vocabulary would not.
 */
final class NaiveBayes {

    private NaiveBayes() {
    }

    /**
     * Fits {@code P(bucket | class)} as the class's share of each seen bucket's feature mass, each seen bucket
     * given {@code smoothing} extra, and the class priors smoothed by one post per class. Returns them as a linear
     * model of the same shape as the logistic regression: weight {@code ln P(bucket | class)}, bias
     * {@code ln P(class)}, zero for the features from {@code buckets} on, so that its softmax is the NB posterior.
     */
    static LogisticRegression train(List<SparseVector> examples, int[] labels, int classes, int buckets,
            int dimension, double smoothing) {
        if (examples.size() != labels.length || examples.isEmpty() || !(smoothing > 0) || buckets > dimension) {
            throw new IllegalArgumentException("need one label per example, at least one example, smoothing > 0 "
                    + "and buckets <= dimension");
        }
        double[] mass = new double[buckets * classes];
        boolean[] seen = new boolean[buckets];
        int[] posts = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            posts[labels[i]]++;
            SparseVector x = examples.get(i);
            for (int k = 0; k < x.size(); k++) {
                int bucket = x.indices()[k];
                if (bucket < buckets && x.values()[k] > 0) {
                    mass[bucket * classes + labels[i]] += x.values()[k];
                    seen[bucket] = true;
                }
            }
        }
        double[] totals = new double[classes];
        for (int bucket = 0; bucket < buckets; bucket++) {
            if (seen[bucket]) {
                for (int c = 0; c < classes; c++) {
                    totals[c] += mass[bucket * classes + c] + smoothing;
                }
            }
        }
        float[] logLikelihoods = new float[dimension * classes];
        for (int bucket = 0; bucket < buckets; bucket++) {
            if (seen[bucket]) {
                for (int c = 0; c < classes; c++) {
                    logLikelihoods[bucket * classes + c] =
                            (float) Math.log((mass[bucket * classes + c] + smoothing) / totals[c]);
                }
            }
        }
        float[] logPriors = new float[classes];
        for (int c = 0; c < classes; c++) {
            logPriors[c] = (float) Math.log((posts[c] + 1.0) / (labels.length + classes));
        }
        return new LogisticRegression(classes, dimension, logLikelihoods, logPriors);
    }
}
