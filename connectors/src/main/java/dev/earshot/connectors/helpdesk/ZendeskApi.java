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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

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
            return comments(id).thenApply(comments -> DeliveredTicket.readBack(id, comments.values(), clock.instant()));
        });
    }

    /** The bodies of a ticket's comments by comment id, following Zendesk's {@code next_page} links. */
    private CompletableFuture<Map<String, String>> comments(String ticketId) {
        return commentPages(URI.create(base + "/api/v2/tickets/" + ticketId + "/comments.json"), new LinkedHashMap<>());
    }

    private CompletableFuture<Map<String, String>> commentPages(URI page, Map<String, String> bodies) {
        return http.send("GET", page, null, Map.of()).thenCompose(comments -> {
            comments.path("comments").forEach(comment -> bodies.put(comment.path("id").asText(), comment.path("body").asText()));
            String next = comments.path("next_page").asText(null);
            return next == null || next.isBlank() || next.equals("null")
                    ? CompletableFuture.completedFuture(bodies)
                    : commentPages(URI.create(next), bodies);
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
        CompletableFuture<DeliveredTicket> updated = added.isEmpty() && !priorityChanged
                ? CompletableFuture.completedFuture(known)
                : http.send("PUT", URI.create(base + "/api/v2/tickets/" + known.helpdeskId() + ".json"),
                                ZendeskRequests.update(ticket, added, priorityChanged), Map.of())
                        .thenApply(ignored -> {
                            if (!added.isEmpty()) {
                                counters.commentsAdded.incrementAndGet();
                            }
                            return known.with(added, ticket.priority(), clock.instant());
                        });
        CompletableFuture<DeliveredTicket> edited = updated.thenCompose(state -> edit(ticket, state));
        return known.removalsPending(ticket) ? edited.thenCompose(state -> remove(ticket, state)) : edited;
    }

    /**
     * Shows the new text of posts edited on the network: Zendesk comments are immutable apart from redaction, so the
     * earlier text and link are redacted from the comments holding them ("Redact String in Comment", as for deleted
     * posts) and a private comment gives the new text under the post's marker. A post the comments already show with
     * this text (an edit shown before a restart, whose state was lost) needs nothing. Zendesk refuses to redact the
     * comments of a closed ticket, or to add one: a dead letter, and the state still holds the earlier text, so the
     * ticket's next version tries again.
     */
    private CompletableFuture<DeliveredTicket> edit(HandoffTicket ticket, DeliveredTicket known) {
        String ticketId = known.helpdeskId();
        return showEdited(ticket, known, (edited, now) -> comments(ticketId).thenCompose(comments -> {
            List<TicketPost> toShow = TicketText.notShownYet(edited, comments.values());
            if (toShow.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            return redact(ticketId, comments, toShow.stream().map(TicketPost::id).toList(), false)
                    .thenCompose(ignored -> http.send("PUT", URI.create(base + "/api/v2/tickets/" + ticketId + ".json"),
                            ZendeskRequests.editedComment(ticket, toShow, now), Map.of()))
                    .thenAccept(ignored -> counters.postsEdited.addAndGet(toShow.size()));
        }));
    }

    /**
     * Redacts, one request after another, the text and link of {@code postIds} from every comment holding them, and
     * for deleted posts the fingerprints on their markers too. An edited post keeps its earlier texts' fingerprints:
     * they tell a restart without state that those texts are old.
     */
    private CompletableFuture<Void> redact(String ticketId, Map<String, String> comments, Collection<String> postIds,
                                           boolean deleted) {
        CompletableFuture<Void> redactions = CompletableFuture.completedFuture(null);
        for (String postId : postIds) {
            for (Map.Entry<String, String> comment : comments.entrySet()) {
                List<String> strings = new ArrayList<>(TicketText.postLines(comment.getValue(), postId));
                if (deleted) {
                    strings.addAll(TicketText.fingerprintTokens(comment.getValue(), postId));
                }
                for (String line : strings) {
                    URI redact = URI.create(base + "/api/v2/tickets/" + ticketId + "/comments/" + comment.getKey() + "/redact");
                    redactions = redactions.thenCompose(ignored ->
                            http.send("PUT", redact, ZendeskRequests.redact(line), Map.of()).thenAccept(done -> {
                            }));
                }
            }
        }
        return redactions;
    }

    /**
     * Redacts the text and link of the posts {@code ticket} says were deleted from the comments holding them, then
     * says so in a private comment. Zendesk cannot rewrite a comment; of its two redaction endpoints this uses
     * "Redact String in Comment" ({@code PUT /api/v2/tickets/{id}/comments/{comment_id}/redact}, {@code {"text": ...}}):
     * Earshot's comments are plain text it wrote, so the exact strings are known from the comment's {@code body},
     * while "Redact Ticket Comment In Agent Workspace" ({@code PUT /api/v2/comment_redactions/{comment_id}}) needs the
     * comment's whole {@code html_body} sent back with {@code <redact>} tags (and auto-linked URLs marked too), and
     * the Agent Workspace. Its limit: Zendesk refuses to redact comments of a closed ticket, which becomes a dead
     * letter naming the comment.
     */
    private CompletableFuture<DeliveredTicket> remove(HandoffTicket ticket, DeliveredTicket known) {
        List<String> held = known.postsToRemove(ticket);
        if (held.isEmpty()) {
            return CompletableFuture.completedFuture(known.withRemoved(ticket.removedPostIds(), clock.instant()));
        }
        String ticketId = known.helpdeskId();
        return comments(ticketId).thenCompose(comments -> {
            // a removal replayed from a checkpoint taken before it: its note is there already, so only redact again
            Set<String> noted = comments.values().stream().flatMap(body -> TicketText.removedPostIds(body).stream())
                    .collect(Collectors.toSet());
            List<String> unnoted = held.stream().filter(id -> !noted.contains(id)).toList();
            CompletableFuture<Void> redacted = redact(ticketId, comments, held, true);
            return unnoted.isEmpty() ? redacted : redacted.thenCompose(ignored -> http.send("PUT",
                    URI.create(base + "/api/v2/tickets/" + ticketId + ".json"), ZendeskRequests.removalNote(unnoted),
                    Map.of())).thenAccept(ignored -> counters.postsRemoved.addAndGet(unnoted.size()));
        }).thenApply(ignored -> known.withRemoved(ticket.removedPostIds(), clock.instant()));
    }
}
