package dev.earshot.respond.helpdesk;

import static dev.earshot.respond.helpdesk.HelpdeskRequestsTest.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.HandoffTicket;
import dev.earshot.model.SentimentLabel;
import dev.earshot.model.TicketPost;
import dev.earshot.model.TicketPriority;
import dev.earshot.model.TicketStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A state restored from a checkpoint, brought up to what the helpdesk ticket shows after it (a crash, a replay). */
class RestoredStateReadBackTest {

    private static final TicketPost FIRST = new TicketPost("mastodon:1", Instant.parse("2026-03-03T16:00:00Z"),
            "day one without tap water", "https://mastodon.example/@a/1", -0.8, SentimentLabel.NEGATIVE);
    private static final TicketPost SECOND = new TicketPost("mastodon:2", Instant.parse("2026-03-03T16:45:00Z"),
            "day two without tap water", "https://mastodon.example/@a/2", -0.96, SentimentLabel.NEGATIVE);
    private static final TicketPost SECOND_EDITED = new TicketPost(SECOND.id(), SECOND.createdAt(),
            "day two without tap water, still no tanker", SECOND.url(), -0.9, SentimentLabel.NEGATIVE);
    private static final TicketPost THIRD = new TicketPost("mastodon:3", Instant.parse("2026-03-03T18:00:00Z"),
            "day three", null, -0.7, SentimentLabel.NEGATIVE);
    private static final Instant NOW = Instant.parse("2026-03-03T19:00:00Z");

    private static final HandoffTicket ONE = ticket(TicketStatus.OPEN, TicketPriority.NORMAL, FIRST);
    private static final HandoffTicket TWO = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, SECOND);
    private static final HandoffTicket THREE = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, SECOND, THIRD);
    /** The checkpoint: the ticket opened with its first post. */
    private static final DeliveredTicket CHECKPOINT = DeliveredTicket.opened("1000", ONE, NOW.minusSeconds(60));

    @Test
    void aPostDeliveredAfterTheCheckpointIsHeldAndALaterOneIsStillNew() {
        List<String> shown = List.of(TicketText.body(ONE, ONE.posts(), true), TicketText.body(TWO, List.of(SECOND), false));

        DeliveredTicket restored = CHECKPOINT.withReadBack(DeliveredTicket.readBack("1000", shown, NOW));

        assertThat(CHECKPOINT.newPosts(TWO)).as("the checkpoint alone would send it again").containsExactly(SECOND);
        assertThat(restored.newPosts(TWO)).isEmpty();
        assertThat(restored.newPosts(THREE)).containsExactly(THIRD);
        assertThat(restored.postIds()).containsExactly(FIRST.id(), SECOND.id());
        assertThat(restored.priority()).as("markers do not tell the priority: the checkpoint's").isEqualTo(TicketPriority.NORMAL);
        assertThat(restored.editedPosts(TWO)).as("the text delivered is known").isEmpty();
        assertThat(restored.reopenPending()).as("an agent may have finished the ticket after reading them: not reopened")
                .isFalse();
    }

    @Test
    void anEditOrARemovalShownAfterTheCheckpointIsNeitherShownAgainNorUndone() {
        DeliveredTicket twoPosts = DeliveredTicket.opened("1000", TWO, NOW.minusSeconds(60));
        HandoffTicket edit = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, SECOND_EDITED);
        List<String> edited = List.of(TicketText.body(TWO, TWO.posts(), true), TicketText.editBody(edit, List.of(SECOND_EDITED), NOW));

        DeliveredTicket afterEdit = twoPosts.withReadBack(DeliveredTicket.readBack("1000", edited, NOW));
        assertThat(twoPosts.editedPosts(edit)).as("the checkpoint alone would show it again").containsExactly(SECOND_EDITED);
        assertThat(afterEdit.editedPosts(edit)).isEmpty();
        assertThat(afterEdit.editedPosts(TWO)).as("the replayed older text is not brought back").isEmpty();

        List<String> removed = List.of(TicketText.withoutPost(TicketText.body(TWO, TWO.posts(), true), SECOND.id()));
        DeliveredTicket afterRemoval = twoPosts.withReadBack(DeliveredTicket.readBack("1000", removed, NOW));
        assertThat(afterRemoval.postIds()).containsExactly(FIRST.id());
        assertThat(afterRemoval.removedPostIds()).containsExactly(SECOND.id());
        assertThat(afterRemoval.newPosts(TWO)).as("a removed post is never added back").isEmpty();
        assertThat(afterRemoval.fingerprints()).containsOnlyKeys(FIRST.id());
    }
}
