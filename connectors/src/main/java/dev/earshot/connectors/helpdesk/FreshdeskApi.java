package dev.earshot.connectors.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import dev.earshot.respond.helpdesk.FreshdeskRequests;
import dev.earshot.respond.helpdesk.HelpdeskTags;
import dev.earshot.respond.helpdesk.Reopening;
import dev.earshot.respond.helpdesk.ReplayReopening;
import dev.earshot.respond.helpdesk.TicketText;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Freshdesk: one ticket per Earshot ticket, tagged {@code earshot-<id>}; later posts as private notes. Freshdesk
 * tickets have no external id and no idempotency key, so the job's state is the primary record of what was
 * delivered; a ticket the state does not know is looked up by its tag with the search API, and the posts it holds
 * are read back from its description and conversations. New posts put a pending, resolved or closed ticket back to
 * Open, see {@link #reopenOrPrioritise}.
 */
final class FreshdeskApi extends LookupBeforeCreate<List<FreshdeskApi.Body>> {

    private static final int NOTES_PER_PAGE = 100;

    FreshdeskApi(HelpdeskSettings settings, Clock clock, HttpCalls http, DeliveryCounters counters) {
        super(settings, clock, http, counters);
    }

    @Override
    CompletableFuture<DeliveredTicket> find(HandoffTicket ticket, VersionReads<List<Body>> reads) {
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
            return held(Long.toString(lowest), reads);
        });
    }

    @Override
    CompletableFuture<DeliveredTicket> readBack(DeliveredTicket known, VersionReads<List<Body>> reads) {
        return held(known.helpdeskId(), reads);
    }

    /** The posts ticket {@code id} holds, read back from the markers in its description and notes. */
    private CompletableFuture<DeliveredTicket> held(String id, VersionReads<List<Body>> reads) {
        return reads.of(id, this::bodies).thenApply(bodies -> DeliveredTicket.readBack(id, bodies.stream().map(Body::html).toList(),
                clock.instant()));
    }

    /**
     * Where a ticket's text is: its description (noteId null), then each of its notes; and when it was added (the
     * ticket's or note's {@code created_at}; null if Freshdesk did not say).
     */
    record Body(String noteId, String html, Instant createdAt) {
    }

    /** The ticket's description and notes, read now; a version reads them once, see {@link VersionReads}. */
    private CompletableFuture<List<Body>> bodies(String ticketId) {
        List<Body> bodies = new ArrayList<>();
        return http.send("GET", URI.create(base + "/api/v2/tickets/" + ticketId), null, Map.of())
                .thenCompose(view -> {
                    bodies.add(new Body(null, view.path("description").asText(), time(view, "created_at")));
                    return notes(ticketId, 1, bodies);
                });
    }

    /** The ticket's notes from {@code page} on: Freshdesk pages conversations, at most {@value #NOTES_PER_PAGE} a page. */
    private CompletableFuture<List<Body>> notes(String ticketId, int page, List<Body> bodies) {
        URI uri = URI.create(base + "/api/v2/tickets/" + ticketId + "/conversations?per_page=" + NOTES_PER_PAGE + "&page=" + page);
        return http.send("GET", uri, null, Map.of()).thenCompose(conversations -> {
            conversations.forEach(note -> bodies.add(new Body(note.path("id").asText(), note.path("body").asText(),
                    time(note, "created_at"))));
            return conversations.size() < NOTES_PER_PAGE
                    ? CompletableFuture.completedFuture(bodies)
                    : notes(ticketId, page + 1, bodies);
        });
    }

    /**
     * Reads the ticket with its stats ({@code GET /api/v2/tickets/{id}?include=stats}; Freshdesk may count the embed
     * as one more API credit): its status, and since when it has it ({@code stats.pending_since}, {@code resolved_at}
     * or {@code closed_at}). The notes holding the replayed posts were read already, with their {@code created_at}.
     */
    @Override
    CompletableFuture<ReplayReopening.Verdict> replayVerdict(DeliveredTicket held, List<String> replayedPostIds,
                                                              VersionReads<List<Body>> reads) {
        String id = held.helpdeskId();
        return reads.of(id, this::bodies).thenCompose(bodies -> http.send("GET",
                URI.create(base + "/api/v2/tickets/" + id + "?include=stats"), null, Map.of()).thenApply(view -> {
                    JsonNode stats = view.path("stats");
                    return ReplayReopening.freshdesk(view.path("status").asInt(), time(stats, "pending_since"),
                            time(stats, "resolved_at"), time(stats, "closed_at"),
                            ReplayReopening.lastHolding(bodies.stream()
                                    .map(body -> new ReplayReopening.Written(body.html(), body.createdAt())).toList(), replayedPostIds));
                }));
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
    CompletableFuture<DeliveredTicket> update(HandoffTicket ticket, DeliveredTicket known, VersionReads<List<Body>> reads) {
        List<TicketPost> added = known.newPosts(ticket);
        CompletableFuture<DeliveredTicket> noted = added.isEmpty()
                ? CompletableFuture.completedFuture(known)
                : http.send("POST", URI.create(base + "/api/v2/tickets/" + known.helpdeskId() + "/notes"),
                                FreshdeskRequests.note(ticket, added), Map.of())
                        .thenApply(ignored -> {
                            counters.commentsAdded.incrementAndGet();
                            return known.with(added, known.priority(), clock.instant());
                        });
        boolean priorityChanged = known.priorityChanged(ticket);
        // a reopening an earlier version could not do (see reopenFailed) is tried again with this one
        CompletableFuture<DeliveredTicket> prioritised = (!added.isEmpty() || known.reopenPending()) && settings.reopen()
                ? noted.thenCompose(withNote -> reopenOrPrioritise(ticket, withNote, priorityChanged))
                : !priorityChanged ? noted
                : noted.thenCompose(withNote -> http.send("PUT", URI.create(base + "/api/v2/tickets/" + known.helpdeskId()),
                                FreshdeskRequests.priority(ticket), Map.of())
                        .thenApply(ignored -> withNote.with(List.of(), ticket.priority(), clock.instant())));
        // deletions first, as for Zendesk: an edit Freshdesk refuses must not hold back an author's removal request
        CompletableFuture<DeliveredTicket> removed = known.removalsPending(ticket)
                ? prioritised.thenCompose(state -> remove(ticket, state, reads)) : prioritised;
        return removed.thenCompose(state -> keeping(state, edit(ticket, state, reads)));
    }

    /**
     * After new posts were added as a note: a pending, resolved or closed ticket goes back to Open (see
     * {@link Reopening}; Freshdesk lets a closed ticket take notes and be reopened), with the priority in the same
     * {@code PUT} when it changed. A note's answer is the note alone and its request cannot set a status, so the
     * ticket's status is read first ({@code GET /api/v2/tickets/{id}}); setting Open blindly would take tickets out of
     * custom statuses such as "Waiting on third party". Should that fail, the note is there all the same: see
     * {@link #reopenFailed}.
     */
    private CompletableFuture<DeliveredTicket> reopenOrPrioritise(HandoffTicket ticket, DeliveredTicket withNote,
                                                                  boolean priorityChanged) {
        URI uri = URI.create(base + "/api/v2/tickets/" + withNote.helpdeskId());
        return http.send("GET", uri, null, Map.of()).thenCompose(view -> {
            boolean reopens = Reopening.freshdeskReopens(view.path("status").asInt());
            if (!reopens && !priorityChanged) {
                return CompletableFuture.completedFuture(withNote.withReopenPending(false));
            }
            JsonNode request = reopens ? FreshdeskRequests.reopen(ticket, priorityChanged) : FreshdeskRequests.priority(ticket);
            return http.send("PUT", uri, request, Map.of()).thenApply(ignored -> {
                if (reopens) {
                    counters.ticketsReopened.incrementAndGet();
                }
                return (priorityChanged ? withNote.with(List.of(), ticket.priority(), clock.instant()) : withNote)
                        .withReopenPending(false);
            });
        }).handle((state, error) -> {
            if (error != null) {
                throw reopenFailed("freshdesk", withNote, "reading its status or setting it back to Open", error);
            }
            return state;
        });
    }

    /**
     * Shows the new text of posts edited on the network by rewriting the description or note holding each (the same
     * calls as for deleted posts), the post said to be edited under a marker with the new text's fingerprint. A post
     * the ticket already shows with this text (an edit shown before a restart whose state was lost) needs nothing.
     */
    private CompletableFuture<DeliveredTicket> edit(HandoffTicket ticket, DeliveredTicket known, VersionReads<List<Body>> reads) {
        String ticketId = known.helpdeskId();
        return showEdited(ticket, known, (edited, now) -> reads.of(ticketId, this::bodies).thenCompose(bodies -> {
            List<TicketPost> toShow = TicketText.notShownYet(edited, bodies.stream().map(Body::html).toList());
            List<String> unplaced = toShow.stream().filter(post -> bodies.stream()
                    .allMatch(body -> TicketText.withPostEdited(body.html(), post, now).equals(body.html())))
                    .map(TicketPost::id).toList();
            if (!unplaced.isEmpty()) {
                // an agent edited the post's marker out of the description or note: nothing to rewrite in place
                throw new DeliveryException("freshdesk: ticket " + ticketId + " no longer holds the marker of edited post(s) "
                        + unplaced + ", so their new text cannot be shown; add it to the ticket by hand");
            }
            return rewrite(ticketId, bodies, html -> {
                String rewritten = html;
                for (TicketPost post : toShow) {
                    rewritten = TicketText.withPostEdited(rewritten, post, now);
                }
                return rewritten;
            }).thenApply(ignored -> {
                counters.postsEdited.addAndGet(toShow.size());
                return known;
            });
        }));
    }

    /**
     * Rewrites the description or notes holding the posts {@code ticket} says were deleted, with each post's text
     * and link replaced by {@link TicketText#REMOVED_NOTE}: the ticket's description with {@code PUT
     * /api/v2/tickets/{id}} ({@code description}), a note with {@code PUT /api/v2/conversations/{id}} ({@code body};
     * Freshdesk lets notes be edited). Rewriting rather than deleting a note keeps the other posts a note holds.
     */
    private CompletableFuture<DeliveredTicket> remove(HandoffTicket ticket, DeliveredTicket known, VersionReads<List<Body>> reads) {
        List<String> held = known.postsToRemove(ticket);
        if (held.isEmpty()) {
            return CompletableFuture.completedFuture(known.withRemoved(ticket.removedPostIds(), clock.instant()));
        }
        String ticketId = known.helpdeskId();
        return reads.of(ticketId, this::bodies).thenCompose(bodies -> rewrite(ticketId, bodies, html -> {
            String rewritten = html;
            for (String postId : held) {
                rewritten = TicketText.withoutPost(rewritten, postId);
            }
            return rewritten;
        })).thenApply(ignored -> {
            counters.postsRemoved.addAndGet(held.size());
            return known.withRemoved(ticket.removedPostIds(), clock.instant());
        });
    }

    /**
     * Puts back, one request after another, each body {@code change} alters: the ticket's description with {@code PUT
     * /api/v2/tickets/{id}} ({@code description}), a note with {@code PUT /api/v2/conversations/{id}} ({@code body}).
     * {@code bodies}, what the version read, then hold the rewritten texts, for its later steps.
     */
    private CompletableFuture<Void> rewrite(String ticketId, List<Body> bodies, UnaryOperator<String> change) {
        CompletableFuture<Void> rewrites = CompletableFuture.completedFuture(null);
        for (int i = 0; i < bodies.size(); i++) {
            Body body = bodies.get(i);
            int at = i;
            String rewritten = change.apply(body.html());
            if (!rewritten.equals(body.html())) {
                boolean description = body.noteId() == null;
                URI uri = URI.create(base + (description ? "/api/v2/tickets/" + ticketId : "/api/v2/conversations/" + body.noteId()));
                JsonNode request = description ? FreshdeskRequests.description(rewritten) : FreshdeskRequests.noteBody(rewritten);
                rewrites = rewrites.thenCompose(ignored -> http.send("PUT", uri, request, Map.of())
                        .thenAccept(done -> bodies.set(at, new Body(body.noteId(), rewritten, body.createdAt()))));
            }
        }
        return rewrites;
    }
}
