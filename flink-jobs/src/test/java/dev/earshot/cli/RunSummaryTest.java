package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.enrich.LanguageScope;
import dev.earshot.flink.Counters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    @Test
    void lateDeadLettersComeWithTheOutOfOrdernessThatWouldHaveKeptThem() {
        long behind = Duration.ofDays(7).plusHours(11).plusMinutes(20).toMillis();
        String report = new RunSummary(Map.of(Counters.DEAD_LETTERS, 7_863L, Counters.LATE_POSTS, 7_863L,
                Counters.MOST_LATE_MILLIS, behind))
                .finalReport(Duration.ofSeconds(26), Path.of("out"), LanguageScope.defaults());

        assertThat(report).contains("7,863 of them too late for their windows",
                "the most out of order was 7d 11h 20m behind the newest post read before it",
                "sort it by time or set stream.outOfOrderness to at least 8d");
    }

    @Test
    void aRunWithNoLatePostsGivesNoHint() {
        String report = new RunSummary(Map.of(Counters.DEAD_LETTERS, 2L))
                .finalReport(Duration.ofSeconds(1), null, LanguageScope.defaults());

        assertThat(report).contains("2 (0 of them too late").doesNotContain("outOfOrderness").doesNotContain("unreadable");
    }

    @Test
    void unreadableInputIsNamedUnderTheDeadLetters() {
        String report = new RunSummary(Map.of(Counters.DEAD_LETTERS, 3L, Counters.RECORDS_UNREADABLE, 1L))
                .finalReport(Duration.ofSeconds(1), null, LanguageScope.defaults());

        assertThat(report).contains("3 (0 of them too late", "1 of them unreadable input (stage read");
    }

    @Test
    void postsOutsideTheLanguagesAreCountedBetweenTheDuplicatesAndTheEnrichedOnes() {
        String report = new RunSummary(Map.of(Counters.POSTS_VALID, 1_210L, Counters.DUPLICATES, 10L,
                Counters.POSTS_OUTSIDE_LANGUAGES, 1_150L, Counters.POSTS_ENRICHED, 50L))
                .finalReport(Duration.ofSeconds(3), null, new LanguageScope(List.of("en", "pt")));

        assertThat(report).contains("  posts read      1,210 valid (10 duplicates processed once), 1,150 outside "
                + "enrich.languages (en, pt), 50 enriched");
    }

    @Test
    void theHintRoundsUpToAUnitAPersonWouldWrite() {
        assertThat(RunSummary.roundedUp(Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(RunSummary.roundedUp(Duration.ofMinutes(59).plusSeconds(1))).isEqualTo(Duration.ofHours(1));
        assertThat(RunSummary.roundedUp(Duration.ofMinutes(61))).isEqualTo(Duration.ofHours(2));
        assertThat(RunSummary.roundedUp(Duration.ofHours(24))).isEqualTo(Duration.ofDays(1));
        assertThat(RunSummary.roundedUp(Duration.ofHours(25))).isEqualTo(Duration.ofDays(2));
    }
}
