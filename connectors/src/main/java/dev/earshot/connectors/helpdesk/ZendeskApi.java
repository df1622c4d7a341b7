package dev.earshot.connectors.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import dev.earshot.respond.helpdesk.IdempotencyKeys;
import dev.earshot.respond.helpdesk.TicketText;
import dev.earshot.respond.helpdesk.ZendeskRequests;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Zendesk: one ticket per Earshot ticket, with {@code external_id} = the Earshot id; later posts as private
 * comments on it. A ticket the job's state does not know is first looked up by external id, and the posts its
 * comments already hold are read back from their markers, so a replay or a restart without state neither opens
 * a second ticket nor repeats a comment. The create carries an {@code Idempotency-Key}, so a retry after a lost
 * response returns the ticket already made.
 */
final class ZendeskApi extends LookupBeforeCreate {

    ZendeskApi(HelpdeskSettings settings, Clock clock, HttpCalls http, DeliveryCounters counters) {
        super(settings, clock, http, counters);
    }

    @Override
    CompletableFuture<DeliveredTicket> find(HandoffTicket ticket) {
        URI lookup = URI.create(base + "/api/v2/tickets.json?external_id="
                + URLEncoder.encode(ticket.id(), StandardCharsets.UTF_8));
        return http.send("GET", lookup, null, Map.of()).thenCompose(list -> {
            long lowest = Long.MAX_VALUE;
            for (JsonNode found : list.path("tickets")) {
                lowest = Math.min(lowest, found.path("id").asLong(Long.MAX_VALUE));
            }
            if (lowest == Long.MAX_VALUE) {
                return CompletableFuture.completedFuture(null);
            }
            counters.ticketsFound.incrementAndGet();
            String id = Long.toString(lowest);
            return markedPosts(URI.create(base + "/api/v2/tickets/" + id + "/comments.json"), new LinkedHashSet<>())
                    .thenApply(posts -> new DeliveredTicket(id, new ArrayList<>(posts), null, clock.instant()));
        });
    }

    /** The posts named in the ticket's comments, following Zendesk's {@code next_page} links. */
    private CompletableFuture<Set<String>> markedPosts(URI page, Set<String> posts) {
        return http.send("GET", page, null, Map.of()).thenCompose(comments -> {
            comments.path("comments").forEach(comment -> posts.addAll(TicketText.markedPostIds(comment.path("body").asText())));
            String next = comments.path("next_page").asText(null);
            return next == null || next.isBlank() || next.equals("null")
                    ? CompletableFuture.completedFuture(posts)
                    : markedPosts(URI.create(next), posts);
        });
    }

    @Override
    CompletableFuture<DeliveredTicket> create(HandoffTicket ticket) {
        return http.send("POST", URI.create(base + "/api/v2/tickets.json"), ZendeskRequests.create(ticket, settings.mapping()),
                        Map.of("Idempotency-Key", IdempotencyKeys.create(ticket.id())))
                .thenApply(created -> {
                    String id = created.path("ticket").path("id").asText("");
                    if (id.isEmpty()) {
                        throw new DeliveryException("zendesk: the create answer has no ticket.id");
                    }
                    counters.ticketsOpened.incrementAndGet();
                    return DeliveredTicket.opened(id, ticket, clock.instant());
                });
    }

    @Override
    CompletableFuture<DeliveredTicket> update(HandoffTicket ticket, DeliveredTicket known) {
        List<TicketPost> added = known.newPosts(ticket);
        boolean priorityChanged = known.priorityChanged(ticket);
        if (added.isEmpty() && !priorityChanged) {
            return CompletableFuture.completedFuture(known);
        }
        return http.send("PUT", URI.create(base + "/api/v2/tickets/" + known.helpdeskId() + ".json"),
                        ZendeskRequests.update(ticket, added, priorityChanged), Map.of())
                .thenApply(ignored -> {
                    if (!added.isEmpty()) {
                        counters.commentsAdded.incrementAndGet();
                    }
                    return known.with(added, ticket.priority(), clock.instant());
                });
    }
}
