package dev.earshot.connectors.helpdesk;

import static dev.earshot.connectors.helpdesk.BundledTickets.ZENDESK_ENV;
import static dev.earshot.connectors.helpdesk.BundledTickets.deleted;
import static dev.earshot.connectors.helpdesk.BundledTickets.deliverAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.connectors.helpdesk.FakeHelpdesk.Request;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import dev.earshot.respond.helpdesk.TicketText;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A post deleted on its network leaves the Zendesk ticket it was delivered to: its text is redacted. */
class ZendeskRedactionTest {

    private final FakeZendesk zendesk = new FakeZendesk();
    /** One conversation's versions: 1 to 4 posts, so its comments span two pages of the fake's comment list. */
    private final List<HandoffTicket> versions = BundledTickets.versions().subList(3, 7);
    private final HandoffTicket last = versions.get(3);

    @AfterEach
    void noRequestTheRealApiWouldRefuse() {
        assertThat(zendesk.violations).isEmpty();
        zendesk.close();
    }

    private HelpdeskDelivery delivery() {
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
    void aRedactionZendeskRefusesIsADeadLetterAndIsTriedAgainWithALaterVersion() throws Exception {
        HelpdeskDelivery delivery = delivery();
        deliverAll(delivery, versions);
        ObjectNode ticket = zendesk.tickets.values().iterator().next();
        ticket.put("status", "closed");
        TicketPost second = last.posts().get(1);
        HandoffTicket deletion = deleted(last, second.id());

        deliverAll(delivery, List.of(deletion));

        DeadLetter letter = delivery.takeDeadLetters().get(0);
        assertThat(letter.stage()).isEqualTo("helpdesk");
        assertThat(letter.reason()).matches("zendesk: PUT /api/v2/tickets/\\d+/comments/\\d+/redact was refused: HTTP 422: .*closed.*");
        assertThat(letter.raw()).contains("\"removedPostIds\":[\"" + second.id() + "\"]");
        assertThat(allBodies()).as("not redacted, and the state still knows it is there").anyMatch(b -> b.contains(second.text()));

        ticket.put("status", "open");
        deliverAll(delivery, List.of(deletion));

        assertThat(delivery.takeDeadLetters()).isEmpty();
        assertGone(second);
    }

    @Test
    void aReplayAfterARestartRedactsNothingTwiceAndAddsNothingBack() throws Exception {
        HelpdeskDelivery delivery = delivery();
        TicketPost second = last.posts().get(1);
        HandoffTicket deletion = deleted(last, second.id());
        deliverAll(delivery, versions);
        deliverAll(delivery, List.of(deletion));
        Map<String, DeliveredTicket> checkpoint = delivery.snapshot();
        int requestsBefore = zendesk.requests.size();
        int commentsBefore = zendesk.comments.values().iterator().next().size();

        HelpdeskDelivery restored = delivery();
        restored.restore(checkpoint);
        deliverAll(restored, versions);
        deliverAll(restored, List.of(deletion));
        assertThat(zendesk.requests).as("the restored state knows it all").hasSize(requestsBefore);

        HelpdeskDelivery withoutState = delivery();
        deliverAll(withoutState, versions);
        deliverAll(withoutState, List.of(deletion));

        assertThat(withoutState.takeDeadLetters()).isEmpty();
        assertThat(zendesk.requests.subList(requestsBefore, zendesk.requests.size()))
                .as("look-ups (and the priority, unknown without state): the markers say what was removed")
                .allMatch(r -> r.method().equals("GET") || r.body().equals("{\"ticket\":{\"priority\":\"high\"}}"));
        assertThat(zendesk.comments.values().iterator().next()).hasSize(commentsBefore);
        assertGone(second);
    }

    private void assertGone(TicketPost post) {
        assertThat(allBodies()).noneMatch(body -> body.contains(post.text()) || body.contains(post.url()));
    }

    private void assertKept(TicketPost post) {
        assertThat(allBodies()).anyMatch(body -> body.contains(post.text()) && body.contains(post.url()));
    }

    private List<String> allBodies() {
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
