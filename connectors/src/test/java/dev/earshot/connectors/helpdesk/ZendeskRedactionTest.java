package dev.earshot.connectors.helpdesk;

import static dev.earshot.connectors.helpdesk.BundledTickets.ZENDESK_ENV;
import static dev.earshot.connectors.helpdesk.BundledTickets.deleted;
import static dev.earshot.connectors.helpdesk.BundledTickets.deliverAll;
import static dev.earshot.connectors.helpdesk.BundledTickets.edited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.connectors.helpdesk.FakeHelpdesk.Request;
import dev.earshot.json.Json;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import dev.earshot.respond.helpdesk.IdempotencyKeys;
import dev.earshot.respond.helpdesk.TicketText;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A post deleted on its network leaves the Zendesk ticket it was delivered to: its text is redacted. A post edited
 * there has its earlier text redacted and its new text added in a private comment.
 */
class ZendeskRedactionTest extends HelpdeskRedactionScenarios {

    private static final String NEW_TEXT = "@CityCareDesk update: the tanker came at 9, thank you. Still no tap water.";

    private final FakeZendesk zendesk = new FakeZendesk();

    @Override
    FakeHelpdesk helpdesk() {
        return zendesk;
    }

    @Override
    String priorityUpdate() {
        return "{\"ticket\":{\"priority\":\"high\"}}";
    }

    @Override
    HelpdeskDelivery delivery() {
        HelpdeskSettings settings = HelpdeskSettings.of(HelpdeskKind.ZENDESK, zendesk.url(), "ZENDESK_EMAIL", "ZENDESK_API_TOKEN")
                .withDelivery(2, Duration.ofSeconds(2), 3, Duration.ofMillis(50), Duration.ofMillis(200));
        return new HelpdeskDelivery(settings, new HashMap<>(ZENDESK_ENV)::get, Clock.systemUTC());
    }

    @Test
    void aDeletedFirstPostIsRedactedFromTheOpeningComment() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        TicketPost first = last.posts().get(0);

        deliverAll(delivery, List.of(deleted(last, first.id())));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertGone(first);
        last.posts().subList(1, 4).forEach(this::assertKept);
        List<Request> redactions = zendesk.requests("PUT", "/api/v2/tickets/").stream()
                .filter(r -> r.path().endsWith("/redact")).toList();
        long openingComment = zendesk.comments.values().iterator().next().get(0).get("id").asLong();
        assertThat(redactions).isNotEmpty().allSatisfy(request -> {
            assertThat(request.path()).matches("/api/v2/tickets/\\d+/comments/" + openingComment + "/redact");
            assertThat(request.json().size()).isEqualTo(1);
            assertThat(request.json().get("text").asText()).isNotBlank();
            assertThat(request.headers().get("authorization")).isEqualTo(basicAuth());
            assertThat(request.status()).isEqualTo(200);
        });
        String note = lastComment();
        assertThat(note).contains("removed at the author's request", TicketText.REMOVED_MARKER + first.id())
                .doesNotContain(last.customer().handle());
        assertThat(delivery.counters().postsRemoved()).isEqualTo(1);
        DeliveredTicket state = delivery.snapshot().get(last.id());
        assertThat(state.postIds()).doesNotContain(first.id());
        assertThat(state.removedPostIds()).containsExactly(first.id());
    }

    @Test
    void aDeletedLaterPostIsRedactedFromItsCommentOnTheSecondPage() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        TicketPost fourth = last.posts().get(3);

        deliverAll(delivery, List.of(deleted(last, fourth.id())));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertGone(fourth);
        last.posts().subList(0, 3).forEach(this::assertKept);
        assertThat(zendesk.requests("GET", "/api/v2/tickets/")).anyMatch(r -> "page=2".equals(r.query()));
    }

    @Test
    void aDeletedPostTheHelpdeskNeverReceivedNeedsNothingAndIsNeverAddedLater() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions.subList(0, 2));
        TicketPost third = last.posts().get(2);

        deliverAll(delivery, List.of(deleted(last, third.id())));
        deliverAll(delivery, versions);

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertThat(zendesk.requests).noneMatch(r -> r.path().endsWith("/redact"));
        assertThat(allBodies()).noneMatch(body -> body.contains(third.text()) || body.contains(third.id()));
        assertKept(last.posts().get(3));
        assertThat(delivery.counters().postsRemoved()).isZero();
    }

    @Test
    void aDeletionAfterTheTicketClosedIsRedactedThroughTheAgentWorkspaceWithoutANote() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        ObjectNode ticket = zendesk.tickets.values().iterator().next();
        ticket.put("status", "closed");
        TicketPost second = last.posts().get(1);
        int commentsBefore = zendesk.comments.get(ticket.get("id").asLong()).size();
        int before = zendesk.requests.size();

        deliverAll(delivery, List.of(deleted(last, second.id())));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertGone(second);
        assertThat(allBodies()).as("not even a hash of its text stays").noneMatch(body -> body.contains(TicketText.fingerprint(second)));
        List.of(0, 2, 3).forEach(i -> assertKept(last.posts().get(i)));
        List<Request> changes = zendesk.requests.subList(before, zendesk.requests.size()).stream()
                .filter(r -> !r.method().equals("GET")).toList();
        long secondComment = zendesk.comments.get(ticket.get("id").asLong()).get(1).get("id").asLong();
        assertThat(changes).as("the classic endpoint refuses, once; the Agent Workspace one redacts the comment in one go")
                .extracting(Request::path, Request::status).containsExactly(
                        tuple("/api/v2/tickets/" + ticket.get("id").asLong() + "/comments/" + secondComment + "/redact", 422),
                        tuple("/api/v2/comment_redactions/" + secondComment, 200));
        assertThat(changes.get(1).json().get("ticket_id").asLong()).isEqualTo(ticket.get("id").asLong());
        assertThat(changes.get(1).json().get("html_body").asText()).contains("<redact>", " redact>");
        assertThat(zendesk.comments.get(ticket.get("id").asLong())).as("a closed ticket takes no note").hasSize(commentsBefore);
        assertThat(delivery.counters().postsRemoved()).isEqualTo(1);
        DeliveredTicket state = delivery.snapshot().get(last.id());
        assertThat(state.postIds()).doesNotContain(second.id());
        assertThat(state.removedPostIds()).containsExactly(second.id());
    }

    /**
     * As {@link #assertReplaysChangeNothing} for an open ticket: the redacted fingerprints on the post's marker stand
     * for the note a closed ticket could not take. Without state, a closed ticket refuses the priority a replay sets
     * (as before this fallback); what matters here is that nothing is redacted again and no note is tried.
     */
    @Test
    void aDeletionAfterTheTicketClosedIsReplayedWithoutRedactingTwice() throws Exception {
        TicketPost second = last.posts().get(1);
        HandoffTicket deletion = deleted(last, second.id());
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        Map<String, DeliveredTicket> beforeTheDeletion = delivery.snapshot();
        zendesk.tickets.values().forEach(ticket -> ticket.put("status", "closed"));
        deliverAll(delivery, List.of(deletion));
        assertThat(delivery.takeDeadLetters()).isEmpty();
        Map<String, DeliveredTicket> afterTheDeletion = delivery.snapshot();
        int requestsBefore = zendesk.requests.size();

        HelpdeskDelivery restored = delivery();
        restored.restore(afterTheDeletion);
        deliverAll(restored, versions);
        deliverAll(restored, List.of(deletion));
        assertThat(zendesk.requests).as("the restored state knows it all").hasSize(requestsBefore);

        HelpdeskDelivery olderState = delivery();
        olderState.restore(beforeTheDeletion);
        deliverAll(olderState, List.of(deletion));
        assertThat(olderState.takeDeadLetters()).isEmpty();
        assertThat(olderState.snapshot().get(last.id()).removedPostIds()).containsExactly(second.id());
        assertThat(zendesk.requests.subList(requestsBefore, zendesk.requests.size())).as("the marker says it was removed")
                .allMatch(r -> r.method().equals("GET"));

        HelpdeskDelivery withoutState = delivery();
        deliverAll(withoutState, versions);
        deliverAll(withoutState, List.of(deletion));
        assertThat(withoutState.takeDeadLetters()).extracting(DeadLetter::reason)
                .allMatch(reason -> reason.contains("closed prevents ticket update"));
        assertThat(zendesk.requests.subList(requestsBefore, zendesk.requests.size()))
                .as("no redaction again, no note: the read-back state knows the post is removed")
                .allMatch(r -> r.method().equals("GET") || r.body().equals(priorityUpdate()));

        DeliveredTicket readBack = DeliveredTicket.readBack("1", allBodies(), Instant.EPOCH);
        assertThat(readBack.removedPostIds()).as("what a restart without state reads back").containsExactly(second.id());
        assertThat(readBack.postsToRemove(deletion)).isEmpty();

        assertGone(second);
        assertThat(zendesk.requests("PUT", "/api/v2/comment_redactions/")).hasSize(1);
        assertThat(zendesk.comments.values().iterator().next()).noneMatch(c -> c.get("body").asText().contains("removed at"));
    }

    @Test
    void anEditedTextWithMarkupAndALinkIsRedactedFromTheHtmlOfAClosedTicket() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        TicketPost second = last.posts().get(1);
        String markup = "Fish & chips <b>cold</b> \"again\", see https://status.example/outage?id=7&x=1 isn't it";
        HandoffTicket edit = edited(last, second.id(), markup);
        deliverAll(delivery, List.of(edit));
        assertThat(zendesk.comments.values().iterator().next()).anyMatch(comment -> comment.get("html_body").asText()
                .contains("Fish &amp; chips &lt;b&gt;cold&lt;/b&gt; &quot;again&quot;, see <a href=\"https://status.example/outage?id=7&amp;x=1\""));
        zendesk.tickets.values().forEach(ticket -> ticket.put("status", "closed"));

        deliverAll(delivery, List.of(deleted(edit, second.id())));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertGone(second);
        assertGone(edit.posts().get(1));
        assertThat(allHtmlBodies()).noneMatch(html -> html.contains("status.example") || html.contains("chips"));
        assertThat(zendesk.requests("PUT", "/api/v2/comment_redactions/")).hasSize(2).allMatch(r -> r.status() == 200);
    }

    @Test
    void aDeletionGoesThroughWhenTheClosedTicketSendsTheNewPostsOfTheSameVersionToAFollowUp() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions.subList(0, 3));
        zendesk.tickets.values().forEach(ticket -> ticket.put("status", "closed"));
        long closedId = zendesk.tickets.keySet().iterator().next();
        TicketPost second = last.posts().get(1);
        TicketPost fourth = last.posts().get(3);

        deliverAll(delivery, List.of(deleted(last, second.id())));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertGone(second);
        ObjectNode followUp = zendesk.tickets.values().stream().filter(t -> t.get("id").asLong() != closedId).findFirst().orElseThrow();
        assertThat(followUp.at("/via/source/from/ticket_id").asLong()).isEqualTo(closedId);
        assertThat(zendesk.comments.get(followUp.get("id").asLong())).singleElement()
                .satisfies(comment -> assertThat(comment.get("body").asText()).contains(fourth.text()));
        assertThat(delivery.snapshot().get(last.id()).helpdeskIds())
                .containsExactly(Long.toString(closedId), followUp.get("id").asText());
    }

    @Test
    void aDeletionZendeskRefusesOnBothEndpointsIsADeadLetterSayingWhatToDoAndIsTriedAgainWithALaterVersion() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        zendesk.tickets.values().forEach(ticket -> ticket.put("status", "closed"));
        zendesk.agentWorkspace = false;
        TicketPost second = last.posts().get(1);
        HandoffTicket deletion = deleted(last, second.id());

        deliverAll(delivery, List.of(deletion));

        DeadLetter letter = delivery.takeDeadLetters().get(0);
        assertThat(letter.stage()).isEqualTo("helpdesk");
        assertThat(letter.reason()).matches("zendesk: PUT http://127\\.0\\.0\\.1:\\d+/api/v2/tickets/\\d+/comments/\\d+/redact was refused: HTTP 422: .*closed.*; "
                + "then Redact Ticket Comment In Agent Workspace: zendesk: PUT http://127\\.0\\.0\\.1:\\d+/api/v2/comment_redactions/\\d+ was refused: HTTP 403: .*")
                .contains("needs the Agent Workspace turned on and an API user allowed to redact", "cannot redact messaging or chat tickets",
                        "the ticket's next version tries again", "by hand");
        assertThat(letter.raw()).contains("\"removedPostIds\":[\"" + second.id() + "\"]");
        assertThat(allBodies()).as("not redacted, and the state still knows it is there").anyMatch(b -> b.contains(second.text()));
        assertThat(delivery.snapshot().get(last.id()).postIds()).contains(second.id());

        zendesk.agentWorkspace = true;
        deliverAll(delivery, List.of(deletion));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertGone(second);
    }

    @Test
    void aReplayAfterARestartRedactsNothingTwiceAndAddsNothingBack() throws Exception {
        TicketPost second = last.posts().get(1);

        assertReplaysChangeNothing(deleted(last, second.id()));

        assertGone(second);
    }

    @Test
    void anEditedFirstPostIsRedactedFromTheOpeningCommentAndShownInAPrivateComment() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        TicketPost first = last.posts().get(0);
        HandoffTicket edit = edited(last, first.id(), NEW_TEXT);
        TicketPost newFirst = edit.posts().get(0);
        int before = zendesk.requests.size();

        deliverAll(delivery, List.of(edit));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertThat(allBodies()).noneMatch(body -> body.contains(first.text()));
        last.posts().subList(1, 4).forEach(this::assertKept);
        assertKept(newFirst);
        long openingComment = zendesk.comments.values().iterator().next().get(0).get("id").asLong();
        List<Request> changes = zendesk.requests.subList(before, zendesk.requests.size()).stream()
                .filter(r -> !r.method().equals("GET")).toList();
        assertThat(changes).hasSize(3).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("PUT");
            assertThat(request.headers().get("authorization")).isEqualTo(basicAuth());
            assertThat(request.status()).isEqualTo(200);
        });
        assertThat(changes.subList(0, 2)).extracting(Request::path)
                .allMatch(path -> path.matches("/api/v2/tickets/\\d+/comments/" + openingComment + "/redact"));
        assertThat(changes.subList(0, 2)).extracting(Request::body)
                .containsExactly(Json.write(Map.of("text", first.text())), Json.write(Map.of("text", first.url())));
        Request comment = changes.get(2);
        assertThat(comment.path()).matches("/api/v2/tickets/\\d+\\.json");
        assertThat(comment.json().at("/ticket/comment/public").asBoolean(true)).isFalse();
        assertThat(comment.json().get("ticket").fieldNames()).toIterable().containsExactly("comment");
        assertThat(lastComment()).contains(last.customer().handle() + " on " + last.source() + " edited a post (Earshot saw the edit at ",
                NEW_TEXT, first.url(), TicketText.POST_MARKER + first.id() + TicketText.FINGERPRINT + TicketText.fingerprint(newFirst));
        assertThat(delivery.counters().postsEdited()).isEqualTo(1);
        assertThat(delivery.snapshot().get(last.id()).fingerprints().get(first.id()))
                .containsExactly(TicketText.fingerprint(first), TicketText.fingerprint(newFirst));
    }

    @Test
    void anEditedLaterPostIsRedactedFromItsCommentOnTheSecondPage() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        TicketPost fourth = last.posts().get(3);
        int before = zendesk.requests.size();

        deliverAll(delivery, List.of(edited(last, fourth.id(), NEW_TEXT)));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertThat(allBodies()).noneMatch(body -> body.contains(fourth.text()));
        assertThat(lastComment()).contains(NEW_TEXT, TicketText.POST_MARKER + fourth.id());
        last.posts().subList(0, 3).forEach(this::assertKept);
        long fourthComment = zendesk.comments.values().iterator().next().get(3).get("id").asLong();
        List<Request> after = zendesk.requests.subList(before, zendesk.requests.size());
        assertThat(after).filteredOn(r -> r.path().endsWith("/redact")).isNotEmpty()
                .allMatch(r -> r.path().endsWith("/comments/" + fourthComment + "/redact"));
        assertThat(after).anyMatch(r -> "page=2".equals(r.query()));
    }

    @Test
    void anEditOfAPostTheHelpdeskNeverReceivedArrivesAsANewPostWithItsNewTextOnly() throws Exception {
        HelpdeskDelivery delivery = delivery();
        TicketPost third = last.posts().get(2);

        HandoffTicket edit = deliverAnEditOfAPostNeverDelivered(delivery, NEW_TEXT);

        assertThat(zendesk.requests).noneMatch(r -> r.path().endsWith("/redact"));
        assertThat(allBodies()).noneMatch(body -> body.contains(third.text()) || body.contains("edited a post"));
        assertKept(edit.posts().get(2));
        assertKept(last.posts().get(3));
        assertThat(delivery.counters().postsEdited()).isZero();
    }

    /**
     * A closed ticket can be neither redacted by string nor commented on: the edit opens a follow-up that shows the new
     * text and says the closed ticket still shows the earlier one; later edits and replays go to that follow-up.
     */
    @Test
    void anEditOfAClosedTicketOpensAFollowUpSayingTheClosedTicketStillShowsTheEarlierText() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        ObjectNode closed = zendesk.tickets.values().iterator().next();
        closed.put("status", "closed");
        long closedId = closed.get("id").asLong();
        TicketPost second = last.posts().get(1);
        HandoffTicket edit = edited(last, second.id(), NEW_TEXT);
        int before = zendesk.requests.size();

        deliverAll(delivery, List.of(edit));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        List<Request> sent = zendesk.requests.subList(before, zendesk.requests.size());
        assertThat(sent).extracting(Request::method, Request::status).as("the comments, a refused redaction, the status, "
                        + "a lookup (the comments read once), the follow-up").containsExactly(tuple("GET", 200), tuple("GET", 200),
                tuple("PUT", 422), tuple("GET", 200), tuple("GET", 200), tuple("POST", 201));
        assertThat(sent.get(3).path()).as("the status, as the redaction's refusal does not say why")
                .isEqualTo("/api/v2/tickets/" + closedId + ".json");
        assertThat(sent.get(5).headers().get("idempotency-key")).isEqualTo(IdempotencyKeys.editFollowUp(last.id(), Long.toString(closedId)));
        ObjectNode followUp = zendesk.tickets.values().stream().filter(t -> t.get("id").asLong() != closedId).findFirst().orElseThrow();
        long followUpId = followUp.get("id").asLong();
        assertThat(followUp.at("/via/source/from/ticket_id").asLong()).isEqualTo(closedId);
        assertThat(zendesk.comments.get(followUpId)).singleElement().extracting(c -> c.get("body").asText()).asString()
                .startsWith("Follow-up of closed ticket #" + closedId + ", which holds the earlier posts: the customer edited one of them.")
                .contains("closed ticket #" + closedId + ", which takes no change, still shows the earlier text", NEW_TEXT,
                        second.url(), TicketText.POST_MARKER + second.id())
                .doesNotContain(second.text(), last.posts().get(0).text());
        assertKept(second);
        DeliveredTicket state = delivery.snapshot().get(last.id());
        assertThat(state.helpdeskIds()).containsExactly(Long.toString(closedId), Long.toString(followUpId));
        assertThat(state.editedPosts(edit)).isEmpty();

        int afterEdit = zendesk.requests.size();
        deliverAll(delivery, List.of(edit));
        HelpdeskDelivery withoutState = delivery();
        deliverAll(withoutState, List.of(edit));
        assertThat(withoutState.takeDeadLetters()).isEmpty();
        assertThat(zendesk.requests.subList(afterEdit, zendesk.requests.size())).as("a replay shows nothing again")
                .allMatch(r -> r.method().equals("GET") || r.body().equals(priorityUpdate()));

        String newer = "@CityCareDesk update 2: water is back";
        deliverAll(delivery, List.of(edited(last, second.id(), newer)));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertThat(zendesk.tickets).hasSize(2);
        assertThat(allBodies()).noneMatch(body -> body.contains(NEW_TEXT)).anyMatch(body -> body.contains(newer));
        assertKept(second);
    }

    @Test
    void aReplayedEditIsShownOnceWithStateOlderThanTheEditWithoutStateAndNeverGoesBackToTheOldText() throws Exception {
        TicketPost second = last.posts().get(1);

        assertReplaysChangeNothing(edited(last, second.id(), NEW_TEXT));

        assertThat(allBodies()).noneMatch(body -> body.contains(second.text()));
        assertThat(allBodies()).filteredOn(body -> body.contains(NEW_TEXT)).hasSize(1);
    }


    /** Nor in the comments' html_body, escaped or as a link. */
    @Override
    void assertGone(TicketPost post) {
        assertThat(allBodies()).noneMatch(body -> body.contains(post.text()) || body.contains(post.url()));
        String escaped = FakeZendesk.html(post.text()).replaceAll("<[^>]+>", "");
        assertThat(allHtmlBodies()).noneMatch(html -> html.contains(escaped) || html.contains(post.url().replace("&", "&amp;")));
    }

    private List<String> allHtmlBodies() {
        return zendesk.comments.values().stream().flatMap(List::stream).map(c -> c.get("html_body").asText()).toList();
    }

    private void assertKept(TicketPost post) {
        assertThat(allBodies()).anyMatch(body -> body.contains(post.text()) && body.contains(post.url()));
    }

    @Override
    List<String> allBodies() {
        return zendesk.comments.values().stream().flatMap(List::stream).map(c -> c.get("body").asText()).toList();
    }

    private String lastComment() {
        List<ObjectNode> comments = zendesk.comments.values().iterator().next();
        return comments.get(comments.size() - 1).get("body").asText();
    }

    private static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (FakeZendesk.EMAIL + "/token:" + FakeZendesk.TOKEN).getBytes(StandardCharsets.UTF_8));
    }
}
