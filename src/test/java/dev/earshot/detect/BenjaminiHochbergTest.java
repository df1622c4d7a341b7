package dev.earshot.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    @Test
    void keepsTheSmallestPValuesUpToTheLastOneUnderItsLine() {
        // m = 10, q = 0.05: the lines are 0.005, 0.010, 0.015, ...; 0.001 and 0.008 are under theirs, 0.039 is
        // over 0.015 and no later p-value comes back under its line (0.074 > 0.035, 0.216 > 0.05).
        double[] p = {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216};

        assertThat(BenjaminiHochberg.discoveries(p, 0.05))
                .containsExactly(true, true, false, false, false, false, false, false, false, false);
    }

    @Test
    void stepsUpPastARankThatMissedItsOwnLine() {
        // m = 4, q = 0.05: 0.03 misses its line 0.025, but 0.04 is under 0.05, so all four are discoveries.
        assertThat(BenjaminiHochberg.discoveries(new double[] {0.001, 0.03, 0.035, 0.04}, 0.05))
                .containsExactly(true, true, true, true);
    }

    @Test
    void answersInTheOrderGivenWhateverTheOrderOfThePValues() {
        // Sorted: 0.002 (line 0.0125), 0.02 (0.025), 0.3 (0.0375), 0.9 (0.05): two discoveries.
        assertThat(BenjaminiHochberg.discoveries(new double[] {0.9, 0.02, 0.3, 0.002}, 0.05))
                .containsExactly(false, true, false, true);
    }

    @Test
    void isStricterThanEachTestAloneWhenTheTestsAreMany() {
        // 0.004 alone passes q = 0.01; as the smallest of 10 it needs 0.001.
        assertThat(BenjaminiHochberg.discoveries(new double[] {0.004}, 0.01)).containsExactly(true);
        double[] tenTests = {0.004, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        assertThat(BenjaminiHochberg.discoveries(tenTests, 0.01)).containsOnly(false);
    }

    @Test
    void noTestsNoDiscoveries() {
        assertThat(BenjaminiHochberg.discoveries(new double[0], 0.01)).isEmpty();
    }

    @Test
    void rejectsAnFdrOutsideZeroToOne() {
        assertThatThrownBy(() -> BenjaminiHochberg.discoveries(new double[] {0.01}, 0))
                .hasMessageContaining("q must be in (0, 1)");
        assertThatThrownBy(() -> BenjaminiHochberg.discoveries(new double[] {0.01}, 1)).hasMessageContaining("e.g. 0.01");
    }
}
