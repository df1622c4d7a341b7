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
 * Labelled posts in a seed-7 shuffle as the cross-validation harnesses see them, analysed once, with the default
 * model's feature counts, the lexicon's scores and the gold labels (ordinals) of every post, cut into
 * {@link #FOLDS} contiguous folds. For {@link SentimentCrossValidation} and
 * {@link NaiveBayesCandidatesCrossValidation} the posts are the airline set's training split, the 80% that
 * {@code earshot eval sentiment} trains on (seed 42); for {@link GeneralTweetsCrossValidation}, VADER's rated tweets.
 */
record TrainingFolds(List<AnalyzedText> texts, SentimentFeatures features,
        List<SentimentFeatures.Counts> counts, List<Sentiment> lexiconScores, int[] labels) {

    static final int FOLDS = 5;
    private static final long SPLIT_SEED = 42;
    private static final long FOLD_SEED = 7;

    /** Reads the airline CSV and analyses its training split, printing how long that took since {@code start}. */
    static TrainingFolds analyse(Path csv, long start) throws IOException {
        List<LabelledText> rows;
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            rows = LabelledCsv.readWithHeader(in, "text", "airline_sentiment");
        }
        List<Integer> trainingSplit = HoldOut.split(IntStream.range(0, rows.size()).boxed().toList(), 0.8, SPLIT_SEED)
                .train();
        return analyse(trainingSplit.stream().map(rows::get).toList(), "training-split", start);
    }

    /** Shuffles and analyses the posts, printing how long that took since {@code start}. */
    static TrainingFolds analyse(List<LabelledText> rows, String what, long start) {
        List<LabelledText> posts = HoldOut.shuffled(rows, FOLD_SEED);
        List<AnalyzedText> texts = posts.stream().map(post -> CoreNlpTextAnalyzer.shared().analyze(post.text()))
                .toList();
        SentimentFeatures features = new SentimentFeatures(TrainedSentimentScorer.Training.defaults().hashBits(), 2,
                5);
        SocialSentimentScorer lexicon = SocialSentimentScorer.create();
        List<SentimentFeatures.Counts> counts = texts.stream().map(features::counts).toList();
        List<Sentiment> lexiconScores = texts.stream().map(lexicon::score).toList();
        int[] labels = posts.stream().mapToInt(post -> post.label().ordinal()).toArray();
        System.out.printf(Locale.ROOT, "%,d %s posts analysed in %.0f s; %d folds%n", posts.size(), what,
                (System.nanoTime() - start) / 1e9, FOLDS);
        return new TrainingFolds(texts, features, counts, lexiconScores, labels);
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
