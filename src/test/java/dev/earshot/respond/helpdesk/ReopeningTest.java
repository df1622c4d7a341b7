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

class ReopeningTest {

    private static final Instant NOW = Instant.parse("2026-03-20T09:00:00Z");
    private static final TicketPost FIRST = new TicketPost("bluesky:1", Instant.parse("2026-03-04T05:12:00Z"),
            "Towed AGAIN near MG Road", "https://bsky.example/p/1", -0.81, SentimentLabel.NEGATIVE);
    private static final TicketPost LATER = new TicketPost("bluesky:9", Instant.parse("2026-03-19T08:00:00Z"),
            "you closed this and nothing changed", "https://bsky.example/p/9", -0.9, SentimentLabel.NEGATIVE);

    @Test
    void aPendingReopeningOutlivesLaterStepsAndARestartButNotAFollowUp() {
        HandoffTicket first = ticket(TicketStatus.OPEN, TicketPriority.NORMAL, FIRST);
        HandoffTicket later = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, LATER);
        DeliveredTicket pending = DeliveredTicket.opened("4014", first, NOW).with(List.of(LATER), TicketPriority.HIGH, NOW)
                .withReopenPending(true);

        assertThat(pending.with(List.of(), TicketPriority.URGENT, NOW).withEdited(List.of(), NOW)
                .withRemoved(List.of(FIRST.id()), NOW).reopenPending()).isTrue();
        assertThat(Json.read(Json.write(pending), DeliveredTicket.class)).isEqualTo(pending);
        assertThat(Json.write(pending.withReopenPending(false))).doesNotContain("reopenPending");
        assertThat(pending.followedUpBy("4020", List.of(), TicketPriority.HIGH, NOW).reopenPending())
                .as("the follow-up of a closed ticket is open").isFalse();
        assertThat(pending.newPosts(later)).isEmpty();
    }

    @Test
    void onlyTicketsTheAgentsFinishedWithAreReopened() {
        assertThat(List.of("new", "open", "pending", "hold", "solved", "closed")).filteredOn(Reopening::zendeskReopens)
                .containsExactly("pending", "solved");
        assertThat(List.of(2, 3, 4, 5, 6, 7)).filteredOn(Reopening::freshdeskReopens).containsExactly(3, 4, 5);
    }

    @Test
    void theCurrentZendeskTicketIsTheNewestNotClosedElseTheNewest() {
        Reopening.Found original = new Reopening.Found(4014, "closed");
        Reopening.Found followUp = new Reopening.Found(4020, "solved");
        Reopening.Found closedFollowUp = new Reopening.Found(4031, "closed");

        assertThat(Reopening.current(List.of(followUp, original))).isEqualTo(followUp);
        assertThat(Reopening.current(List.of(original, closedFollowUp, followUp))).isEqualTo(followUp);
        assertThat(Reopening.current(List.of(closedFollowUp, original))).as("all closed: the newest, to follow up")
                .isEqualTo(closedFollowUp);
        assertThat(Reopening.current(List.of())).isNull();
    }

    @Test
    void aFollowUpCarriesTheNewPostsTheLinkAndTheConversationsExternalId() {
        HandoffTicket version = ticket(TicketStatus.UPDATED, TicketPriority.URGENT, FIRST, LATER);
        HelpdeskMapping mapping = new HelpdeskMapping("360001", null, null, List.of("social"), 2);

        JsonNode body = ZendeskRequests.followUp(version, "4014", List.of(LATER), mapping).get("ticket");

        assertThat(body.get("via_followup_source_id").isIntegralNumber()).isTrue();
        assertThat(body.get("via_followup_source_id").asLong()).isEqualTo(4014);
        assertThat(body.get("external_id").asText()).isEqualTo(version.id());
        assertThat(body.get("priority").asText()).isEqualTo("urgent");
        assertThat(body.get("tags")).extracting(JsonNode::asText).contains("earshot-" + version.id(), "social");
        assertThat(body.at("/comment/public").asBoolean(true)).isFalse();
        String text = body.at("/comment/body").asText();
        assertThat(text).startsWith("Follow-up of closed ticket #4014").contains(LATER.text(), " wrote again to @")
                .doesNotContain(FIRST.text());
        assertThat(TicketText.markedPostIds(text)).containsExactly(LATER.id());
        assertThat(ZendeskRequests.create(version, mapping).get("ticket").has("via_followup_source_id")).isFalse();
    }

    @Test
    void reopeningBodiesSetOnlyTheStatusAndForFreshdeskAChangedPriority() {
        HandoffTicket version = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST);
        assertThat(Json.write(ZendeskRequests.reopen())).isEqualTo("{\"ticket\":{\"status\":\"open\"}}");
        assertThat(Json.write(FreshdeskRequests.reopen(version, false))).isEqualTo("{\"status\":2}");
        assertThat(Json.write(FreshdeskRequests.reopen(version, true))).isEqualTo("{\"status\":2,\"priority\":3}");
        assertThat(IdempotencyKeys.followUp("abc123", "4014")).isNotEqualTo(IdempotencyKeys.create("abc123"))
                .isNotEqualTo(IdempotencyKeys.followUp("abc123", "4020"));
    }

    @Test
    void afterAFollowUpTheStateHoldsEveryPostAndBothTicketsAndReadsBackAsBefore() {
        HandoffTicket first = ticket(TicketStatus.OPEN, TicketPriority.NORMAL, FIRST);
        HandoffTicket second = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, LATER);
        DeliveredTicket opened = DeliveredTicket.opened("4014", first, NOW);

        DeliveredTicket followedUp = opened.followedUpBy("4020", opened.newPosts(second), second.priority(), NOW);

        assertThat(followedUp.helpdeskId()).isEqualTo("4020");
        assertThat(followedUp.earlierHelpdeskIds()).containsExactly("4014");
        assertThat(followedUp.helpdeskIds()).containsExactly("4014", "4020");
        assertThat(followedUp.postIds()).containsExactly(FIRST.id(), LATER.id());
        assertThat(followedUp.newPosts(second)).isEmpty();
        assertThat(followedUp.priorityChanged(second)).isFalse();
        assertThat(followedUp.fingerprints()).containsOnlyKeys(FIRST.id(), LATER.id());
        assertThat(followedUp.withRemoved(List.of(FIRST.id()), NOW).earlierHelpdeskIds()).containsExactly("4014");

        List<String> texts = List.of(TicketText.body(first, first.posts(), true),
                TicketText.followUpBody(second, List.of(LATER), "4014"));
        DeliveredTicket readBack = DeliveredTicket.readBack("4020", List.of("4014"), texts, NOW);
        assertThat(readBack.postIds()).containsExactly(FIRST.id(), LATER.id());
        assertThat(readBack.helpdeskIds()).containsExactly("4014", "4020");
        assertThat(readBack.editedPosts(second)).isEmpty();
    }

    @Test
    void theStatesJsonKeepsTheEarlierTicketsAndReadsStateWrittenWithoutThem() {
        DeliveredTicket opened = DeliveredTicket.opened("4014", ticket(TicketStatus.OPEN, TicketPriority.NORMAL, FIRST), NOW);
        DeliveredTicket followedUp = opened.followedUpBy("4020", List.of(LATER), TicketPriority.HIGH, NOW);

        assertThat(Json.read(Json.write(followedUp), DeliveredTicket.class)).isEqualTo(followedUp);
        assertThat(Json.write(followedUp)).contains("\"earlierHelpdeskIds\":[\"4014\"]").doesNotContain("\"helpdeskIds\"");
        assertThat(Json.write(opened)).doesNotContain("earlierHelpdeskIds");
        DeliveredTicket old = Json.read("{\"helpdeskId\":\"4014\",\"postIds\":[\"bluesky:1\"],\"priority\":\"NORMAL\","
                + "\"deliveredAt\":\"2026-03-20T09:00:00Z\"}", DeliveredTicket.class);
        assertThat(old.earlierHelpdeskIds()).isEmpty();
        assertThat(old.helpdeskIds()).containsExactly("4014");
    }
}
