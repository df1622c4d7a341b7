package dev.earshot.respond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffRulesTest {

    private static HandoffRules rules(List<String> accounts, Duration lookBack, List<String> cues) {
        return new HandoffRules(accounts, -0.05, lookBack, Duration.ofHours(48), Duration.ofHours(72), cues, List.of(),
                10_000, 0.2, 3, 50);
    }

    @Test
    void defaultsAnswerForCityCareDesk() {
        HandoffRules defaults = HandoffRules.defaults();

        assertThat(defaults.accounts()).containsExactly("CityCareDesk");
        assertThat(defaults.accountFor("citycaredesk")).isEqualTo("CityCareDesk");
        assertThat(defaults.accountFor("CityCareDeskFan")).isNull();
        assertThat(defaults.lookBack()).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.quietPeriod()).isEqualTo(Duration.ofHours(48));
        assertThat(defaults.reopenWindow()).isEqualTo(Duration.ofHours(72));
    }

    @Test
    void phrasesAreNormalisedToLowerCaseWithoutDuplicates() {
        assertThat(rules(List.of("CityCareDesk"), Duration.ofDays(7), List.of(" Still ", "still", "No Response")).complaintCues())
                .containsExactly("still", "no response");
    }

    @Test
    void rejectsHandlesWrittenWithTheAt() {
        assertThatThrownBy(() -> rules(List.of("@CityCareDesk"), Duration.ofDays(7), List.of()))
                .hasMessageContaining("accounts must be handles without '@'");
    }

    @Test
    void rejectsALookBackShorterThanQuietPeriodAndReopenWindow() {
        assertThatThrownBy(() -> rules(List.of("CityCareDesk"), Duration.ofDays(4), List.of()))
                .hasMessageContaining("lookBack (PT96H) must be at least quietPeriod + reopenWindow (PT120H)");
    }

    @Test
    void rejectsAnOutOfRangeThreshold() {
        assertThatThrownBy(() -> new HandoffRules(List.of("CityCareDesk"), -1.5, Duration.ofDays(7), Duration.ofHours(48),
                Duration.ofHours(72), List.of(), List.of(), 10_000, 0.2, 3, 50))
                .hasMessageContaining("negativeBelow must be in (-1, 1]");
    }
}
