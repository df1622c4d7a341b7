package dev.earshot.connectors.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import dev.earshot.respond.helpdesk.FreshdeskRequests;
import dev.earshot.respond.helpdesk.HelpdeskTags;
import dev.earshot.respond.helpdesk.TicketText;
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
 * Freshdesk: one ticket per Earshot ticket, tagged {@code earshot-<id>}; later posts as private notes. Freshdesk
 * tickets have no external id and no idempotency key, so the job's state is the primary record of what was
 * delivered; a ticket the state does not know is looked up by its tag with the search API, and the posts it holds
 * are read back from its description and conversations.
 */
final class FreshdeskApi extends LookupBeforeCreate {

    FreshdeskApi(HelpdeskSettings settings, Clock clock, HttpCalls http, DeliveryCounters counters) {
        super(settings, clock, http, counters);
    }

    @Override
    CompletableFuture<DeliveredTicket> find(HandoffTicket ticket) {
        String query = "\"tag:'" + HelpdeskTags.ticketTag(ticket.id()) + "'\"";
        URI search = URI.create(base + "/api/v2/search/tickets?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        return http.send("GET", search, null, Map.of()).thenCompose(found -> {
            long lowest = Long.MAX_VALUE;
            for (JsonNode result : found.path("results")) {
                lowest = Math.min(lowest, result.path("id").asLong(Long.MAX_VALUE));
            }
            if (lowest == Long.MAX_VALUE) {
                return CompletableFuture.completedFuture(null);
            }
            counters.ticketsFound.incrementAndGet();
            String id = Long.toString(lowest);
            Set<String> posts = new LinkedHashSet<>();
            return http.send("GET", URI.create(base + "/api/v2/tickets/" + id), null, Map.of())
                    .thenCompose(view -> {
                        posts.addAll(TicketText.markedPostIds(view.path("description").asText()));
                        return http.send("GET", URI.create(base + "/api/v2/tickets/" + id + "/conversations"), null, Map.of());
                    })
                    .thenApply(conversations -> {
                        conversations.forEach(note -> posts.addAll(TicketText.markedPostIds(note.path("body").asText())));
                        return new DeliveredTicket(id, new ArrayList<>(posts), null, clock.instant());
                    });
        });
    }

    @Override
    CompletableFuture<DeliveredTicket> create(HandoffTicket ticket) {
        return http.send("POST", URI.create(base + "/api/v2/tickets"), FreshdeskRequests.create(ticket, settings.mapping()), Map.of())
                .thenApply(created -> {
                    String id = created.path("id").asText("");
                    if (id.isEmpty()) {
                        throw new DeliveryException("freshdesk: the create answer has no id");
                    }
                    counters.ticketsOpened.incrementAndGet();
                    return DeliveredTicket.opened(id, ticket, clock.instant());
                });
    }

    @Override
    CompletableFuture<DeliveredTicket> update(HandoffTicket ticket, DeliveredTicket known) {
        List<TicketPost> added = known.newPosts(ticket);
        CompletableFuture<DeliveredTicket> noted = added.isEmpty()
                ? CompletableFuture.completedFuture(known)
                : http.send("POST", URI.create(base + "/api/v2/tickets/" + known.helpdeskId() + "/notes"),
                                FreshdeskRequests.note(ticket, added), Map.of())
                        .thenApply(ignored -> {
                            counters.commentsAdded.incrementAndGet();
                            return known.with(added, known.priority(), clock.instant());
                        });
        if (!known.priorityChanged(ticket)) {
            return noted;
        }
        return noted.thenCompose(withNote -> http.send("PUT", URI.create(base + "/api/v2/tickets/" + known.helpdeskId()),
                        FreshdeskRequests.priority(ticket), Map.of())
                .thenApply(ignored -> withNote.with(List.of(), ticket.priority(), clock.instant())));
    }
}
