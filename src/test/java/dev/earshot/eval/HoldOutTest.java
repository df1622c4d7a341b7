package dev.earshot.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HoldOutTest {

    @Test
    void evenIdsAreDevelopmentOddIdsAreHeldOutAndRepeatsStayTogether() {
        List<String> ids = List.of("570306133677760513", "570301130888122368", "12", " 7 ", "570301130888122368");

        HoldOut.Split<String> split = HoldOut.byIdParity(ids, Function.identity());

        assertThat(split.train()).containsExactly("570301130888122368", "12", "570301130888122368");
        assertThat(split.test()).containsExactly("570306133677760513", " 7 ");
    }

    @Test
    void anIdWithoutAFinalDigitIsAnError() {
        assertThatThrownBy(() -> HoldOut.byIdParity(List.of("abc"), Function.identity()))
                .hasMessageContaining("id 'abc' does not end in a digit");
    }

    @Test
    void aSeededSplitIsTheSameEveryTime() {
        List<Integer> rows = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(HoldOut.split(rows, 0.5, 7)).isEqualTo(HoldOut.split(rows, 0.5, 7));
        assertThat(HoldOut.split(rows, 0.5, 7).test()).hasSize(5).doesNotContainAnyElementsOf(
                HoldOut.split(rows, 0.5, 7).train());
    }
}
