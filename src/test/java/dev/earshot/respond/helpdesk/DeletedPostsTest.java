package dev.earshot.respond.helpdesk;

import static dev.earshot.respond.helpdesk.HelpdeskRequestsTest.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.json.Json;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.SentimentLabel;
import dev.earshot.model.TicketPost;
import dev.earshot.model.TicketPriority;
import dev.earshot.model.TicketStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure decisions behind removing a deleted post from a helpdesk: which posts, where their text is, the bodies. */
class DeletedPostsTest {

    private static final TicketPost FIRST = new TicketPost("bluesky:1", Instant.parse("2026-03-04T05:12:00Z"),
            "Towed AGAIN near MG Road <b>😡</b>", "https://bsky.example/ramesh/p/1", -0.81, SentimentLabel.NEGATIVE);
    private static final TicketPost SECOND = new TicketPost("bluesky:2", Instant.parse("2026-03-04T06:00:00Z"),
            "still waiting\nsecond line", null, -0.9, SentimentLabel.NEGATIVE);
    private static final TicketPost THIRD = new TicketPost("bluesky:3", Instant.parse("2026-03-04T07:00:00Z"),
            "hello?", "https://bsky.example/ramesh/p/3", -0.5, SentimentLabel.NEGATIVE);

    private static final HandoffTicket ALL = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, SECOND, THIRD);
    private static final String PLAIN = TicketText.body(ALL, ALL.posts(), true);

    @Test
    void thePostLinesToRedactAreItsTextAndLinkOnly() {
        assertThat(TicketText.postLines(PLAIN, FIRST.id())).containsExactly(FIRST.text(), FIRST.url());
        assertThat(TicketText.postLines(PLAIN, SECOND.id())).containsExactly("still waiting", "second line");
        assertThat(TicketText.postLines(PLAIN, "bluesky:9")).isEmpty();
        assertThat(TicketText.postLines(PLAIN, "bluesky:")).as("a prefix of an id is not the id").isEmpty();

        String redacted = PLAIN.replace(FIRST.text(), "▇".repeat(10)).replace(FIRST.url(), "▇▇▇");
        assertThat(TicketText.postLines(redacted, FIRST.id())).as("nothing left to redact").isEmpty();
    }

    @Test
    void aMarkerWhoseFingerprintsWereRedactedSaysItsPostIsRemovedAsAClosedZendeskTicketTakesNoNote() {
        String redacted = PLAIN;
        for (String token : TicketText.fingerprintTokens(PLAIN, SECOND.id())) {
            redacted = redacted.replace(token, "▇".repeat(token.length()));
        }

        assertThat(TicketText.removedPostIds(PLAIN)).isEmpty();
        assertThat(TicketText.removedPostIds(redacted)).containsExactly(SECOND.id());
        DeliveredTicket read = DeliveredTicket.readBack("7", List.of(redacted), Instant.EPOCH);
        assertThat(read.postIds()).containsExactly(FIRST.id(), THIRD.id());
        assertThat(read.removedPostIds()).containsExactly(SECOND.id());
    }

    @Test
    void aBodyWithoutAPostKeepsTheOthersAndSaysTheRemovedOneIsGone() {
        String without = TicketText.withoutPost(PLAIN, SECOND.id());

        assertThat(without).doesNotContain("still waiting", "second line", "06:00:00Z", TicketText.POST_MARKER + SECOND.id())
                .contains(FIRST.text(), FIRST.url(), THIRD.text(), THIRD.url(), "Why: ", TicketText.REMOVED_NOTE);
        assertThat(TicketText.markedPostIds(without)).containsExactly(FIRST.id(), THIRD.id());
        assertThat(TicketText.removedPostIds(without)).containsExactly(SECOND.id());
        assertThat(TicketText.withoutPost(without, SECOND.id())).as("once is enough").isEqualTo(without);
        assertThat(TicketText.withoutPost(PLAIN, "bluesky:9")).isEqualTo(PLAIN);
    }

    @Test
    void anHtmlBodyLosesTheFirstPostEvenWhenTheHelpdeskRewroteItsLineBreaks() {
        String html = TicketText.html(PLAIN).replace("<br>", "<br />");

        String without = TicketText.withoutPost(html, FIRST.id());

        assertThat(without).doesNotContain("Towed AGAIN", FIRST.url(), "05:12:00Z")
                .startsWith("<div>@ramesh on bluesky wrote to @CityCareDesk:<br /><br />" + TicketText.REMOVED_NOTE
                        + "<br />" + TicketText.REMOVED_MARKER + FIRST.id() + "<br /><br />2026-03-04T06:00:00Z")
                .contains("still waiting<br />second line", THIRD.url());
        assertThat(TicketText.markedPostIds(without)).containsExactly(SECOND.id(), THIRD.id());
    }

    @Test
    void onlyPostsAVersionSaysWereDeletedAreRemovedAndNoneIsAddedAgain() {
        DeliveredTicket delivered = DeliveredTicket.opened("4014", ALL, Instant.EPOCH);
        HandoffTicket older = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, SECOND);
        HandoffTicket deletion = withRemoved(ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, THIRD), SECOND.id());

        assertThat(delivered.postsToRemove(older)).as("merely missing from an older version").isEmpty();
        assertThat(delivered.removalsPending(older)).isFalse();
        assertThat(delivered.postsToRemove(deletion)).containsExactly(SECOND.id());
        assertThat(delivered.removalsPending(deletion)).isTrue();

        DeliveredTicket after = delivered.withRemoved(deletion.removedPostIds(), Instant.EPOCH);
        assertThat(after.postIds()).containsExactly(FIRST.id(), THIRD.id());
        assertThat(after.removedPostIds()).containsExactly(SECOND.id());
        assertThat(after.postsToRemove(deletion)).isEmpty();
        assertThat(after.removalsPending(deletion)).isFalse();
        assertThat(after.newPosts(older)).as("a replayed older version does not bring it back").isEmpty();
        assertThat(DeliveredTicket.opened("4014", ticket(TicketStatus.OPEN, TicketPriority.NORMAL, FIRST), Instant.EPOCH)
                .newPosts(deletion)).as("never delivered, never sent").containsExactly(THIRD);
        assertThat(Json.read(Json.write(after), DeliveredTicket.class)).isEqualTo(after);
        assertThat(Json.write(delivered)).doesNotContain("removedPostIds");
    }

    @Test
    void theRequestBodiesCarryNoTextOfTheDeletedPost() {
        assertThat(ZendeskRequests.redact("still waiting").toString()).isEqualTo("{\"text\":\"still waiting\"}");
        JsonNode note = ZendeskRequests.removalNote(List.of(SECOND.id()));
        assertThat(note.at("/ticket/comment/public").asBoolean(true)).isFalse();
        assertThat(note.at("/ticket/comment/body").asText())
                .isEqualTo("1 post removed at the author's request (deleted on the network); its text was redacted above.\n"
                        + TicketText.REMOVED_MARKER + SECOND.id() + "\n");
        assertThat(TicketText.removedPostIds(note.at("/ticket/comment/body").asText())).containsExactly(SECOND.id());
        assertThat(FreshdeskRequests.description("<div>x</div>").toString()).isEqualTo("{\"description\":\"<div>x</div>\"}");
        assertThat(FreshdeskRequests.noteBody("<div>x</div>").toString()).isEqualTo("{\"body\":\"<div>x</div>\"}");
    }

    @Test
    void aVersionWithoutADeletedPostHasItsOwnIdempotencyKey() {
        HandoffTicket twoPosts = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, THIRD);
        HandoffTicket deletion = withRemoved(twoPosts, SECOND.id());

        assertThat(IdempotencyKeys.version(twoPosts)).matches("earshot-abc123-2-[0-9a-f]{12}");
        assertThat(IdempotencyKeys.version(deletion)).matches("earshot-abc123-2-removed-1-[0-9a-f]{12}");
    }

    private static HandoffTicket withRemoved(HandoffTicket ticket, String removedId) {
        return new HandoffTicket(ticket.id(), ticket.conversationKey(), ticket.status(), ticket.source(), ticket.customer(),
                ticket.account(), ticket.posts(), ticket.topics(), ticket.location(), ticket.sentimentTrajectory(),
                ticket.priority(), ticket.linkedAlertIds(), ticket.reasons(), ticket.openedAt(), ticket.updatedAt(),
                List.of(removedId));
    }
}
