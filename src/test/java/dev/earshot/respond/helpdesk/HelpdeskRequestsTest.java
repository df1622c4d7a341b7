package dev.earshot.respond.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.model.Author;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.Location;
import dev.earshot.model.LocationMethod;
import dev.earshot.model.SentimentLabel;
import dev.earshot.model.TicketPost;
import dev.earshot.model.TicketPriority;
import dev.earshot.model.TicketStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpdeskRequestsTest {

    private static final TicketPost FIRST = new TicketPost("bluesky:1", Instant.parse("2026-03-04T05:12:00Z"),
            "Towed AGAIN near MG Road <b>😡</b>", "https://bsky.example/p/1", -0.81, SentimentLabel.NEGATIVE);
    private static final TicketPost SECOND = new TicketPost("bluesky:2", Instant.parse("2026-03-04T06:00:00Z"),
            "still waiting", null, -0.9, SentimentLabel.NEGATIVE);
    private static final Location BENGALURU = new Location("geonames:1277333", "Bengaluru", "Karnataka", "IN",
            new GeoPoint(12.97, 77.59), LocationMethod.GEOTAG, 0.95);

    static HandoffTicket ticket(TicketStatus status, TicketPriority priority, TicketPost... posts) {
        List<TicketPost> list = List.of(posts);
        return new HandoffTicket("abc123", "bluesky|citycaredesk|did:plc:x1", status, "bluesky",
                new Author("did:plc:x1", "ramesh", 120, "Bangalore"), "CityCareDesk", list, List.of("parking"),
                BENGALURU, list.stream().map(TicketPost::sentimentScore).toList(), priority, List.of("alert9"),
                List.of("negative (-0.81) and addresses @CityCareDesk"), FIRST.createdAt(), posts[posts.length - 1].createdAt());
    }

    @Test
    void prioritiesMapToEachHelpdesksScale() {
        assertThat(List.of(TicketPriority.values())).extracting(HelpdeskPriorities::zendesk)
                .containsExactly("low", "normal", "high", "urgent");
        assertThat(List.of(TicketPriority.values())).extracting(HelpdeskPriorities::freshdesk).containsExactly(1, 2, 3, 4);
    }

    @Test
    void zendeskCreateCarriesExternalIdRequesterTagsAndCustomFields() {
        HelpdeskMapping mapping = new HelpdeskMapping("360001", "360002", null, List.of("social"), 2);
        JsonNode body = ZendeskRequests.create(ticket(TicketStatus.OPEN, TicketPriority.HIGH, FIRST), mapping).get("ticket");

        assertThat(body.get("external_id").asText()).isEqualTo("abc123");
        assertThat(body.get("priority").asText()).isEqualTo("high");
        assertThat(body.get("subject").asText()).isEqualTo("@ramesh (bluesky) is unhappy about parking in Bengaluru");
        assertThat(body.at("/requester/name").asText()).isEqualTo("@ramesh (bluesky)");
        assertThat(body.at("/requester/email").asText()).matches("bluesky\\.did-plc-x1-[0-9a-f]{8}@social\\.earshot\\.invalid");
        assertThat(body.at("/comment/public").asBoolean()).isFalse();
        String text = body.at("/comment/body").asText();
        assertThat(text).contains(FIRST.text(), "2026-03-04T05:12:00Z", "sentiment -0.81 (NEGATIVE)", FIRST.url(),
                "Why: negative (-0.81) and addresses @CityCareDesk", "place: Bengaluru, Karnataka, IN", "alert9");
        assertThat(TicketText.markedPostIds(text)).containsExactly("bluesky:1");
        assertThat(body.get("tags")).extracting(JsonNode::asText).containsExactly(
                "earshot", "earshot-abc123", "source_bluesky", "topic_parking", "place_bengaluru", "social");
        assertThat(body.get("custom_fields").toString())
                .isEqualTo("[{\"id\":360001,\"value\":\"parking\"},{\"id\":360002,\"value\":\"Bengaluru, Karnataka, IN\"}]");
    }

    @Test
    void onlyNewPostsBecomeTheComment() {
        HandoffTicket opened = ticket(TicketStatus.OPEN, TicketPriority.NORMAL, FIRST);
        HandoffTicket updated = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, SECOND);
        DeliveredTicket delivered = DeliveredTicket.opened("4014", opened, Instant.EPOCH);

        assertThat(delivered.newPosts(opened)).isEmpty();
        assertThat(delivered.newPosts(updated)).containsExactly(SECOND);
        JsonNode body = ZendeskRequests.update(updated, delivered.newPosts(updated), delivered.priorityChanged(updated));
        assertThat(body.at("/ticket/priority").asText()).isEqualTo("high");
        assertThat(TicketText.markedPostIds(body.at("/ticket/comment/body").asText())).containsExactly("bluesky:2");
        assertThat(body.at("/ticket/comment/body").asText()).doesNotContain(FIRST.text()).contains("wrote again");

        DeliveredTicket after = delivered.with(List.of(SECOND), TicketPriority.HIGH, Instant.EPOCH);
        assertThat(after.newPosts(updated)).isEmpty();
        assertThat(after.priorityChanged(updated)).isFalse();
    }

    @Test
    void freshdeskCreateUsesNumericPriorityHtmlAndAnExternalRequester() {
        HelpdeskMapping mapping = new HelpdeskMapping("cf_topic", "cf_location", null, List.of(), 2);
        JsonNode body = FreshdeskRequests.create(ticket(TicketStatus.OPEN, TicketPriority.URGENT, FIRST), mapping);

        assertThat(body.get("priority").asInt()).isEqualTo(4);
        assertThat(body.get("status").asInt()).isEqualTo(2);
        assertThat(body.get("source").asInt()).isEqualTo(2);
        assertThat(body.get("unique_external_id").asText()).isEqualTo("bluesky:did:plc:x1");
        assertThat(body.has("twitter_id")).isFalse();
        assertThat(body.get("description").asText()).contains("&lt;b&gt;😡&lt;/b&gt;").contains("<br>")
                .doesNotContain("<b>");
        assertThat(TicketText.markedPostIds(body.get("description").asText())).containsExactly("bluesky:1");
        assertThat(body.get("custom_fields").toString())
                .isEqualTo("{\"cf_topic\":\"parking\",\"cf_location\":\"Bengaluru, Karnataka, IN\"}");
        assertThat(FreshdeskRequests.note(ticket(TicketStatus.UPDATED, TicketPriority.URGENT, FIRST, SECOND), List.of(SECOND))
                .get("private").asBoolean()).isTrue();
    }

    @Test
    void twitterCustomersAreFiledUnderTheirHandle() {
        Requester requester = Requester.of("twitter", new Author("77001", "user77001", 5, null), "d.invalid");
        assertThat(requester.twitterHandle()).isEqualTo("user77001");
        assertThat(requester.placeholderEmail()).isEqualTo("twitter.77001@d.invalid");
    }

    @Test
    void idempotencyKeysDependOnlyOnTheTicket() {
        assertThat(IdempotencyKeys.create("abc123")).isEqualTo("earshot-create-abc123");
        assertThat(IdempotencyKeys.version(ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, SECOND)))
                .matches("earshot-abc123-2-[0-9a-f]{12}")
                .isEqualTo(IdempotencyKeys.version(ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, SECOND)));
    }

    @Test
    void theClosedVersionIsNotTakenForARepeatOfTheUpdateBeforeItThoughItHoldsTheSamePosts() {
        assertThat(IdempotencyKeys.version(ticket(TicketStatus.CLOSED, TicketPriority.HIGH, FIRST, SECOND)))
                .matches("earshot-abc123-2-[0-9a-f]{12}-closed")
                .isNotEqualTo(IdempotencyKeys.version(ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, SECOND)));
    }
}
