package dev.earshot.detect;

import static dev.earshot.detect.DetectFixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.earshot.model.TopicLocationStats;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BetaBinomialPriorTest {

    @Test
    void fitsTheSpreadBeyondBinomialNoiseByTheMethodOfMoments() {
        // 5/10, 1/10, 4/20: m = 10/40 = 0.25; sum n (p - m)^2 = 0.625 + 0.225 + 0.05 = 0.9;
        // tau^2 = (0.9 - 2 x 0.1875) / (40 - 600 / 40) = 0.525 / 25 = 0.021; strength = 0.1875 / 0.021 - 1.
        BetaBinomialPrior prior = BetaBinomialPrior.fit(cities(10, 5, 10, 1, 20, 4), 50);

        assertThat(prior.mean()).isCloseTo(0.25, within(1e-12));
        assertThat(prior.strength()).isCloseTo(0.1875 / 0.021 - 1, within(1e-9));
        // (5 + 7.92857 x 0.25) / (10 + 7.92857)
        assertThat(prior.shrunkShare(5, 10)).isCloseTo(6.982143 / 17.928571, within(1e-6));
    }

    @Test
    void citiesThatDifferNoMoreThanNoiseGetThePriorCap() {
        // Identical shares: the moments would pool completely (infinite strength); the cap keeps 20 posts' worth.
        BetaBinomialPrior prior = BetaBinomialPrior.fit(cities(40, 10, 40, 10, 40, 10, 40, 10), 20);

        assertThat(prior.strength()).isEqualTo(20);
        assertThat(prior.shrunkShare(30, 40)).isCloseTo((30 + 20 * 0.25) / 60, within(1e-12));
    }

    @Test
    void tooFewCitiesOrAPoolAllOneWayAreNotIdentifiableEither() {
        assertThat(BetaBinomialPrior.fit(cities(10, 9, 10, 1), 20).strength()).isEqualTo(20);
        assertThat(BetaBinomialPrior.fit(cities(10, 0, 10, 0, 10, 0), 20))
                .isEqualTo(new BetaBinomialPrior(0, 20));
        assertThat(BetaBinomialPrior.fit(List.of(), 20)).isEqualTo(new BetaBinomialPrior(0, 20));
    }

    @Test
    void citiesThatDifferWildlyKeepAtLeastOnePostOfPrior() {
        BetaBinomialPrior prior = BetaBinomialPrior.fit(cities(100, 100, 100, 0, 100, 100, 100, 0), 20);

        assertThat(prior.strength()).isEqualTo(BetaBinomialPrior.MIN_STRENGTH);
        assertThat(prior.shrunkShare(3, 3)).isCloseTo(3.5 / 4, within(1e-12)).isLessThan(1);
    }

    @Test
    void aSmallCellIsPulledInMoreThanABigOne() {
        BetaBinomialPrior prior = BetaBinomialPrior.fit(cities(80, 60, 3, 3, 40, 10, 40, 10, 40, 10), 20);

        double pullOfSmall = 1.0 - prior.shrunkShare(3, 3);
        double pullOfBig = 0.75 - prior.shrunkShare(60, 80);
        assertThat(pullOfSmall).isGreaterThan(3 * pullOfBig);
    }

    @Test
    void rejectsACapBelowOnePost() {
        assertThatThrownBy(() -> BetaBinomialPrior.fit(cities(10, 5), 0.5)).hasMessageContaining("maxStrength");
    }

    /** Cities given as (posts, negative) pairs. */
    private static List<TopicLocationStats> cities(long... postsAndNegative) {
        return IntStream.range(0, postsAndNegative.length / 2)
                .mapToObj(i -> stats("parking", "geonames:" + i, "City " + i, 4, postsAndNegative[2 * i],
                        postsAndNegative[2 * i + 1]))
                .toList();
    }
}
