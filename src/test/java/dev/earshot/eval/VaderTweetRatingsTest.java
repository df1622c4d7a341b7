package dev.earshot.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.model.SentimentLabel;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaderTweetRatingsTest {

    @Test
    void readsIdRatingAndTextKeepingTabsInTheTextAndSkippingBlankLines() throws IOException {
        List<LabelledText> rows;
        try (Reader in = new InputStreamReader(getClass().getResourceAsStream("/eval/vader-tweet-ratings-sample.txt"),
                StandardCharsets.UTF_8)) {
            rows = VaderTweetRatings.read(in);
        }

        assertThat(rows).containsExactly(
                new LabelledText("What a lovely morning at the lake :)", SentimentLabel.POSITIVE),
                new LabelledText("The bus is late again.", SentimentLabel.NEGATIVE),
                new LabelledText("Picking up groceries after work.", SentimentLabel.NEUTRAL),
                new LabelledText("Worst. Day. Ever.", SentimentLabel.NEGATIVE),
                new LabelledText("New mug arrived\tand it fits", SentimentLabel.POSITIVE));
    }

    @Test
    void meanRatingsLeaningHalfAStepOrMoreArePolar() {
        assertThat(VaderTweetRatings.label(-0.5)).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(VaderTweetRatings.label(-0.49)).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(VaderTweetRatings.label(0)).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(VaderTweetRatings.label(0.49)).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(VaderTweetRatings.label(0.5)).isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void badLinesStopTheReadNamingTheLine() {
        assertThatThrownBy(() -> VaderTweetRatings.read(new StringReader("1\t1.2\tfine\n2\tno rating here\n")))
                .hasMessage("line 2: 2 tab-separated fields, expected 3 (id, mean rating, text)");
        assertThatThrownBy(() -> VaderTweetRatings.read(new StringReader("1\tgreat\ttext\n")))
                .hasMessage("line 1: mean rating 'great' is not a number");
        assertThatThrownBy(() -> VaderTweetRatings.read(new StringReader("1\t5.5\ttext\n")))
                .hasMessage("line 1: mean rating 5.5 is outside VADER's scale from -4 to 4");
    }
}
