package dev.earshot.enrich.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.earshot.model.Sentiment;
import dev.earshot.model.SentimentLabel;
import dev.earshot.text.AnalyzedText;
import dev.earshot.text.CoreNlpTextAnalyzer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrainedSentimentScorerTest {

    private static final SentimentLabel NEG = SentimentLabel.NEGATIVE;
    private static final SentimentLabel NEU = SentimentLabel.NEUTRAL;
    private static final SentimentLabel POS = SentimentLabel.POSITIVE;

    /** Hand-written posts whose classes are told apart by their words. */
    private static final List<String> TEXTS = List.of(
            "@FlyHigh flight 22 delayed again, bags lost",
            "@FlyHigh bags lost and the flight cancelled",
            "four hours delayed, nobody at the desk #fail",
            "cancelled flight and lost bags, on hold forever",
            "@FlyHigh what time does boarding start for flight 22",
            "@FlyHigh which gate does flight 9 leave from",
            "does the lounge open at six",
            "what time is check in for flight 9",
            "@FlyHigh thanks, lovely crew and a smooth flight",
            "lovely crew, thanks for the upgrade",
            "smooth landing, thanks team #lovely",
            "thanks for the lovely service today");
    private static final List<SentimentLabel> LABELS = List.of(NEG, NEG, NEG, NEG, NEU, NEU, NEU, NEU, POS, POS,
            POS, POS);
    private static final TrainedSentimentScorer.Training TRAINING = training(0.5, 1, 0.15);

    /** Training for the hand-written posts (20 epochs, learning rate 0.3, l2 1e-5, seed 42, 2^16 buckets). */
    private static TrainedSentimentScorer.Training training(double priorCorrection, double lexiconScale,
            double nbShare) {
        return new TrainedSentimentScorer.Training(20, 0.3, 1e-5, 42, 16, priorCorrection, lexiconScale, nbShare,
                0.1);
    }

    private static List<AnalyzedText> analyze(List<String> texts) {
        return texts.stream().map(CoreNlpTextAnalyzer.shared()::analyze).toList();
    }

    private static AnalyzedText analyze(String text) {
        return CoreNlpTextAnalyzer.shared().analyze(text);
    }

    @Test
    void learnsSeparableClasses() {
        TrainedSentimentScorer scorer = TrainedSentimentScorer.train(analyze(TEXTS), LABELS, TRAINING);

        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(scorer.score(analyze(TEXTS.get(i))).label()).as(TEXTS.get(i)).isEqualTo(LABELS.get(i));
        }
        Sentiment unseenComplaint = scorer.score(analyze("flight delayed and bags lost again"));
        assertThat(unseenComplaint.label()).isEqualTo(NEG);
        assertThat(unseenComplaint.score()).isNegative();
        assertThat(unseenComplaint.model()).startsWith("earshot-trained/3:");
        assertThat(scorer.score(analyze("which gate for flight 30")).label()).isEqualTo(NEU);
        Sentiment unseenPraise = scorer.score(analyze("thanks, lovely smooth flight"));
        assertThat(unseenPraise.label()).isEqualTo(POS);
        assertThat(unseenPraise.score()).isPositive();
        assertThat(unseenPraise.confidence()).isBetween(1.0 / 3, 1.0);
    }

    @Test
    void isDeterministicForASeed() {
        List<AnalyzedText> texts = analyze(TEXTS);
        TrainedSentimentScorer first = TrainedSentimentScorer.train(texts, LABELS, TRAINING);
        TrainedSentimentScorer second = TrainedSentimentScorer.train(texts, LABELS, TRAINING);
        TrainedSentimentScorer otherSeed = TrainedSentimentScorer.train(texts, LABELS, TRAINING.withSeed(7));

        assertThat(second.model()).isEqualTo(first.model());
        AnalyzedText post = analyze("flight delayed, thanks for nothing");
        assertThat(second.probabilities(post)).containsExactly(first.probabilities(post));
        assertThat(otherSeed.model()).isNotEqualTo(first.model());
    }

    @Test
    void aSavedModelLoadsBackWithIdenticalPredictions() {
        TrainedSentimentScorer trained = TrainedSentimentScorer.train(analyze(TEXTS), LABELS, TRAINING);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        trained.save(file);

        TrainedSentimentScorer loaded = TrainedSentimentScorer.load(new ByteArrayInputStream(file.toByteArray()));

        assertThat(loaded.model()).isEqualTo(trained.model());
        for (String text : List.of("bags lost again 😡", "what time is boarding", "lovely crew!!", "")) {
            AnalyzedText post = analyze(text);
            assertThat(loaded.probabilities(post)).as(text).containsExactly(trained.probabilities(post));
            assertThat(loaded.score(post)).isEqualTo(trained.score(post));
        }
        assertThat(file.toString(StandardCharsets.UTF_8)).startsWith("{\"format\":\"earshot-sentiment-model/3\"")
                .contains("\"nbShare\":0.15,\"nbSmoothing\":0.1");
    }

    @Test
    void aLexiconScaleChangesTrainingButIsFoldedIntoTheSavedWeights() {
        TrainedSentimentScorer.Training scaled = training(0.5, 4, 0.15);
        TrainedSentimentScorer trained = TrainedSentimentScorer.train(analyze(TEXTS), LABELS, scaled);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        trained.save(file);

        TrainedSentimentScorer loaded = TrainedSentimentScorer.load(new ByteArrayInputStream(file.toByteArray()));

        TrainedSentimentScorer unscaled = TrainedSentimentScorer.train(analyze(TEXTS), LABELS, TRAINING);
        assertThat(trained.model()).isNotEqualTo(unscaled.model());
        assertThat(file.toString(StandardCharsets.UTF_8)).contains("\"lexiconScale\":4.0");
        AnalyzedText post = analyze("flight delayed, thanks for nothing");
        assertThat(loaded.probabilities(post)).containsExactly(trained.probabilities(post));
        assertThat(loaded.score(analyze("lovely crew, thanks")).label()).isEqualTo(POS);
    }

    @Test
    void priorCorrectionDividesEachProbabilityByItsClassShareToThePower() {
        // 6 negative, 2 neutral, 4 positive: shares smoothed by one post per class are 7/15, 3/15, 5/15.
        List<String> texts = TEXTS;
        List<SentimentLabel> labels = List.of(NEG, NEG, NEG, NEG, NEG, NEG, NEU, NEU, POS, POS, POS, POS);
        TrainedSentimentScorer.Training uncorrected = training(0, 1, 0.15);
        TrainedSentimentScorer plain = TrainedSentimentScorer.train(analyze(texts), labels, uncorrected);
        TrainedSentimentScorer balanced = TrainedSentimentScorer.train(analyze(texts), labels,
                training(1, 1, 0.15));

        AnalyzedText post = analyze("the flight was fine I guess");
        double[] before = plain.probabilities(post);
        double[] after = balanced.probabilities(post);
        double[] shares = {7 / 15.0, 3 / 15.0, 5 / 15.0};
        double total = 0;
        for (int c = 0; c < 3; c++) {
            total += before[c] / shares[c];
        }
        for (int c = 0; c < 3; c++) {
            assertThat(after[c]).as("class %d", c).isCloseTo(before[c] / shares[c] / total, within(1e-5));
        }
    }

    @Test
    void theFoldedModelIsTheLogLinearMixOfRegressionAndNaiveBayes() {
        // Unequal classes, so that the two models' biases differ too.
        List<AnalyzedText> texts = analyze(TEXTS);
        List<SentimentLabel> labels = List.of(NEG, NEG, NEG, NEG, NEG, NEG, NEU, NEU, POS, POS, POS, POS);
        TrainedSentimentScorer regression = TrainedSentimentScorer.train(texts, labels, training(0, 1, 0));
        TrainedSentimentScorer mixed = TrainedSentimentScorer.train(texts, labels, training(0, 1, 0.3));
        // Naive Bayes fitted here on the model's own features: TF-IDF of the training posts' n-grams.
        SentimentFeatures features = new SentimentFeatures(16, 2, 5);
        SocialSentimentScorer lexicon = SocialSentimentScorer.create();
        int[] documentFrequency = new int[features.buckets()];
        for (AnalyzedText text : texts) {
            SentimentFeatures.Counts counts = features.counts(text);
            IntStream.concat(Arrays.stream(counts.wordBuckets()), Arrays.stream(counts.charBuckets()))
                    .forEach(bucket -> documentFrequency[bucket]++);
        }
        float[] idf = SentimentFeatures.idf(documentFrequency, texts.size());
        Function<AnalyzedText, SparseVector> vector =
                text -> features.vector(features.counts(text), idf, lexicon.score(text));
        LogisticRegression naiveBayes = NaiveBayes.train(texts.stream().map(vector).toList(),
                labels.stream().mapToInt(SentimentLabel::ordinal).toArray(), 3, features.buckets(),
                features.dimension(), 0.1);

        for (String text : List.of("flight delayed, thanks for nothing", "which gate for flight 30",
                "lovely crew!!", "bags lost again 😡", "")) {
            AnalyzedText post = analyze(text);
            double[] p = regression.probabilities(post);
            double[] q = naiveBayes.probabilities(vector.apply(post));
            double[] expected = new double[3];
            double total = 0;
            for (int c = 0; c < 3; c++) {
                expected[c] = Math.pow(p[c], 0.7) * Math.pow(q[c], 0.3);
                total += expected[c];
            }
            for (int c = 0; c < 3; c++) {
                assertThat(mixed.probabilities(post)[c]).as("%s, class %d", text, c)
                        .isCloseTo(expected[c] / total, within(1e-5));
            }
        }
        // The two parts disagree, or the mix would prove little.
        AnalyzedText post = analyze("flight delayed, thanks for nothing");
        assertThat(naiveBayes.probabilities(vector.apply(post))[0])
                .isNotCloseTo(regression.probabilities(post)[0], within(0.01));
    }

    @Test
    void aModelFileOfFormat2StillLoadsUnderItsOwnName() {
        // Written by the earlier trainer (the regression alone, format 2) from TEXTS with 2^12 buckets, on the
        // output of the lexicon scorer earshot-social-lexicon/2.
        String v2;
        try (var in = TrainedSentimentScorerTest.class.getResourceAsStream("/sentiment/earshot-sentiment-model-2.json")) {
            v2 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        TrainedSentimentScorer loaded = TrainedSentimentScorer.load(stream(v2));

        assertThat(loaded.model()).isEqualTo("earshot-trained/2:4557d096");
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(loaded.score(analyze(TEXTS.get(i))).label()).as(TEXTS.get(i)).isEqualTo(LABELS.get(i));
        }
        ByteArrayOutputStream resaved = new ByteArrayOutputStream();
        loaded.save(resaved);
        assertThat(resaved.toString(StandardCharsets.UTF_8)).startsWith("{\"format\":\"earshot-sentiment-model/2\"");
        assertThat(TrainedSentimentScorer.load(new ByteArrayInputStream(resaved.toByteArray())).model())
                .isEqualTo(loaded.model());
    }

    @Test
    void aModelTrainedOnTheEarlierLexiconScorerKeepsScoringWithIt() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        TrainedSentimentScorer.train(analyze(TEXTS), LABELS, TRAINING).save(file);
        String current = file.toString(StandardCharsets.UTF_8);
        assertThat(current).contains("\"lexicon\":\"earshot-social-lexicon/3\"");
        // The same weights as if trained on the output of the scorer whose negation crossed clause breaks.
        String earlier = current.replace("earshot-social-lexicon/3", "earshot-social-lexicon/2");

        TrainedSentimentScorer loaded = TrainedSentimentScorer.load(stream(current));
        TrainedSentimentScorer loadedEarlier = TrainedSentimentScorer.load(stream(earlier));

        AnalyzedText withinOneClause = analyze("the flight was not good");
        assertThat(loadedEarlier.probabilities(withinOneClause)).containsExactly(loaded.probabilities(withinOneClause));
        AnalyzedText acrossAClauseBreak = analyze("the flight never came, terrible");
        assertThat(loadedEarlier.probabilities(acrossAClauseBreak)[0])
                .isLessThan(loaded.probabilities(acrossAClauseBreak)[0]);
        ByteArrayOutputStream resaved = new ByteArrayOutputStream();
        loadedEarlier.save(resaved);
        assertThat(resaved.toString(StandardCharsets.UTF_8)).contains("\"lexicon\":\"earshot-social-lexicon/2\"");
    }

    @Test
    void rejectsFilesThatAreNotModelsWithTheFix() {
        assertThatThrownBy(() -> TrainedSentimentScorer.load(stream("{\"format\":\"something-else\"}")))
                .hasMessageContaining("not a sentiment model file").hasMessageContaining("earshot train sentiment");
        assertThatThrownBy(() -> TrainedSentimentScorer.load(stream("not json")))
                .hasMessageContaining("not a sentiment model file");
        assertThatThrownBy(() -> TrainedSentimentScorer.load(stream(VALID_HEADER + "\"unseenIdf\":1,"
                + "\"rows\":\"AAAAAA==\",\"idf\":\"AAAAAA==\",\"weights\":\"AAAAAA==\"}")))
                .hasMessageContaining("'weights' 3 numbers per entry of 'rows'");
    }

    @Test
    void anOlderModelFileIsRejectedWithTheFixRetrain() {
        assertThatThrownBy(() -> TrainedSentimentScorer.load(stream("{\"format\":\"earshot-sentiment-model/1\","
                + "\"classes\":[\"NEGATIVE\",\"NEUTRAL\",\"POSITIVE\"]}")))
                .hasMessageContaining("earshot-sentiment-model/1")
                .hasMessageContaining("retrain it with `earshot train sentiment`");
        assertThatThrownBy(() -> TrainedSentimentScorer.load(stream(VALID_HEADER.replace(SocialSentimentScorer.MODEL,
                "earshot-social-lexicon/0") + "\"unseenIdf\":1,\"rows\":\"\",\"idf\":\"\",\"weights\":\"\"}")))
                .hasMessageContaining("lexicon scorer earshot-social-lexicon/0")
                .hasMessageContaining("retrain it with `earshot train sentiment`");
    }

    @Test
    void trainingSettingsAreValidatedWithAnExample() {
        assertThatThrownBy(() -> new TrainedSentimentScorer.Training(30, 0.1, 3e-5, 42, 20, 1.5, 1, 0.15, 0.1))
                .hasMessageContaining("priorCorrection must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> new TrainedSentimentScorer.Training(30, 0.1, 3e-5, 42, 40, 0.5, 1, 0.15, 0.1))
                .hasMessageContaining("hashBits must be in 10..26, was 40");
        assertThatThrownBy(() -> new TrainedSentimentScorer.Training(0, 0.1, 3e-5, 42, 20, 0.5, 1, 0.15, 0.1))
                .hasMessageContaining("epochs >= 1");
        assertThatThrownBy(() -> new TrainedSentimentScorer.Training(30, 0.1, 3e-5, 42, 20, 0.5, 0, 0.15, 0.1))
                .hasMessageContaining("lexiconScale must be in (0, 100], was 0.0");
        assertThatThrownBy(() -> new TrainedSentimentScorer.Training(30, 0.1, 3e-5, 42, 20, 0.5, 1, 1.2, 0.1))
                .hasMessageContaining("nbShare must be in [0, 1], was 1.2").hasMessageContaining("e.g. 0.15");
        assertThatThrownBy(() -> new TrainedSentimentScorer.Training(30, 0.1, 3e-5, 42, 20, 0.5, 1, 0.15, 0))
                .hasMessageContaining("nbSmoothing must be in (0, 100], was 0.0").hasMessageContaining("e.g. 0.1");
    }

    private static final String VALID_HEADER = "{\"format\":\"" + TrainedSentimentScorer.FORMAT
            + "\",\"classes\":[\"NEGATIVE\",\"NEUTRAL\",\"POSITIVE\"],\"features\":{\"hashBits\":16,"
            + "\"charMin\":2,\"charMax\":5,\"lexicon\":\"" + SocialSentimentScorer.MODEL + "\"},"
            + "\"bias\":[0,0,0],\"lexiconWeights\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],";

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
