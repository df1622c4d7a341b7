package dev.earshot.enrich.sentiment;

import dev.earshot.eval.HoldOut;
import dev.earshot.eval.LabelledCsv;
import dev.earshot.eval.LabelledText;
import dev.earshot.model.Sentiment;
import dev.earshot.text.AnalyzedText;
import dev.earshot.text.CoreNlpTextAnalyzer;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The airline set's training split as both cross-validation harnesses ({@link SentimentCrossValidation},
 * {@link NaiveBayesCandidatesCrossValidation}) see it: the 80% that {@code earshot eval sentiment} trains on (seed
 * 42) in a seed-7 shuffle, analysed once, with the default model's feature counts, the lexicon's scores and the
 * gold labels (ordinals) of every post, cut into {@link #FOLDS} contiguous folds.
 */
record AirlineTrainingFolds(List<AnalyzedText> texts, SentimentFeatures features,
        List<SentimentFeatures.Counts> counts, List<Sentiment> lexiconScores, int[] labels) {

    static final int FOLDS = 5;
    private static final long SPLIT_SEED = 42;
    private static final long FOLD_SEED = 7;

    /** Reads the airline CSV and analyses its training split, printing how long that took since {@code start}. */
    static AirlineTrainingFolds analyse(Path csv, long start) throws IOException {
        List<LabelledText> rows;
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            rows = LabelledCsv.readWithHeader(in, "text", "airline_sentiment");
        }
        List<Integer> trainingSplit = HoldOut.split(IntStream.range(0, rows.size()).boxed().toList(), 0.8, SPLIT_SEED)
                .train();
        List<LabelledText> posts = HoldOut.shuffled(trainingSplit, FOLD_SEED).stream().map(rows::get).toList();
        List<AnalyzedText> texts = posts.stream().map(post -> CoreNlpTextAnalyzer.shared().analyze(post.text()))
                .toList();
        SentimentFeatures features = new SentimentFeatures(TrainedSentimentScorer.Training.defaults().hashBits(), 2,
                5);
        SocialSentimentScorer lexicon = SocialSentimentScorer.create();
        List<SentimentFeatures.Counts> counts = texts.stream().map(features::counts).toList();
        List<Sentiment> lexiconScores = texts.stream().map(lexicon::score).toList();
        int[] labels = posts.stream().mapToInt(post -> post.label().ordinal()).toArray();
        System.out.printf(Locale.ROOT, "%,d training-split posts analysed in %.0f s; %d folds%n", posts.size(),
                (System.nanoTime() - start) / 1e9, FOLDS);
        return new AirlineTrainingFolds(texts, features, counts, lexiconScores, labels);
    }

    /** The post indices outside fold {@code fold}, to train on. */
    List<Integer> trainingRows(int fold) {
        return IntStream.range(0, labels.length).filter(i -> foldOf(i) != fold).boxed().toList();
    }

    /** The post indices of fold {@code fold}, held out. */
    List<Integer> heldOutRows(int fold) {
        return IntStream.range(0, labels.length).filter(i -> foldOf(i) == fold).boxed().toList();
    }

    /** Contiguous fifths of the shuffled training split. */
    private int foldOf(int post) {
        return (int) ((long) post * FOLDS / labels.length);
    }

    /**
     * The class a model would give with this prior correction folded into its biases: the highest log-probability
     * less {@code correction} times the log of the class's share of the training posts.
     */
    static int correctedClass(double[] logProbabilities, double correction, double[] shares) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < logProbabilities.length; c++) {
            double score = logProbabilities[c] - correction * Math.log(shares[c]);
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }
}
