package dev.earshot.connectors.helpdesk;

import static dev.earshot.connectors.helpdesk.BundledTickets.deliverAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.earshot.connectors.helpdesk.FakeHelpdesk.Fault;
import dev.earshot.json.Json;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

public class WebhookDeliveryTest {

    /** A receiver that keeps the newest version of each ticket, as a webhook consumer would. */
    public static final class FakeReceiver extends FakeHelpdesk {
        public static final String TOKEN = "hook-token-9fK2";
        public final Map<String, HandoffTicket> latest = new ConcurrentHashMap<>();
        /** The Idempotency-Keys seen: a version sent again is acknowledged and dropped. */
        final Set<String> keys = ConcurrentHashMap.newKeySet();

        @Override
        boolean authorized(String authorization) {
            return ("Bearer " + TOKEN).equals(authorization);
        }

        @Override
        Object unauthorizedBody() {
            return JsonNodeFactory.instance.objectNode().put("error", "unauthorized");
        }

        @Override
        Answer answer(String method, String path, Map<String, String> query, Map<String, String> headers, JsonNode body) {
            if (!method.equals("POST") || !path.equals("/hooks/tickets")) {
                violations.add("unexpected " + method + " " + path);
                return Answer.of(404, null);
            }
            HandoffTicket ticket = Json.read(body.toString(), HandoffTicket.class);
            String removed = ticket.removedPostIds().isEmpty() ? "" : "-removed-" + ticket.removedPostIds().size();
            String key = headers.get("idempotency-key");
            if (key == null || !key.matches(Pattern.quote("earshot-" + ticket.id() + "-" + ticket.posts().size() + removed)
                    + "-[0-9a-f]{12}")) {
                violations.add("Idempotency-Key " + key + " for " + ticket.id());
            }
            if (!keys.add(key)) {
                return Answer.of(200, null);
            }
            latest.merge(ticket.id(), ticket, (old, next) -> seen(next) >= seen(old) ? next : old);
            return Answer.of(202, null);
        }

        /** How far a version is: its posts and the posts removed from it, as the webhook's javadoc tells receivers. */
        private static int seen(HandoffTicket ticket) {
            return ticket.posts().size() + ticket.removedPostIds().size();
        }
    }

    private final FakeReceiver receiver = new FakeReceiver();

    @AfterEach
    void close() {
        assertThat(receiver.violations).isEmpty();
        receiver.close();
    }

    @Test
    void everyNewVersionIsPostedOnceAsCanonicalJson() throws Exception {
        receiver.failNext(Fault.status(503, "{}"));
        HelpdeskSettings settings = HelpdeskSettings.of(HelpdeskKind.WEBHOOK, receiver.url() + "/hooks/tickets", null, "HOOK_TOKEN")
                .withDelivery(2, Duration.ofSeconds(2), 3, Duration.ofMillis(50), Duration.ofMillis(200));
        HelpdeskDelivery delivery = new HelpdeskDelivery(settings, new HashMap<>(Map.of("HOOK_TOKEN", FakeReceiver.TOKEN))::get,
                Clock.systemUTC());
        List<HandoffTicket> versions = BundledTickets.versions();

        deliverAll(delivery, versions);
        deliverAll(delivery, versions);

        assertThat(receiver.requests).hasSize(10 + 1);
        assertThat(receiver.latest).hasSize(3);
        assertThat(receiver.latest.values()).extracting(t -> t.posts().size()).containsExactlyInAnyOrder(3, 4, 3);
        assertThat(receiver.latest.get("fcaee1732bc1206133ae")).isEqualTo(versions.get(6));
    }

    /**
     * A webhook cannot be read back, so it is at-least-once: a writer restored from a checkpoint sends the versions
     * delivered after it again, with the same Idempotency-Keys, for the receiver to drop.
     */
    @Test
    void aWriterRestoredFromACheckpointSendsTheVersionsAfterItAgainWithTheirKeys() throws Exception {
        HelpdeskSettings settings = HelpdeskSettings.of(HelpdeskKind.WEBHOOK, receiver.url() + "/hooks/tickets", null, "HOOK_TOKEN");
        Map<String, String> env = Map.of("HOOK_TOKEN", FakeReceiver.TOKEN);
        HelpdeskDelivery beforeTheCrash = new HelpdeskDelivery(settings, new HashMap<>(env)::get, Clock.systemUTC());
        List<HandoffTicket> versions = BundledTickets.versions();
        deliverAll(beforeTheCrash, versions.subList(0, 5));
        Map<String, DeliveredTicket> checkpoint = beforeTheCrash.snapshot();
        deliverAll(beforeTheCrash, versions.subList(5, 6));
        int from = receiver.requests.size();

        HelpdeskDelivery restored = new HelpdeskDelivery(settings, new HashMap<>(env)::get, Clock.systemUTC());
        restored.restore(checkpoint);
        deliverAll(restored, versions.subList(5, 10));

        List<FakeHelpdesk.Request> sent = receiver.requests.subList(from, receiver.requests.size());
        assertThat(sent).hasSize(5);
        assertThat(sent).filteredOn(request -> request.status() == 200).as("sent again, dropped by its key").singleElement()
                .satisfies(again -> assertThat(again.json().get("posts")).hasSize(3));
        assertThat(receiver.latest.get("fcaee1732bc1206133ae")).isEqualTo(versions.get(6));
    }

    @Test
    void aVersionWithoutADeletedPostIsPostedSoTheReceiverDropsItsText() throws Exception {
        HelpdeskSettings settings = HelpdeskSettings.of(HelpdeskKind.WEBHOOK, receiver.url() + "/hooks/tickets", null, "HOOK_TOKEN")
                .withDelivery(2, Duration.ofSeconds(2), 3, Duration.ofMillis(50), Duration.ofMillis(200));
        HelpdeskDelivery delivery = new HelpdeskDelivery(settings, new HashMap<>(Map.of("HOOK_TOKEN", FakeReceiver.TOKEN))::get,
                Clock.systemUTC());
        List<HandoffTicket> versions = BundledTickets.versions().subList(3, 7);
        HandoffTicket last = versions.get(3);
        TicketPost deletedPost = last.posts().get(1);
        HandoffTicket deletion = BundledTickets.deleted(last, deletedPost.id());
        deliverAll(delivery, versions);

        deliverAll(delivery, List.of(deletion));
        int sent = receiver.requests.size();
        deliverAll(delivery, versions);
        deliverAll(delivery, List.of(deletion));

        assertThat(receiver.requests).hasSize(sent).hasSize(versions.size() + 1);
        assertThat(receiver.requests.get(sent - 1).headers().get("idempotency-key"))
                .startsWith("earshot-" + last.id() + "-3-removed-1-");
        assertThat(receiver.latest.get(last.id())).isEqualTo(deletion);
        assertThat(Json.write(receiver.latest.get(last.id()))).doesNotContain(deletedPost.text());
        assertThat(delivery.counters().postsRemoved()).isEqualTo(1);
    }

    @Test
    void aVersionWithAnEditedPostIsPostedWithItsOwnKeyOnceAndAReplayNeverSendsTheOldTextBack() throws Exception {
        HelpdeskSettings settings = HelpdeskSettings.of(HelpdeskKind.WEBHOOK, receiver.url() + "/hooks/tickets", null, "HOOK_TOKEN")
                .withDelivery(2, Duration.ofSeconds(2), 3, Duration.ofMillis(50), Duration.ofMillis(200));
        Map<String, String> env = Map.of("HOOK_TOKEN", FakeReceiver.TOKEN);
        HelpdeskDelivery delivery = new HelpdeskDelivery(settings, new HashMap<>(env)::get, Clock.systemUTC());
        List<HandoffTicket> versions = BundledTickets.versions().subList(3, 7);
        HandoffTicket last = versions.get(3);
        TicketPost second = last.posts().get(1);
        HandoffTicket edit = BundledTickets.edited(last, second.id(), "@CityCareDesk sorted now, thanks");
        deliverAll(delivery, versions);

        deliverAll(delivery, List.of(edit));
        int sent = receiver.requests.size();
        deliverAll(delivery, versions);
        deliverAll(delivery, List.of(edit));
        HelpdeskDelivery withoutState = new HelpdeskDelivery(settings, new HashMap<>(env)::get, Clock.systemUTC());
        deliverAll(withoutState, versions);
        deliverAll(withoutState, List.of(edit));

        assertThat(sent).isEqualTo(versions.size() + 1);
        FakeHelpdesk.Request posted = receiver.requests.get(sent - 1);
        assertThat(posted.headers().get("idempotency-key")).startsWith("earshot-" + last.id() + "-4-")
                .isNotEqualTo(receiver.requests.get(sent - 2).headers().get("idempotency-key"));
        assertThat(posted.status()).isEqualTo(202);
        assertThat(receiver.requests.subList(sent, receiver.requests.size()))
                .as("with state nothing is sent again; without, each version again under its own key, which the receiver drops")
                .hasSize(versions.size() + 1).allMatch(r -> r.status() == 200);
        assertThat(receiver.latest.get(last.id())).isEqualTo(edit);
        assertThat(delivery.counters().postsEdited()).isEqualTo(1);
    }
}
