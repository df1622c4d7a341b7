package dev.earshot.enrich.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaiveBayesTest {

    private static final int BUCKETS = 8;
    private static final int DIMENSION = BUCKETS + 2;

    private static SparseVector post(int... buckets) {
        float[] values = new float[buckets.length];
        Arrays.fill(values, 1);
        return new SparseVector(buckets, values);
    }

    private static double[] logs(double[] probabilities) {
        return Arrays.stream(probabilities).map(Math::log).toArray();
    }

    @Test
    void favoursTheClassWhoseBucketsThePostShares() {
        // Bucket 1 only in class 0, bucket 2 only in class 1, bucket 3 in both.
        List<SparseVector> posts = List.of(post(1, 3), post(1), post(2, 3), post(2));
        LogisticRegression nb = NaiveBayes.train(posts, new int[] {0, 0, 1, 1}, 2, BUCKETS, DIMENSION, 0.5);

        double[] one = nb.probabilities(post(1));
        double[] two = nb.probabilities(post(2));
        double[] shared = nb.probabilities(post(3));

        assertThat(one[0]).isGreaterThan(one[1]);
        assertThat(two[1]).isGreaterThan(two[0]);
        assertThat(shared[0]).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void isThePosteriorOfTheSmoothedCountsByHand() {
        // Class 0 has bucket 1 twice, class 1 has bucket 2 once; seen buckets 1 and 2, smoothing 1.
        List<SparseVector> posts = List.of(post(1), post(1), post(2));
        LogisticRegression nb = NaiveBayes.train(posts, new int[] {0, 0, 1}, 2, BUCKETS, DIMENSION, 1);

        double[] logs = logs(nb.probabilities(post(1)));

        // P(class 0) = 3/5, P(1 | 0) = 3/4; P(class 1) = 2/5, P(1 | 1) = 1/3.
        assertThat(logs[0] - logs[1]).isCloseTo(Math.log(3.0 / 5 * 3.0 / 4) - Math.log(2.0 / 5 * 1.0 / 3),
                within(1e-6));
        assertThat(nb.bias()[0]).isCloseTo((float) Math.log(3.0 / 5), within(1e-6f));
        assertThat(nb.weights()[1 * 2 + 1]).isCloseTo((float) Math.log(1.0 / 3), within(1e-6f));
    }

    @Test
    void ignoresBucketsNoTrainingPostHadAndTheLexiconFeatures() {
        List<SparseVector> posts = List.of(post(1), post(2));
        LogisticRegression nb = NaiveBayes.train(posts, new int[] {0, 1}, 2, BUCKETS, DIMENSION, 1);

        assertThat(nb.probabilities(new SparseVector(new int[] {5, BUCKETS + 1}, new float[] {1, -3})))
                .containsExactly(nb.probabilities(new SparseVector(new int[0], new float[0])), within(1e-12));
        assertThat(nb.dimension()).isEqualTo(DIMENSION);
    }

    @Test
    void rejectsMismatchedLabels() {
        assertThatThrownBy(() -> NaiveBayes.train(List.of(post(1)), new int[] {0, 1}, 2, BUCKETS, DIMENSION, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one label per example");
    }
}
