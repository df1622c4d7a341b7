package dev.earshot.enrich.sentiment;

import java.util.List;

/**
 * Multinomial Naive Bayes over the hashed n-gram buckets of {@link SentimentFeatures} vectors, for
 * {@link NaiveBayesCandidatesCrossValidation}. Only the first {@code buckets}
 * features count (the lexicon features after them can be negative); a bucket no training post had carries no
 * evidence either way, as a word outside a vocabulary would not.
 */
final class NaiveBayes {

    private final int classes;
    private final int buckets;
    private final float[] logLikelihoods;
    private final double[] logPriors;

    private NaiveBayes(int classes, int buckets, float[] logLikelihoods, double[] logPriors) {
        this.classes = classes;
        this.buckets = buckets;
        this.logLikelihoods = logLikelihoods;
        this.logPriors = logPriors;
    }

    /**
     * Fits {@code P(bucket | class)} as the class's share of each seen bucket's feature mass, each seen bucket
     * given {@code smoothing} extra.
     */
    static NaiveBayes train(List<SparseVector> examples, int[] labels, int classes, int buckets, double smoothing) {
        if (examples.size() != labels.length || examples.isEmpty() || !(smoothing > 0)) {
            throw new IllegalArgumentException("need one label per example, at least one example and smoothing > 0");
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
        float[] logLikelihoods = new float[buckets * classes];
        for (int bucket = 0; bucket < buckets; bucket++) {
            if (seen[bucket]) {
                for (int c = 0; c < classes; c++) {
                    logLikelihoods[bucket * classes + c] =
                            (float) Math.log((mass[bucket * classes + c] + smoothing) / totals[c]);
                }
            }
        }
        double[] logPriors = new double[classes];
        for (int c = 0; c < classes; c++) {
            logPriors[c] = Math.log((posts[c] + 1.0) / (labels.length + classes));
        }
        return new NaiveBayes(classes, buckets, logLikelihoods, logPriors);
    }

    /** Each class's log joint probability with the post, up to a constant shared by the classes. */
    double[] logits(SparseVector x) {
        double[] scores = logPriors.clone();
        for (int k = 0; k < x.size(); k++) {
            int bucket = x.indices()[k];
            if (bucket < buckets) {
                for (int c = 0; c < classes; c++) {
                    scores[c] += x.values()[k] * logLikelihoods[bucket * classes + c];
                }
            }
        }
        return scores;
    }
}
