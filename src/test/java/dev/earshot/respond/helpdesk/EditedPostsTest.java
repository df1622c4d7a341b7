package dev.earshot.respond.helpdesk;

import static dev.earshot.respond.helpdesk.HelpdeskRequestsTest.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.json.Json;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.SentimentLabel;
import dev.earshot.model.TicketPost;
import dev.earshot.model.TicketPriority;
import dev.earshot.model.TicketStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure decisions behind showing an edited post in a helpdesk: which posts, which text, the bodies. */
class EditedPostsTest {

    private static final TicketPost FIRST = new TicketPost("bluesky:1", Instant.parse("2026-03-04T05:12:00Z"),
            "Towed AGAIN near MG Road <b>😡</b>", "https://bsky.example/ramesh/p/1", -0.81, SentimentLabel.NEGATIVE);
    private static final TicketPost FIRST_EDITED = new TicketPost(FIRST.id(), FIRST.createdAt(),
            "Towed near MG Road, but they gave it back & apologised", FIRST.url(), -0.2, SentimentLabel.NEUTRAL);
    private static final TicketPost SECOND = new TicketPost("bluesky:2", Instant.parse("2026-03-04T06:00:00Z"),
            "still waiting\nsecond line", null, -0.9, SentimentLabel.NEGATIVE);
    private static final TicketPost SECOND_EDITED = new TicketPost(SECOND.id(), SECOND.createdAt(),
            "still waiting, 2 hours now", null, -0.9, SentimentLabel.NEGATIVE);
    private static final Instant SEEN = Instant.parse("2026-03-04T08:00:00Z");
    /** FIRST_EDITED as a network that says when it was edited (Mastodon's edited_at, Jetstream's time_us) gives it. */
    private static final TicketPost FIRST_EDITED_AT = new TicketPost(FIRST_EDITED.id(), FIRST_EDITED.createdAt(),
            FIRST_EDITED.text(), FIRST_EDITED.url(), FIRST_EDITED.sentimentScore(), FIRST_EDITED.label(),
            Instant.parse("2026-03-04T07:42:00Z"));
    private static final TicketPost SECOND_EDITED_AT = new TicketPost(SECOND_EDITED.id(), SECOND_EDITED.createdAt(),
            SECOND_EDITED.text(), null, SECOND_EDITED.sentimentScore(), SECOND_EDITED.label(), Instant.parse("2026-03-04T07:50:00Z"));

    private static final HandoffTicket BOTH = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, SECOND);
    private static final HandoffTicket FIRST_CHANGED = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST_EDITED, SECOND);

    @Test
    void aFingerprintIsShortAndChangesWithTheTextOrTheLink() {
        assertThat(TicketText.fingerprint(FIRST)).matches("[0-9a-f]{12}")
                .isEqualTo(TicketText.fingerprint(new TicketPost(FIRST.id(), SEEN, FIRST.text(), FIRST.url(), 0.5, null)))
                .isNotEqualTo(TicketText.fingerprint(FIRST_EDITED))
                .isNotEqualTo(TicketText.fingerprint(new TicketPost(FIRST.id(), FIRST.createdAt(), FIRST.text(), null, -0.81, null)));
    }

    @Test
    void aPostThatReadsOtherwiseIsAnEditButAnEarlierTextIsNeverShownAgain() {
        DeliveredTicket delivered = DeliveredTicket.opened("4014", BOTH, Instant.EPOCH);
        assertThat(delivered.fingerprints()).containsOnlyKeys(FIRST.id(), SECOND.id());
        assertThat(delivered.editedPosts(BOTH)).isEmpty();
        assertThat(delivered.editedPosts(FIRST_CHANGED)).containsExactly(FIRST_EDITED);
        assertThat(delivered.newPosts(FIRST_CHANGED)).as("an edit is not a new post").isEmpty();

        DeliveredTicket shown = delivered.withEdited(List.of(FIRST_EDITED), SEEN);
        assertThat(shown.editedPosts(FIRST_CHANGED)).as("applied once").isEmpty();
        assertThat(shown.editedPosts(BOTH)).as("a replayed older version does not bring the old text back").isEmpty();
        assertThat(shown.fingerprints().get(FIRST.id()))
                .containsExactly(TicketText.fingerprint(FIRST), TicketText.fingerprint(FIRST_EDITED));
        assertThat(shown.editedPosts(ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST_EDITED, SECOND_EDITED)))
                .containsExactly(SECOND_EDITED);
        assertThat(Json.read(Json.write(shown), DeliveredTicket.class)).isEqualTo(shown);
    }

    /**
     * The agent must read what the customer says now, so an edit back to an earlier text is shown when the network's
     * edit time says it is newer than the text shown; without such a time it cannot be told from a replay, and is not.
     */
    @Test
    void anEditBackToAnEarlierTextIsShownWhenTheNetworkSaysItIsNewerButAReplayIsNot() {
        TicketPost backAt = new TicketPost(FIRST.id(), FIRST.createdAt(), FIRST.text(), FIRST.url(), FIRST.sentimentScore(),
                FIRST.label(), FIRST_EDITED_AT.editedAt().plusSeconds(600));
        HandoffTicket edited = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST_EDITED_AT, SECOND);
        HandoffTicket editedBack = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, backAt, SECOND);
        DeliveredTicket showsEdit = DeliveredTicket.opened("4014", BOTH, Instant.EPOCH).withEdited(List.of(FIRST_EDITED_AT), SEEN);

        assertThat(showsEdit.shownEditedAt()).containsExactly(Map.entry(FIRST.id(), FIRST_EDITED_AT.editedAt()));
        assertThat(showsEdit.editedPosts(editedBack)).containsExactly(backAt);
        assertThat(showsEdit.editedPosts(BOTH)).as("the first version replayed").isEmpty();
        DeliveredTicket showsBack = showsEdit.withEdited(List.of(backAt), SEEN);
        assertThat(showsBack.editedPosts(editedBack)).as("applied once").isEmpty();
        assertThat(showsBack.editedPosts(edited)).as("the edit replayed: older than the text shown").isEmpty();
        assertThat(showsBack.editedPosts(ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST_EDITED, SECOND)))
                .as("an edit back without the network's time cannot be told from a replay").isEmpty();
        assertThat(Json.read(Json.write(showsBack), DeliveredTicket.class)).isEqualTo(showsBack);

        String opening = TicketText.body(BOTH, BOTH.posts(), true);
        String edit = TicketText.editBody(edited, List.of(FIRST_EDITED_AT), SEEN);
        String back = TicketText.editBody(editedBack, List.of(backAt), SEEN);
        assertThat(back).contains(TicketText.POST_MARKER + FIRST.id() + TicketText.FINGERPRINT + TicketText.fingerprint(FIRST)
                + TicketText.EDITED + backAt.editedAt());
        DeliveredTicket readBack = DeliveredTicket.readBack("4014", List.of(opening, edit, back), SEEN);
        assertThat(readBack.shownEditedAt()).as("without state, from the markers").isEqualTo(showsBack.shownEditedAt());
        assertThat(readBack.editedPosts(edited)).isEmpty();
        assertThat(readBack.editedPosts(editedBack)).isEmpty();
        assertThat(DeliveredTicket.readBack("4014", List.of(opening, edit), SEEN).editedPosts(editedBack)).containsExactly(backAt);
        assertThat(IdempotencyKeys.version(editedBack)).as("a webhook takes it as a new version")
                .isNotEqualTo(IdempotencyKeys.version(BOTH));
    }

    @Test
    void anEditShownInAFollowUpSaysTheClosedTicketStillShowsTheEarlierText() {
        String body = TicketText.followUpEditBody(FIRST_CHANGED, List.of(FIRST_EDITED), "4014", SEEN);

        assertThat(body).startsWith("Follow-up of closed ticket #4014, which holds the earlier posts: the customer edited one of "
                        + "them.\n\n@ramesh on bluesky edited a post (Earshot saw the edit at 2026-03-04T08:00:00Z); closed ticket "
                        + "#4014, which takes no change, still shows the earlier text:\n")
                .contains(FIRST_EDITED.text(), FIRST.url()).doesNotContain(FIRST.text(), SECOND.text());
        assertThat(TicketText.postLines(body, FIRST.id())).as("what a later edit or deletion redacts, not its time")
                .containsExactly(FIRST_EDITED.text(), FIRST.url());
        assertThat(TicketText.postLines(TicketText.followUpBody(BOTH, List.of(SECOND), "4014"), SECOND.id()))
                .as("nor in a follow-up of new posts").containsExactly("still waiting", "second line");
        DeliveredTicket readBack = DeliveredTicket.readBack("4020", List.of("4014"),
                List.of(TicketText.body(BOTH, BOTH.posts(), true), body), SEEN);
        assertThat(readBack.editedPosts(FIRST_CHANGED)).as("shown").isEmpty();
        assertThat(readBack.editedPosts(BOTH)).as("the closed ticket's text is the earlier one").isEmpty();
    }

    @Test
    void anEditOfAPostTheHelpdeskNeverReceivedIsNoEditButANewPost() {
        DeliveredTicket firstOnly = DeliveredTicket.opened("4014", ticket(TicketStatus.OPEN, TicketPriority.HIGH, FIRST), Instant.EPOCH);
        HandoffTicket secondEdited = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, SECOND_EDITED);

        assertThat(firstOnly.editedPosts(secondEdited)).isEmpty();
        assertThat(firstOnly.newPosts(secondEdited)).containsExactly(SECOND_EDITED);
        assertThat(firstOnly.with(List.of(SECOND_EDITED), TicketPriority.HIGH, SEEN).editedPosts(secondEdited)).isEmpty();
    }

    @Test
    void deletionWinsOverAnEdit() {
        DeliveredTicket delivered = DeliveredTicket.opened("4014", BOTH, Instant.EPOCH);
        HandoffTicket editedAndDeleted = withRemoved(FIRST_CHANGED, FIRST.id());

        assertThat(delivered.editedPosts(editedAndDeleted)).as("the version says it is deleted").isEmpty();
        DeliveredTicket removed = delivered.withRemoved(List.of(FIRST.id()), SEEN);
        assertThat(removed.fingerprints()).as("nothing kept of a deleted post").containsOnlyKeys(SECOND.id());
        assertThat(removed.editedPosts(FIRST_CHANGED)).as("an older edit replayed after the deletion").isEmpty();
        assertThat(removed.newPosts(FIRST_CHANGED)).isEmpty();
    }

    @Test
    void stateWrittenBeforeFingerprintsRestoresAndSendsNoEdit() {
        DeliveredTicket old = Json.read("{\"helpdeskId\":\"4014\",\"postIds\":[\"bluesky:1\",\"bluesky:2\"],"
                + "\"priority\":\"HIGH\",\"deliveredAt\":\"2026-03-04T06:00:00Z\"}", DeliveredTicket.class);

        assertThat(old.fingerprints()).isEmpty();
        assertThat(old.editedPosts(FIRST_CHANGED)).as("unknown text: not re-sent").isEmpty();
        assertThat(old.newPosts(FIRST_CHANGED)).isEmpty();
        assertThat(Json.write(old)).doesNotContain("fingerprints");
        assertThat(old.with(List.of(), TicketPriority.HIGH, SEEN).editedPosts(FIRST_CHANGED)).isEmpty();
    }

    @Test
    void aZendeskEditCommentCarriesTheNewTextUnderThePostsMarker() {
        String opening = TicketText.body(BOTH, BOTH.posts(), true);
        String edit = ZendeskRequests.editedComment(FIRST_CHANGED, List.of(FIRST_EDITED), SEEN).at("/ticket/comment/body").asText();

        assertThat(edit).startsWith("@ramesh on bluesky edited a post (Earshot saw the edit at 2026-03-04T08:00:00Z)")
                .contains(FIRST_EDITED.text(), FIRST.url(), "edited, seen at 2026-03-04T08:00:00Z",
                        TicketText.POST_MARKER + FIRST.id() + TicketText.FINGERPRINT + TicketText.fingerprint(FIRST_EDITED))
                .doesNotContain(FIRST.text(), SECOND.text());
        assertThat(ZendeskRequests.editedComment(FIRST_CHANGED, List.of(FIRST_EDITED), SEEN).at("/ticket/comment/public").asBoolean(true))
                .isFalse();
        assertThat(TicketText.markedPostIds(edit)).containsExactly(FIRST.id());
        assertThat(TicketText.postLines(edit, FIRST.id())).containsExactly(FIRST_EDITED.text(), FIRST.url());
        assertThat(TicketText.postLines(opening, FIRST.id())).as("what is redacted").containsExactly(FIRST.text(), FIRST.url());
        assertThat(TicketText.fingerprintTokens(opening, FIRST.id())).as("redacted too once deleted")
                .containsExactly("text:" + TicketText.fingerprint(FIRST));
        assertThat(TicketText.fingerprintTokens(edit, SECOND.id())).isEmpty();

        DeliveredTicket readBack = DeliveredTicket.readBack("4014", List.of(opening, edit), SEEN);
        assertThat(readBack.postIds()).containsExactly(FIRST.id(), SECOND.id());
        assertThat(readBack.fingerprints().get(FIRST.id()))
                .containsExactly(TicketText.fingerprint(FIRST), TicketText.fingerprint(FIRST_EDITED));
        assertThat(readBack.editedPosts(FIRST_CHANGED)).isEmpty();
        assertThat(readBack.editedPosts(BOTH)).as("without state, an old text is not shown again either").isEmpty();
    }

    @Test
    void aZendeskEditCommentGivesTheNetworksEditTimeWhenItSaysOne() {
        HandoffTicket changed = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST_EDITED_AT, SECOND);
        String edit = ZendeskRequests.editedComment(changed, List.of(FIRST_EDITED_AT), SEEN).at("/ticket/comment/body").asText();

        assertThat(edit).startsWith("@ramesh on bluesky edited a post at 2026-03-04T07:42:00Z; the earlier text was redacted above:")
                .contains("\n2026-03-04T05:12:00Z · sentiment -0.20 (NEUTRAL) · edited at 2026-03-04T07:42:00Z\n" + FIRST_EDITED.text())
                .doesNotContain("Earshot saw", "seen at", SEEN.toString());
        assertThat(TicketText.fingerprint(FIRST_EDITED_AT)).as("the time is not part of what a marker fingerprints")
                .isEqualTo(TicketText.fingerprint(FIRST_EDITED));
        assertThat(TicketText.markedPostIds(edit)).containsExactly(FIRST.id());
        assertThat(TicketText.postLines(edit, FIRST.id())).containsExactly(FIRST_EDITED.text(), FIRST.url());
        assertThat(ZendeskRequests.editedComment(changed, List.of(FIRST_EDITED_AT), SEEN.plusSeconds(3600)))
                .as("a replay seen later writes the same comment").isEqualTo(ZendeskRequests.editedComment(changed, List.of(FIRST_EDITED_AT), SEEN));

        HandoffTicket both = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST_EDITED_AT, SECOND_EDITED_AT);
        assertThat(TicketText.editBody(both, List.of(FIRST_EDITED_AT, SECOND_EDITED_AT), SEEN))
                .startsWith("@ramesh on bluesky edited 2 posts; the earlier text was redacted above:")
                .contains("edited at 2026-03-04T07:42:00Z", "edited at 2026-03-04T07:50:00Z").doesNotContain("seen at");
        assertThat(TicketText.editBody(both, List.of(FIRST_EDITED_AT, SECOND_EDITED), SEEN))
                .as("a post without the network's time says when Earshot saw it")
                .startsWith("@ramesh on bluesky edited 2 posts (Earshot saw the edit at 2026-03-04T08:00:00Z);")
                .contains("edited at 2026-03-04T07:42:00Z", "edited, seen at 2026-03-04T08:00:00Z");
    }

    @Test
    void aFreshdeskRewriteGivesTheNetworksEditTimeWhenItSaysOne() {
        String html = TicketText.html(TicketText.body(BOTH, BOTH.posts(), true));

        String rewritten = TicketText.withPostEdited(html, FIRST_EDITED_AT, SEEN);

        assertThat(rewritten).contains("(NEUTRAL) · edited at 2026-03-04T07:42:00Z<br>Towed near MG Road")
                .doesNotContain("seen at", SEEN.toString());
        assertThat(rewritten.replace("edited at 2026-03-04T07:42:00Z", "edited, seen at 2026-03-04T08:00:00Z")
                .replace(TicketText.EDITED + "2026-03-04T07:42:00Z", ""))
                .as("only the time differs from an edit the network gave no time for")
                .isEqualTo(TicketText.withPostEdited(html, FIRST_EDITED, SEEN));
        assertThat(TicketText.withPostEdited(rewritten, FIRST_EDITED_AT, SEEN.plusSeconds(60))).isEqualTo(rewritten);
    }

    @Test
    void markersWrittenBeforeFingerprintsLeaveTheTextUnknown() {
        String old = TicketText.body(BOTH, BOTH.posts(), true).replaceAll(" text:[0-9a-f]{12}", "");

        DeliveredTicket readBack = DeliveredTicket.readBack("4014", List.of(old), SEEN);

        assertThat(readBack.postIds()).containsExactly(FIRST.id(), SECOND.id());
        assertThat(readBack.fingerprints()).isEmpty();
        assertThat(readBack.editedPosts(FIRST_CHANGED)).isEmpty();
        assertThat(TicketText.postLines(old, SECOND.id())).containsExactly("still waiting", "second line");
    }

    @Test
    void aFreshdeskBodyIsRewrittenWithTheEditedPostInPlaceAndKeepsTheOthers() {
        String html = TicketText.html(TicketText.body(BOTH, BOTH.posts(), true)).replace("<br>", "<br />");

        String rewritten = TicketText.withPostEdited(html, FIRST_EDITED, SEEN);

        assertThat(rewritten).doesNotContain("Towed AGAIN")
                .contains("Towed near MG Road, but they gave it back &amp; apologised<br />" + FIRST.url(),
                        "edited, seen at 2026-03-04T08:00:00Z", "still waiting<br />second line", "Why: ")
                .startsWith("<div>@ramesh on bluesky wrote to @CityCareDesk:<br /><br />2026-03-04T05:12:00Z");
        assertThat(TicketText.markedPostIds(rewritten)).containsExactly(FIRST.id(), SECOND.id());
        assertThat(TicketText.shownFingerprints(List.of(rewritten))).isEqualTo(Map.of(
                FIRST.id(), List.of(TicketText.fingerprint(FIRST), TicketText.fingerprint(FIRST_EDITED)),
                SECOND.id(), List.of(TicketText.fingerprint(SECOND))));
        assertThat(TicketText.withPostEdited(rewritten, FIRST_EDITED, SEEN.plusSeconds(60)))
                .as("the same text again changes only the time it was seen")
                .isEqualTo(rewritten.replace("08:00:00Z", "08:01:00Z"));

        String plain = TicketText.withPostEdited(TicketText.body(BOTH, BOTH.posts(), true), SECOND_EDITED, SEEN);
        assertThat(plain).contains(FIRST.text(), "\n" + SECOND_EDITED.text() + "\n" + TicketText.POST_MARKER + SECOND.id())
                .doesNotContain("second line");
        assertThat(TicketText.withoutPost(TicketText.withPostEdited(html, FIRST_EDITED, SEEN), FIRST.id()))
                .as("a deletion after an edit leaves no text nor fingerprint of either")
                .doesNotContain("Towed", TicketText.fingerprint(FIRST), TicketText.fingerprint(FIRST_EDITED), "08:00:00Z");
        assertThat(TicketText.withPostEdited(html, new TicketPost("bluesky:9", SEEN, "x", null, 0, null), SEEN)).isEqualTo(html);
    }

    @Test
    void aVersionWithAnEditedPostHasItsOwnIdempotencyKey() {
        assertThat(IdempotencyKeys.version(FIRST_CHANGED)).isNotEqualTo(IdempotencyKeys.version(BOTH))
                .startsWith("earshot-abc123-2-");
    }

    private static HandoffTicket withRemoved(HandoffTicket ticket, String removedId) {
        List<TicketPost> posts = ticket.posts().stream().filter(post -> !post.id().equals(removedId)).toList();
        return new HandoffTicket(ticket.id(), ticket.conversationKey(), ticket.status(), ticket.source(), ticket.customer(),
                ticket.account(), posts, ticket.topics(), ticket.location(), posts.stream().map(TicketPost::sentimentScore).toList(),
                ticket.priority(), ticket.linkedAlertIds(), ticket.reasons(), ticket.openedAt(), ticket.updatedAt(),
                List.of(removedId));
    }
}
