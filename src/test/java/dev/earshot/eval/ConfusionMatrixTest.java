package dev.earshot.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    private static ConfusionMatrix of(String[][] goldAndPredicted) {
        ConfusionMatrix matrix = new ConfusionMatrix(List.of("neg", "neu", "pos"));
        for (String[] pair : goldAndPredicted) {
            matrix.add(pair[0], pair[1]);
        }
        return matrix;
    }

    @Test
    void scoresHandMadePredictions() {
        // gold neg x4: neg, neg, neg, neu; gold neu x3: neu, neu, pos; gold pos x3: pos, pos, neg
        ConfusionMatrix matrix = of(new String[][] {{"neg", "neg"}, {"neg", "neg"}, {"neg", "neg"}, {"neg", "neu"},
                {"neu", "neu"}, {"neu", "neu"}, {"neu", "pos"}, {"pos", "pos"}, {"pos", "pos"}, {"pos", "neg"}});

        assertThat(matrix.total()).isEqualTo(10);
        assertThat(matrix.count("neg", "neu")).isEqualTo(1);
        assertThat(matrix.count("pos", "neg")).isEqualTo(1);
        assertThat(matrix.accuracy()).isCloseTo(0.7, within(1e-12));
        assertThat(matrix.precision("neg")).isCloseTo(3.0 / 4, within(1e-12));
        assertThat(matrix.recall("neg")).isCloseTo(3.0 / 4, within(1e-12));
        assertThat(matrix.precision("neu")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(matrix.recall("neu")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(matrix.precision("pos")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(matrix.recall("pos")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(matrix.macroF1()).isCloseTo((0.75 + 2.0 / 3 + 2.0 / 3) / 3, within(1e-12));
        assertThat(matrix.table()).contains("neg").contains("pos");
    }

    @Test
    void aClassNeverPredictedScoresZeroAndPullsMacroF1Down() {
        ConfusionMatrix matrix = of(new String[][] {{"neg", "neg"}, {"neg", "neg"}, {"pos", "pos"}, {"neu", "neg"}});

        assertThat(matrix.precision("neu")).isZero();
        assertThat(matrix.recall("neu")).isZero();
        assertThat(matrix.f1("neu")).isZero();
        assertThat(matrix.f1("neg")).isCloseTo(0.8, within(1e-12)); // precision 2/3, recall 1
        assertThat(matrix.macroF1()).isCloseTo((0.8 + 0 + 1) / 3, within(1e-12));
        assertThat(matrix.accuracy()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void emptyAndUnknownClasses() {
        ConfusionMatrix empty = new ConfusionMatrix(List.of("a", "b"));
        assertThat(empty.accuracy()).isZero();
        assertThat(empty.macroF1()).isZero();
        assertThatThrownBy(() -> empty.add("a", "c")).hasMessageContaining("unknown class 'c'");
        assertThatThrownBy(() -> new ConfusionMatrix(List.of("a", "a"))).hasMessageContaining("distinct");
    }

    @Test
    void macroF1OverSomeClassesLeavesANoAnswerClassOut() {
        // gold neg x2: neg, neu ("neu" standing for no answer); gold pos x2: pos, pos
        ConfusionMatrix matrix = of(new String[][] {{"neg", "neg"}, {"neg", "neu"}, {"pos", "pos"}, {"pos", "pos"}});

        assertThat(matrix.macroF1(List.of("neg", "pos"))).isCloseTo((2.0 / 3 + 1) / 2, within(1e-12));
        assertThat(matrix.macroF1()).isCloseTo((2.0 / 3 + 0 + 1) / 3, within(1e-12));
    }
}
