package dev.earshot.respond.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which follow-ups wait behind an announcement in the dead letters. */
class UnannouncedIncidentsTest {

    private static final Optional<String> BEHIND = Optional.of("its incident's announcement is in the dead letters");

    @Test
    void theFollowUpsOfAnAnnouncementThatIsADeadLetterAreNotSentUntilTheResolutionEndsTheThread() {
        UnannouncedIncidents incidents = new UnannouncedIncidents();
        incidents.settled("ops|a", MessageKind.FIRST, false);

        assertThat(incidents.reasonNotToSend("ops|a", MessageKind.UPDATE)).isEqualTo(BEHIND);
        incidents.settled("ops|a", MessageKind.UPDATE, false);
        assertThat(incidents.reasonNotToSend("ops|a", MessageKind.RESOLUTION)).isEqualTo(BEHIND);
        assertThat(incidents.reasonNotToSend("other|a", MessageKind.RESOLUTION)).as("another channel heard of it").isEmpty();
        assertThat(incidents.reasonNotToSend("ops|b", MessageKind.UPDATE)).isEmpty();

        incidents.settled("ops|a", MessageKind.RESOLUTION, false);
        assertThat(incidents.snapshot(Set.of("ops|a"))).as("the resolution ended the thread").isEmpty();
    }

    @Test
    void aFirstMessageIsAlwaysSentAndOneDeliveredAnnouncesItsIncident() {
        UnannouncedIncidents incidents = new UnannouncedIncidents();
        incidents.settled("ops|a", MessageKind.FIRST, false);

        assertThat(incidents.reasonNotToSend("ops|a", MessageKind.FIRST)).as("a redelivery of the announcement").isEmpty();
        incidents.settled("ops|a", MessageKind.FIRST, true);
        assertThat(incidents.reasonNotToSend("ops|a", MessageKind.UPDATE)).isEmpty();
    }

    @Test
    void aFailedFollowUpOfADeliveredAnnouncementHoldsNothingBack() {
        UnannouncedIncidents incidents = new UnannouncedIncidents();
        incidents.settled("ops|a", MessageKind.FIRST, true);
        incidents.settled("ops|a", MessageKind.UPDATE, false);

        assertThat(incidents.reasonNotToSend("ops|a", MessageKind.RESOLUTION)).isEmpty();
    }

    @Test
    void aCheckpointKeepsOnlyTheThreadsStillOpenAndARestoreContinuesThem() {
        UnannouncedIncidents before = new UnannouncedIncidents();
        before.settled("ops|a", MessageKind.FIRST, false);
        before.settled("ops|forgotten", MessageKind.FIRST, false);

        Set<String> checkpoint = before.snapshot(Set.of("ops|a", "ops|b"));
        assertThat(checkpoint).containsExactly("ops|a");
        UnannouncedIncidents after = new UnannouncedIncidents();
        after.restore(List.copyOf(checkpoint));
        assertThat(after.reasonNotToSend("ops|a", MessageKind.RESOLUTION)).isEqualTo(BEHIND);
    }
}
