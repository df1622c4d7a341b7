package dev.earshot.enrich.sentiment;

import dev.earshot.eval.ConfusionMatrix;
import dev.earshot.eval.HoldOut;
import dev.earshot.eval.LabelledCsv;
import dev.earshot.eval.LabelledText;
import dev.earshot.model.Sentiment;
import dev.earshot.model.SentimentLabel;
import dev.earshot.text.AnalyzedText;
import dev.earshot.text.CoreNlpTextAnalyzer;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    private static final int FOLDS = 5;
    private static final long SPLIT_SEED = 42;
    private static final long FOLD_SEED = 7;
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
        List<LabelledText> rows;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            rows = LabelledCsv.readWithHeader(in, "text", "airline_sentiment");
        }
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<Integer> trainingSplit = HoldOut.split(IntStream.range(0, rows.size()).boxed().toList(), 0.8, SPLIT_SEED)
                .train();
        List<LabelledText> posts = HoldOut.shuffled(trainingSplit, FOLD_SEED).stream().map(rows::get).toList();
        long start = System.nanoTime();
        List<AnalyzedText> texts = posts.stream().map(post -> CoreNlpTextAnalyzer.shared().analyze(post.text()))
                .toList();
        TrainedSentimentScorer.Training defaults = TrainedSentimentScorer.Training.defaults();
        SentimentFeatures features = new SentimentFeatures(defaults.hashBits(), 2, 5);
        SocialSentimentScorer lexicon = SocialSentimentScorer.create();
        List<SentimentFeatures.Counts> counts = texts.stream().map(features::counts).toList();
        List<Sentiment> lexiconScores = texts.stream().map(lexicon::score).toList();
        int[] labels = posts.stream().mapToInt(post -> post.label().ordinal()).toArray();
        System.out.printf(Locale.ROOT, "%,d training-split posts analysed in %.0f s; %d folds%n", posts.size(),
                (System.nanoTime() - start) / 1e9, FOLDS);

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
                        futures.add(pool.submit(() -> trainAndScore(uncorrected, heldOut, counts, lexiconScores,
                                labels, texts)));
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
                double[] f1 = folds.stream().mapToDouble(fold -> macroF1(fold, correction, labels)).toArray();
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
            List<SentimentFeatures.Counts> counts, List<Sentiment> lexiconScores, int[] labels,
            List<AnalyzedText> texts) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            (foldOf(i, labels.length) == fold ? test : train).add(i);
        }
        int[] trainLabels = train.stream().mapToInt(i -> labels[i]).toArray();
        TrainedSentimentScorer scorer = TrainedSentimentScorer.train(train.stream().map(counts::get).toList(),
                train.stream().map(lexiconScores::get).toList(),
                train.stream().map(i -> SentimentLabel.values()[labels[i]]).toList(), training);
        double[][] probabilities = test.stream().map(i -> scorer.probabilities(texts.get(i)))
                .toArray(double[][]::new);
        return new FoldResult(test.stream().mapToInt(Integer::intValue).toArray(), probabilities,
                TrainedSentimentScorer.classShares(trainLabels, CLASSES.size()));
    }

    /** Contiguous fifths of the shuffled training split. */
    private static int foldOf(int post, int posts) {
        return (int) ((long) post * FOLDS / posts);
    }

    /** Macro-F1 of the labels the model would give with this prior correction folded into its biases. */
    private static double macroF1(FoldResult fold, double correction, int[] labels) {
        ConfusionMatrix matrix = new ConfusionMatrix(CLASSES);
        for (int k = 0; k < fold.rows().length; k++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CLASSES.size(); c++) {
                double score = Math.log(fold.probabilities()[k][c]) - correction * Math.log(fold.shares()[c]);
                if (score > bestScore) {
                    best = c;
                    bestScore = score;
                }
            }
            matrix.add(CLASSES.get(labels[fold.rows()[k]]), CLASSES.get(best));
        }
        return matrix.macroF1();
    }
}
