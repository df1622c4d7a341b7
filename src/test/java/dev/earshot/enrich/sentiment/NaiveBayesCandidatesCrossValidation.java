package dev.earshot.enrich.sentiment;

import dev.earshot.eval.ConfusionMatrix;
import dev.earshot.model.SentimentLabel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Chooses the Naive Bayes share of the trained model's log-linear mix by 5-fold cross-validation on the airline
 * set's training split only, on the same folds as {@link SentimentCrossValidation} (the 80% of seed 42, fifths of a
 * seed-7 shuffle; the 20% test split is never read). Candidates, each under every prior correction:
 * <ul>
 *   <li>{@code lr}: the trained model with its defaults but no Naive Bayes share (the model before the mix);</li>
 *   <li>{@code nb}: multinomial Naive Bayes over the model's own (TF-IDF, unit-length) n-gram values;</li>
 *   <li>{@code loglinear}: their log-probabilities averaged with NB's share given: one linear model, which is what
 *       {@link TrainedSentimentScorer} folds into its weights, so it scores at the same cost.</li>
 * </ul>
 * The adoption rule, fixed before the run: the setting with the highest mean macro-F1 is chosen, and is adopted
 * only if it beats {@code lr} at the then-default prior correction 0.3 by more than 0.005. Prints the mean and sd
 * of macro-F1 over the folds and the sd of the per-fold difference to that reference, best first, then the
 * decision. Run it like {@link SentimentCrossValidation}, with this class's name.
 *
 * <p>Tried in the first run of this harness (a coarser grid) and dropped, both below the log-linear mix: averaging
 * the two models' probabilities instead of their log-probabilities, and one-vs-rest NB-weighted logistic
 * regression (Wang and Manning's log-count ratios).
 */
final class NaiveBayesCandidatesCrossValidation {

    private static final int FOLDS = TrainingFolds.FOLDS;
    private static final double[] PRIOR_CORRECTIONS = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7};
    private static final double REFERENCE_CORRECTION = 0.3;
    private static final double ADOPTION_MARGIN = 0.005;
    private static final double[] NB_SMOOTHINGS = {0.01, 0.03, 0.1};
    private static final double[] NB_SHARES = {0.05, 0.1, 0.15, 0.2, 0.25, 0.3};
    private static final int CLASS_COUNT = SentimentLabel.values().length;
    private static final List<String> CLASSES = Arrays.stream(SentimentLabel.values()).map(Enum::name).toList();

    /** One fold's training and held-out rows, its training idf and feature vectors of all rows. */
    private record Fold(int[] train, int[] test, double[] shares, List<SparseVector> vectors, int buckets) {
    }

    /** Each held-out post's log-probabilities (up to a constant per post) under one candidate, by fold. */
    private record Candidate(String name, List<double[][]> logits) {
    }

    private NaiveBayesCandidatesCrossValidation() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, ExecutionException {
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        long start = System.nanoTime();
        TrainingFolds data = TrainingFolds.analyse(Path.of(args[0]), start);
        TrainedSentimentScorer.Training defaults = TrainedSentimentScorer.Training.defaults();
        int[] labels = data.labels();

        List<Fold> folds = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            folds.add(fold(fold, data));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        TrainedSentimentScorer.Training uncorrected = new TrainedSentimentScorer.Training(defaults.epochs(),
                defaults.learningRate(), defaults.l2(), defaults.seed(), defaults.hashBits(), 0,
                defaults.lexiconScale(), 0, defaults.nbSmoothing());
        List<Future<double[][]>> lrFutures = new ArrayList<>();
        for (Fold fold : folds) {
            lrFutures.add(pool.submit(() -> defaultsLogits(fold, uncorrected, data)));
        }
        List<Candidate> candidates = new ArrayList<>();
        List<double[][]> lr = collect(lrFutures);
        pool.shutdown();
        candidates.add(new Candidate("lr", lr));
        for (double smoothing : NB_SMOOTHINGS) {
            List<double[][]> nb = folds.stream().map(fold -> naiveBayesLogits(fold, labels, smoothing)).toList();
            candidates.add(new Candidate(label("nb a=%s", smoothing), nb));
            for (double share : NB_SHARES) {
                candidates.add(new Candidate(label("loglinear a=%s nb=%s", smoothing, share),
                        combine(lr, nb, (p, q) -> (1 - share) * p + share * q)));
            }
        }

        double[] reference = foldF1(candidates.get(0), folds, REFERENCE_CORRECTION, labels);
        List<String> lines = new ArrayList<>();
        double bestMean = Double.NEGATIVE_INFINITY;
        String best = "";
        for (Candidate candidate : candidates) {
            for (double correction : PRIOR_CORRECTIONS) {
                double[] f1 = foldF1(candidate, folds, correction, labels);
                double[] difference = IntStream.range(0, FOLDS).mapToDouble(k -> f1[k] - reference[k]).toArray();
                String line = String.format(Locale.ROOT, "%-32s %15.1f %14.4f %8.4f %+10.4f %8.4f",
                        candidate.name(), correction, mean(f1), sd(f1), mean(difference), sd(difference));
                lines.add(line);
                if (mean(f1) > bestMean) {
                    bestMean = mean(f1);
                    best = line;
                }
            }
        }
        System.out.println("candidate                        priorCorrection  mean macro-F1  fold sd  vs lr 0.3"
                + "   diff sd");
        lines.stream().sorted(Comparator.comparing((String line) -> line.substring(49, 63)).reversed())
                .forEach(System.out::println);
        double gain = bestMean - mean(reference);
        System.out.printf(Locale.ROOT, "Chosen: %s%n%s: it beats lr at %.1f by %+.4f, %s the margin %.3f%n", best,
                gain > ADOPTION_MARGIN ? "ADOPT" : "KEEP the current model", REFERENCE_CORRECTION, gain,
                gain > ADOPTION_MARGIN ? "over" : "not over", ADOPTION_MARGIN);
        System.out.printf(Locale.ROOT, "Total %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static String label(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }

    private static List<double[][]> collect(List<Future<double[][]>> futures)
            throws InterruptedException, ExecutionException {
        List<double[][]> results = new ArrayList<>();
        for (Future<double[][]> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    /** Each class's log-probability under the mixture of two candidates, class by class. */
    private static List<double[][]> combine(List<double[][]> first, List<double[][]> second, ClassMixer mixer) {
        List<double[][]> combined = new ArrayList<>();
        for (int f = 0; f < first.size(); f++) {
            double[][] a = first.get(f);
            double[][] b = second.get(f);
            double[][] out = new double[a.length][CLASS_COUNT];
            for (int k = 0; k < a.length; k++) {
                double[] pa = softmaxAll(a[k]);
                double[] pb = softmaxAll(b[k]);
                for (int c = 0; c < CLASS_COUNT; c++) {
                    out[k][c] = mixer.mix(Math.log(pa[c]), Math.log(pb[c]));
                }
            }
            combined.add(out);
        }
        return combined;
    }

    /** Combines one class's log-probabilities under the two models. */
    private interface ClassMixer {
        double mix(double lrLogProbability, double nbLogProbability);
    }

    private static Fold fold(int fold, TrainingFolds data) {
        SentimentFeatures features = data.features();
        List<Integer> train = data.trainingRows(fold);
        int[] documentFrequency = new int[features.buckets()];
        for (int i : train) {
            for (int bucket : data.counts().get(i).wordBuckets()) {
                documentFrequency[bucket]++;
            }
            for (int bucket : data.counts().get(i).charBuckets()) {
                documentFrequency[bucket]++;
            }
        }
        float[] idf = SentimentFeatures.idf(documentFrequency, train.size());
        List<SparseVector> vectors = IntStream.range(0, data.labels().length)
                .mapToObj(i -> features.vector(data.counts().get(i), idf, data.lexiconScores().get(i))).toList();
        int[] trainRows = train.stream().mapToInt(Integer::intValue).toArray();
        return new Fold(trainRows, data.heldOutRows(fold).stream().mapToInt(Integer::intValue).toArray(),
                TrainedSentimentScorer.classShares(Arrays.stream(trainRows).map(i -> data.labels()[i]).toArray(),
                        CLASS_COUNT),
                vectors, features.buckets());
    }

    private static double[][] defaultsLogits(Fold fold, TrainedSentimentScorer.Training training,
            TrainingFolds data) {
        TrainedSentimentScorer scorer = TrainedSentimentScorer.train(
                Arrays.stream(fold.train()).mapToObj(data.counts()::get).toList(),
                Arrays.stream(fold.train()).mapToObj(data.lexiconScores()::get).toList(),
                Arrays.stream(fold.train()).mapToObj(i -> SentimentLabel.values()[data.labels()[i]]).toList(),
                training);
        return Arrays.stream(fold.test()).mapToObj(i -> logs(scorer.probabilities(data.texts().get(i))))
                .toArray(double[][]::new);
    }

    private static double[] logs(double[] probabilities) {
        return Arrays.stream(probabilities).map(Math::log).toArray();
    }

    /** Multinomial NB over the n-gram buckets (not the lexicon features, which can be negative). */
    private static double[][] naiveBayesLogits(Fold fold, int[] labels, double smoothing) {
        LogisticRegression nb = NaiveBayes.train(
                Arrays.stream(fold.train()).mapToObj(fold.vectors()::get).toList(),
                Arrays.stream(fold.train()).map(i -> labels[i]).toArray(), CLASS_COUNT, fold.buckets(),
                fold.buckets() + SentimentFeatures.LEXICON_FEATURES, smoothing);
        return Arrays.stream(fold.test()).mapToObj(i -> logs(nb.probabilities(fold.vectors().get(i))))
                .toArray(double[][]::new);
    }

    private static double[] foldF1(Candidate candidate, List<Fold> folds, double correction, int[] labels) {
        double[] f1 = new double[FOLDS];
        for (int f = 0; f < FOLDS; f++) {
            ConfusionMatrix matrix = new ConfusionMatrix(CLASSES);
            Fold fold = folds.get(f);
            double[][] logits = candidate.logits().get(f);
            for (int k = 0; k < fold.test().length; k++) {
                int predicted = TrainingFolds.correctedClass(logits[k], correction, fold.shares());
                matrix.add(CLASSES.get(labels[fold.test()[k]]), CLASSES.get(predicted));
            }
            f1[f] = matrix.macroF1();
        }
        return f1;
    }

    private static double[] softmaxAll(double[] logits) {
        double max = Arrays.stream(logits).max().orElseThrow();
        double[] p = Arrays.stream(logits).map(z -> Math.exp(z - max)).toArray();
        double sum = Arrays.stream(p).sum();
        return Arrays.stream(p).map(x -> x / sum).toArray();
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double sd(double[] values) {
        double mean = mean(values);
        return Math.sqrt(Arrays.stream(values).map(x -> (x - mean) * (x - mean)).sum() / (values.length - 1));
    }
}
