package dev.earshot.enrich.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.earshot.model.Sentiment;
import dev.earshot.model.SentimentLabel;
import dev.earshot.text.AnalyzedText;
import dev.earshot.text.CoreNlpTextAnalyzer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SentimentFeaturesTest {

    private static final SentimentFeatures FEATURES = new SentimentFeatures(16, 2, 5);
    private static final Sentiment NEUTRAL = new Sentiment(0, SentimentLabel.NEUTRAL, 1, "test");

    private static SentimentFeatures.Counts counts(String text) {
        return FEATURES.counts(CoreNlpTextAnalyzer.shared().analyze(text));
    }

    @Test
    void countsEachDistinctBucketOnceInAscendingOrder() {
        SentimentFeatures.Counts once = counts("delayed");
        SentimentFeatures.Counts twice = counts("delayed delayed");

        assertThat(once.wordBuckets()).hasSize(1).containsExactly(twice.wordBuckets()[0]);
        assertThat(once.wordCounts()).containsExactly(1);
        // "delayed delayed": the unigram twice and the bigram once.
        assertThat(twice.wordBuckets()).hasSize(2).isSorted();
        assertThat(Arrays.stream(twice.wordCounts()).sorted().toArray()).containsExactly(1, 2);
        assertThat(twice.charBuckets()).containsExactly(once.charBuckets()).isSorted();
        assertThat(Arrays.stream(twice.charCounts()).distinct().toArray()).containsExactly(2);
    }

    @Test
    void countsEveryCharacterNgramOfTheSpacePaddedWordsAtEveryHashSize() {
        String text = "the quick brown fox jumps over the lazy dog while the crowd cheers and the band plays on";
        // A word of length L padded with a space either side has L + 3 - n n-grams of length n, for n = 2..5.
        int ngrams = Arrays.stream(text.split(" ")).mapToInt(String::length)
                .map(length -> IntStream.rangeClosed(2, 5).map(n -> Math.max(0, length + 3 - n)).sum()).sum();
        for (int hashBits : new int[] {10, 16, 20, 26}) {
            SentimentFeatures.Counts counts = new SentimentFeatures(hashBits, 2, 5)
                    .counts(CoreNlpTextAnalyzer.shared().analyze(text));

            assertThat(counts.charBuckets()).as("hashBits %d", hashBits).isSorted().doesNotHaveDuplicates();
            assertThat(Arrays.stream(counts.charBuckets()).allMatch(bucket -> bucket >= 0 && bucket < 1 << hashBits))
                    .as("hashBits %d", hashBits).isTrue();
            assertThat(Arrays.stream(counts.charCounts()).sum()).as("hashBits %d", hashBits).isEqualTo(ngrams);
        }
    }

    @Test
    void normalisesMentionsLinksDigitsAndElongation() {
        assertThat(counts("@united flight 1234 https://t.co/abc sooooo late"))
                .usingRecursiveComparison().isEqualTo(counts("@delta flight 5678 https://t.co/xyz sooo late"));
    }

    @Test
    void idfIsSmoothedAsInScikitLearn() {
        float[] idf = SentimentFeatures.idf(new int[] {0, 1, 9}, 9);

        assertThat(idf[0]).isCloseTo((float) (Math.log(10) + 1), within(1e-6f));
        assertThat(idf[1]).isCloseTo((float) (Math.log(5) + 1), within(1e-6f));
        assertThat(idf[2]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void eachGroupHasUnitLengthWithSublinearCountsAndTheLexiconComesAfter() {
        SentimentFeatures.Counts post = counts("late late late flight");
        float[] idf = new float[FEATURES.buckets()];
        Arrays.fill(idf, 2);
        SparseVector vector = FEATURES.vector(post, idf, new Sentiment(-0.5, SentimentLabel.NEGATIVE, 1, "test"));

        int words = post.wordBuckets().length;
        int chars = post.charBuckets().length;
        assertThat(vector.size()).isEqualTo(words + chars + 4);
        assertThat(squares(vector, 0, words)).isCloseTo(1, within(1e-5));
        assertThat(squares(vector, words, words + chars)).isCloseTo(1, within(1e-5));
        // "late" three times against "flight" once: (1 + ln 3) to 1 before scaling.
        int late = indexOfCount(post.wordCounts(), 3);
        int once = indexOfCount(post.wordCounts(), 1);
        assertThat(vector.values()[late] / vector.values()[once]).isCloseTo((float) (1 + Math.log(3)),
                within(1e-5f));
        int lexicon = FEATURES.buckets();
        assertThat(Arrays.copyOfRange(vector.indices(), words + chars, vector.size()))
                .containsExactly(lexicon, lexicon + 1, lexicon + 2, lexicon + 3);
        assertThat(Arrays.copyOfRange(vector.values(), words + chars, vector.size()))
                .containsExactly(-0.5f, 0f, 0.5f, 1f);
    }

    @Test
    void anEmptyPostHasOnlyTheLexiconFeatures() {
        SparseVector vector = FEATURES.vector(counts(""), new float[FEATURES.buckets()], NEUTRAL);

        assertThat(vector.indices()).containsExactly(FEATURES.buckets(), FEATURES.buckets() + 1,
                FEATURES.buckets() + 2, FEATURES.buckets() + 3 + SentimentLabel.NEUTRAL.ordinal());
    }

    private static double squares(SparseVector vector, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += vector.values()[i] * vector.values()[i];
        }
        return sum;
    }

    private static int indexOfCount(int[] counts, int count) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == count) {
                return i;
            }
        }
        throw new AssertionError("no bucket counted " + count + " times");
    }
}
