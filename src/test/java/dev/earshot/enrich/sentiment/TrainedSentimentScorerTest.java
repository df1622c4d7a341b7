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
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    private static final TrainedSentimentScorer.Training TRAINING = new TrainedSentimentScorer.Training(20, 0.3,
            1e-5, 42, 16, 0.5, 1);

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
        assertThat(unseenComplaint.model()).startsWith("earshot-trained/2:");
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
        assertThat(file.toString(StandardCharsets.UTF_8)).contains("\"format\":\"" + TrainedSentimentScorer.FORMAT);
    }

    @Test
    void aLexiconScaleChangesTrainingButIsFoldedIntoTheSavedWeights() {
        TrainedSentimentScorer.Training scaled = new TrainedSentimentScorer.Training(20, 0.3, 1e-5, 42, 16, 0.5, 4);
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
        TrainedSentimentScorer.Training uncorrected = new TrainedSentimentScorer.Training(20, 0.3, 1e-5, 42, 16, 0, 1);
        TrainedSentimentScorer plain = TrainedSentimentScorer.train(analyze(texts), labels, uncorrected);
        TrainedSentimentScorer balanced = TrainedSentimentScorer.train(analyze(texts), labels,
                new TrainedSentimentScorer.Training(20, 0.3, 1e-5, 42, 16, 1, 1));

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
        assertThatThrownBy(() -> new TrainedSentimentScorer.Training(30, 0.1, 3e-5, 42, 20, 1.5, 1))
                .hasMessageContaining("priorCorrection must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> new TrainedSentimentScorer.Training(30, 0.1, 3e-5, 42, 40, 0.5, 1))
                .hasMessageContaining("hashBits must be in 10..26, was 40");
        assertThatThrownBy(() -> new TrainedSentimentScorer.Training(0, 0.1, 3e-5, 42, 20, 0.5, 1))
                .hasMessageContaining("epochs >= 1");
        assertThatThrownBy(() -> new TrainedSentimentScorer.Training(30, 0.1, 3e-5, 42, 20, 0.5, 0))
                .hasMessageContaining("lexiconScale must be in (0, 100], was 0.0");
    }

    private static final String VALID_HEADER = "{\"format\":\"" + TrainedSentimentScorer.FORMAT
            + "\",\"classes\":[\"NEGATIVE\",\"NEUTRAL\",\"POSITIVE\"],\"features\":{\"hashBits\":16,"
            + "\"charMin\":2,\"charMax\":5,\"lexicon\":\"" + SocialSentimentScorer.MODEL + "\"},"
            + "\"bias\":[0,0,0],\"lexiconWeights\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],";

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
