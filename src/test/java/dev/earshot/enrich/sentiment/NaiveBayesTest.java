package dev.earshot.enrich.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NaiveBayesTest {

    private static final int BUCKETS = 8;

    private static SparseVector post(int... buckets) {
        float[] values = new float[buckets.length];
        java.util.Arrays.fill(values, 1);
        return new SparseVector(buckets, values);
    }

    @Test
    void favoursTheClassWhoseBucketsThePostShares() {
        // Bucket 1 only in class 0, bucket 2 only in class 1, bucket 3 in both.
        List<SparseVector> posts = List.of(post(1, 3), post(1), post(2, 3), post(2));
        NaiveBayes nb = NaiveBayes.train(posts, new int[] {0, 0, 1, 1}, 2, BUCKETS, 0.5);

        double[] one = nb.logits(post(1));
        double[] two = nb.logits(post(2));
        double[] shared = nb.logits(post(3));

        assertThat(one[0]).isGreaterThan(one[1]);
        assertThat(two[1]).isGreaterThan(two[0]);
        assertThat(shared[0]).isCloseTo(shared[1], within(1e-9));
    }

    @Test
    void matchesTheSmoothedCountsByHand() {
        // Class 0 has bucket 1 twice, class 1 has bucket 2 once; seen buckets 1 and 2, smoothing 1.
        List<SparseVector> posts = List.of(post(1), post(1), post(2));
        NaiveBayes nb = NaiveBayes.train(posts, new int[] {0, 0, 1}, 2, BUCKETS, 1);

        double[] logits = nb.logits(post(1));

        // P(class 0) = 3/5, P(1 | 0) = 3/4; P(class 1) = 2/5, P(1 | 1) = 1/3.
        assertThat(logits[0]).isCloseTo(Math.log(3.0 / 5) + Math.log(3.0 / 4), within(1e-6));
        assertThat(logits[1]).isCloseTo(Math.log(2.0 / 5) + Math.log(1.0 / 3), within(1e-6));
    }

    @Test
    void ignoresBucketsNoTrainingPostHadAndTheLexiconFeatures() {
        List<SparseVector> posts = List.of(post(1), post(2));
        NaiveBayes nb = NaiveBayes.train(posts, new int[] {0, 1}, 2, BUCKETS, 1);

        assertThat(nb.logits(new SparseVector(new int[] {5, BUCKETS + 1}, new float[] {1, -3})))
                .containsExactly(nb.logits(new SparseVector(new int[0], new float[0])), within(1e-12));
    }

    @Test
    void rejectsMismatchedLabels() {
        assertThatThrownBy(() -> NaiveBayes.train(List.of(post(1)), new int[] {0, 1}, 2, BUCKETS, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one label per example");
    }
}
