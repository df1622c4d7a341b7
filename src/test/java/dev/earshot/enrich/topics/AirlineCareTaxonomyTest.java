package dev.earshot.enrich.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.eval.BestTopic;
import dev.earshot.text.CoreNlpTextAnalyzer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled airline taxonomy on made-up complaints, one per kind of wording it was written for. */
class AirlineCareTaxonomyTest {

    private static final Taxonomy TAXONOMY = Taxonomy.bundled("airline-care");
    private static final TopicMatcher MATCHER = TopicMatcher.compile(TAXONOMY);

    private static List<String> topicsOf(String text) {
        return MATCHER.match(CoreNlpTextAnalyzer.shared().analyze(text));
    }

    private static Optional<String> bestTopicOf(String text) {
        return BestTopic.of(MATCHER.matches(CoreNlpTextAnalyzer.shared().analyze(text)), TAXONOMY);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            cancelled_flight  | my flight got canx an hour before boarding
            late_flight       | the delayed flight to Denver was supposed to leave at noon
            late_flight       | three hours on the plane and we still have no ground stop update
            long_lines        | forty minutes waiting for bags after we landed
            long_lines        | landed early and now we wait for a gate
            lost_luggage      | my checked bag went to Houston without me
            damaged_luggage   | the handler broke the wheel off my case
            flight_attendants | the agent at the gate was so unfriendly
            bad_flight        | a crying baby and a loud plane for five hours
            customer_service  | I asked for a supervisor and they refuse to help, terrible policy
            booking_problems  | a change fee of 200 dollars for a flight change
            """)
    void complaintsHaveTheirReasonAsBestTopic(String topic, String text) {
        assertThat(bestTopicOf(text)).contains(topic);
    }

    @Test
    void laterSpoiledByTheDatasetsFindAndReplaceIsNotALateFlight() {
        // The published tweets read "Late Flight" wherever "late" was, even inside "later".
        assertThat(topicsOf("please call me back Late Flightr today")).doesNotContain("late_flight")
                .contains("customer_service");
        assertThat(topicsOf("our flight is Late Flight again")).contains("late_flight");
    }
}
