package dev.earshot.connectors.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.json.Json;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import dev.earshot.respond.helpdesk.IdempotencyKeys;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A generic webhook: each ticket version that adds posts (or changes priority) is POSTed whole as canonical
 * HandoffTicket JSON, with an {@code Idempotency-Key} of the ticket id and version, so the receiver keeps one
 * ticket per {@code id} and can drop a version it has seen. Delivery is at-least-once: a webhook cannot be read back,
 * so after a restart without state, or from a checkpoint older than the crash, the versions sent since are sent again,
 * with the same keys.
 *
 * <p>A version that removes posts the receiver was sent (their authors deleted them) is POSTed too: it no longer
 * holds their text, and lists their ids in {@code removedPostIds}, so the receiver replaces its copy with it and
 * drops the text it kept of those posts. Receivers should order versions by posts plus removed posts, not by posts
 * alone; the Idempotency-Key of such a version differs from any earlier one's.
 *
 * <p>A version with a post edited on its network is POSTed too, with as many posts as the one before: receivers
 * replace their copy with the latest received. Its Idempotency-Key differs (it covers the posts' texts), and a
 * replayed older version with an earlier text is not sent again while the job's state knows the edit.
 */
final class WebhookApi implements HelpdeskApi {

    private final Clock clock;
    private final HttpCalls http;
    private final DeliveryCounters counters;
    private final URI endpoint;

    WebhookApi(HelpdeskSettings settings, Clock clock, HttpCalls http, DeliveryCounters counters) {
        this.clock = clock;
        this.http = http;
        this.counters = counters;
        this.endpoint = URI.create(settings.url());
    }

    @Override
    public CompletableFuture<DeliveredTicket> deliver(HandoffTicket ticket, DeliveredTicket known) {
        List<String> removed = known == null ? List.of() : known.postsToRemove(ticket);
        List<TicketPost> edited = known == null ? List.of() : known.editedPosts(ticket);
        if (known != null && known.newPosts(ticket).isEmpty() && !known.priorityChanged(ticket) && removed.isEmpty()
                && edited.isEmpty()) {
            return known.removalsPending(ticket)
                    ? CompletableFuture.completedFuture(known.withRemoved(ticket.removedPostIds(), clock.instant()))
                    : CompletableFuture.completedFuture(known);
        }
        JsonNode body = Json.mapper().valueToTree(ticket);
        return http.send("POST", endpoint, body, Map.of("Idempotency-Key", IdempotencyKeys.version(ticket)))
                .thenApply(ignored -> {
                    (known == null ? counters.ticketsOpened : counters.commentsAdded).incrementAndGet();
                    counters.postsRemoved.addAndGet(removed.size());
                    counters.postsEdited.addAndGet(edited.size());
                    return known == null ? DeliveredTicket.opened(ticket.id(), ticket, clock.instant())
                            : known.resent(ticket, clock.instant());
                });
    }
}
