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
 * Chooses the regression's settings in {@link TrainedSentimentScorer.Training#defaults()} (Naive Bayes share 0; see
 * {@link NaiveBayesCandidatesCrossValidation} for the share) by 5-fold cross-validation on the airline set's
 * training split only: the 80% that {@code earshot eval sentiment} trains on (seed 42), cut into fifths of a seed-7
 * shuffle. The 20% test split is never read. Prints the mean and sd of macro-F1 over the folds for every setting of
 * the grid, best first. Not a test (it needs the shared data set and minutes); run it by hand:
 *
 * <pre>
 * ./mvnw -B -q -o -pl src test-compile
 * java -Xmx3g -cp src/target/classes:src/target/test-classes:$(cat flink-jobs/target/runtime-classpath.txt) \
 *     dev.earshot.enrich.sentiment.SentimentCrossValidation /work/shared/data/airline-tweets/Tweets.csv [threads]
 * </pre>
 *
 * The prior correction only moves the biases after training, so each model is trained once without it and every
 * correction is applied to its probabilities: the same labels as training with that correction.
 */
final class SentimentCrossValidation {

    private static final int FOLDS = TrainingFolds.FOLDS;
    private static final double[] PRIOR_CORRECTIONS = {0.3, 0.4, 0.5, 0.6};
    private static final double[] L2S = {1e-5, 3e-5, 1e-4};
    private static final int[] EPOCHS = {20, 30, 40};
    private static final double[] LEXICON_SCALES = {1, 2, 4};
    private static final List<String> CLASSES = Arrays.stream(SentimentLabel.values()).map(Enum::name).toList();

    /** One trained model's probabilities on its held-out fold, and the class shares of its training folds. */
    private record FoldResult(int[] rows, double[][] probabilities, double[] shares) {
    }

    private record Setting(double priorCorrection, double l2, int epochs, double lexiconScale) {
    }

    private SentimentCrossValidation() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, ExecutionException {
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        long start = System.nanoTime();
        TrainingFolds data = TrainingFolds.analyse(Path.of(args[0]), start);
        TrainedSentimentScorer.Training defaults = TrainedSentimentScorer.Training.defaults();

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<FoldResult>> futures = new ArrayList<>();
        List<TrainedSentimentScorer.Training> trainings = new ArrayList<>();
        for (double scale : LEXICON_SCALES) {
            for (double l2 : L2S) {
                for (int epochs : EPOCHS) {
                    // The regression alone, as when these settings were chosen; NaiveBayesCandidatesCrossValidation
                    // then chose the Naive Bayes share on top.
                    TrainedSentimentScorer.Training uncorrected = new TrainedSentimentScorer.Training(epochs,
                            defaults.learningRate(), l2, defaults.seed(), defaults.hashBits(), 0, scale, 0,
                            defaults.nbSmoothing());
                    trainings.add(uncorrected);
                    for (int fold = 0; fold < FOLDS; fold++) {
                        int heldOut = fold;
                        futures.add(pool.submit(() -> trainAndScore(uncorrected, heldOut, data)));
                    }
                }
            }
        }
        List<String> lines = new ArrayList<>();
        List<double[]> means = new ArrayList<>();
        List<Setting> settings = new ArrayList<>();
        for (int t = 0; t < trainings.size(); t++) {
            List<FoldResult> folds = new ArrayList<>();
            for (int fold = 0; fold < FOLDS; fold++) {
                folds.add(futures.get(t * FOLDS + fold).get());
            }
            TrainedSentimentScorer.Training training = trainings.get(t);
            for (double correction : PRIOR_CORRECTIONS) {
                double[] f1 = folds.stream().mapToDouble(fold -> macroF1(fold, correction, data.labels())).toArray();
                double mean = Arrays.stream(f1).average().orElseThrow();
                double sd = Math.sqrt(Arrays.stream(f1).map(x -> (x - mean) * (x - mean)).sum() / (f1.length - 1));
                settings.add(new Setting(correction, training.l2(), training.epochs(), training.lexiconScale()));
                means.add(new double[] {mean, sd});
            }
            System.out.printf(Locale.ROOT, "  trained %d/%d settings (%.0f s)%n", t + 1, trainings.size(),
                    (System.nanoTime() - start) / 1e9);
        }
        pool.shutdown();
        Integer[] order = IntStream.range(0, settings.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -means.get(i)[0]));
        System.out.println("priorCorrection     l2 epochs lexiconScale  mean macro-F1  fold sd");
        for (int i : order) {
            Setting s = settings.get(i);
            lines.add(String.format(Locale.ROOT, "%15.1f %6.0e %6d %12.0f %14.4f %8.4f", s.priorCorrection(), s.l2(),
                    s.epochs(), s.lexiconScale(), means.get(i)[0], means.get(i)[1]));
        }
        lines.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "Total %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static FoldResult trainAndScore(TrainedSentimentScorer.Training training, int fold,
            TrainingFolds data) {
        List<Integer> train = data.trainingRows(fold);
        List<Integer> test = data.heldOutRows(fold);
        int[] labels = data.labels();
        int[] trainLabels = train.stream().mapToInt(i -> labels[i]).toArray();
        TrainedSentimentScorer scorer = TrainedSentimentScorer.train(train.stream().map(data.counts()::get).toList(),
                train.stream().map(data.lexiconScores()::get).toList(),
                train.stream().map(i -> SentimentLabel.values()[labels[i]]).toList(), training);
        double[][] probabilities = test.stream().map(i -> scorer.probabilities(data.texts().get(i)))
                .toArray(double[][]::new);
        return new FoldResult(test.stream().mapToInt(Integer::intValue).toArray(), probabilities,
                TrainedSentimentScorer.classShares(trainLabels, CLASSES.size()));
    }

    /** Macro-F1 of the labels the model would give with this prior correction folded into its biases. */
    private static double macroF1(FoldResult fold, double correction, int[] labels) {
        ConfusionMatrix matrix = new ConfusionMatrix(CLASSES);
        for (int k = 0; k < fold.rows().length; k++) {
            double[] logProbabilities = Arrays.stream(fold.probabilities()[k]).map(Math::log).toArray();
            int predicted = TrainingFolds.correctedClass(logProbabilities, correction, fold.shares());
            matrix.add(CLASSES.get(labels[fold.rows()[k]]), CLASSES.get(predicted));
        }
        return matrix.macroF1();
    }
}
