package dev.earshot.enrich.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.earshot.json.Json;
import org.junit.jupiter.api.Test;

class SentimentParamsTest {

    @Test
    void defaultsAreVadersNegativeThresholdAndAHigherPositiveOne() {
        assertThat(SentimentParams.defaults()).isEqualTo(new SentimentParams(-0.05, 0.30));
    }

    @Test
    void rejectsThresholdsOnTheWrongSideOfZeroOrAtTheEnds() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SentimentParams(0.1, 0.2))
                .withMessageContaining("negativeBelow").withMessageContaining("-0.05");
        assertThatIllegalArgumentException().isThrownBy(() -> new SentimentParams(-1, 0.05))
                .withMessageContaining("negativeBelow");
        assertThatIllegalArgumentException().isThrownBy(() -> new SentimentParams(-0.05, -0.01))
                .withMessageContaining("positiveAbove").withMessageContaining("0.05");
        assertThatIllegalArgumentException().isThrownBy(() -> new SentimentParams(-0.05, Double.NaN))
                .withMessageContaining("positiveAbove");
    }

    @Test
    void roundTripsThroughJson() {
        SentimentParams params = new SentimentParams(-0.2, 0.3);

        assertThat(Json.read(Json.write(params), SentimentParams.class)).isEqualTo(params);
    }
}
