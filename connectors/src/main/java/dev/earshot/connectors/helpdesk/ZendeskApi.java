package dev.earshot.connectors.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.connectors.http.AsyncFailures;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import dev.earshot.respond.helpdesk.HtmlRedaction;
import dev.earshot.respond.helpdesk.IdempotencyKeys;
import dev.earshot.respond.helpdesk.Reopening;
import dev.earshot.respond.helpdesk.ReplayReopening;
import dev.earshot.respond.helpdesk.TicketText;
import dev.earshot.respond.helpdesk.ZendeskRequests;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Zendesk: one ticket per Earshot ticket, with {@code external_id} = the Earshot id; later posts as private
 * comments on it. A ticket the job's state does not know is first looked up by external id, and the posts its
 * comments already hold are read back from their markers, so a replay or a restart without state neither opens
 * a second ticket nor repeats a comment. The create carries an {@code Idempotency-Key}, so a retry after a lost
 * response returns the ticket already made.
 *
 * <p>New posts put a pending or solved ticket back to open (see {@link Reopening}). Zendesk refuses any update of a
 * closed ticket (422, "closed prevents ticket update"), so new posts for one, and edits of posts it holds, go to a
 * follow-up ticket ({@code via_followup_source_id}) with the same external id, which takes the conversation's later
 * posts; a lookup
 * then takes the newest ticket that is not closed, and reads the posts back from all of them.
 */
final class ZendeskApi extends LookupBeforeCreate<Map<String, ZendeskApi.Comment>> {

    /** What Zendesk's 422 says when a closed ticket refuses an update. */
    private static final String CLOSED_REFUSAL = "closed prevents ticket update";
    /** The audit events that set a ticket's status: when it was created, and each change since. */
    private static final Set<String> STATUS_SETTING_EVENTS = Set.of("Create", "Change");

    ZendeskApi(HelpdeskSettings settings, Clock clock, HttpCalls http, DeliveryCounters counters) {
        super(settings, clock, http, counters);
    }

    @Override
    CompletableFuture<DeliveredTicket> find(HandoffTicket ticket, VersionReads<Map<String, Comment>> reads) {
        URI lookup = URI.create(base + "/api/v2/tickets.json?external_id="
                + URLEncoder.encode(ticket.id(), StandardCharsets.UTF_8));
        return http.send("GET", lookup, null, Map.of()).thenCompose(list -> {
            List<Reopening.Found> found = new ArrayList<>();
            for (JsonNode ticketFound : list.path("tickets")) {
                if (ticketFound.path("id").canConvertToLong()) {
                    found.add(new Reopening.Found(ticketFound.path("id").asLong(), ticketFound.path("status").asText()));
                }
            }
            Reopening.Found current = Reopening.current(found);
            if (current == null) {
                return CompletableFuture.completedFuture(null);
            }
            counters.ticketsFound.incrementAndGet();
            String id = Long.toString(current.id());
            List<String> earlier = found.stream().filter(other -> other.id() != current.id())
                    .map(other -> Long.toString(other.id())).sorted(Comparator.comparingLong(Long::parseLong)).toList();
            List<String> all = new ArrayList<>(earlier);
            all.add(id);
            return comments(all, reads).thenApply(comments -> DeliveredTicket.readBack(id, earlier, bodies(comments), clock.instant()));
        });
    }

    /**
     * Reads the current ticket's comments only: posts go there, and if it was closed after the checkpoint, its
     * refusal looks the conversation's tickets up again (see {@link #afterClosed}).
     */
    @Override
    CompletableFuture<DeliveredTicket> readBack(DeliveredTicket known, VersionReads<Map<String, Comment>> reads) {
        String id = known.helpdeskId();
        return comments(List.of(id), reads).thenApply(comments -> DeliveredTicket.readBack(id, bodies(comments), clock.instant()));
    }

    /**
     * A comment's ticket, its plain {@code body}, which Earshot wrote, the {@code html_body} Zendesk made of it, and
     * when it was added ({@code created_at}; null if Zendesk did not say).
     */
    record Comment(String ticketId, String body, String htmlBody, Instant createdAt) {

        /**
         * The comment after Redact String in Comment replaced each character of {@code text} by ▇ in its body. Its
         * {@code html_body} is left as read: only the Agent Workspace redaction uses it, and reads it again.
         */
        Comment redacted(String text) {
            return new Comment(ticketId, body.replace(text, "\u2587".repeat(text.codePointCount(0, text.length()))), htmlBody,
                    createdAt);
        }
    }

    /**
     * The comments of these tickets (comment ids are unique across tickets), each ticket's read once per version:
     * see {@link VersionReads}.
     */
    private CompletableFuture<Map<String, Comment>> comments(List<String> ticketIds, VersionReads<Map<String, Comment>> reads) {
        CompletableFuture<Map<String, Comment>> all = CompletableFuture.completedFuture(new LinkedHashMap<>());
        for (String ticketId : ticketIds) {
            all = all.thenCompose(found -> reads.of(ticketId, this::comments).thenApply(ofTicket -> {
                found.putAll(ofTicket);
                return found;
            }));
        }
        return all;
    }

    /** One ticket's comments, read now. */
    private CompletableFuture<Map<String, Comment>> comments(String ticketId) {
        Map<String, Comment> found = new LinkedHashMap<>();
        return eachPage(URI.create(base + "/api/v2/tickets/" + ticketId + "/comments.json"), page ->
                page.path("comments").forEach(comment -> found.put(comment.path("id").asText(), new Comment(ticketId,
                        comment.path("body").asText(), comment.path("html_body").asText(),
                        time(comment, "created_at")))))
                .thenApply(ignored -> found);
    }

    /** Gives {@code take} each page of a list from {@code first} on, following Zendesk's {@code next_page} links. */
    private CompletableFuture<Void> eachPage(URI first, Consumer<JsonNode> take) {
        return http.send("GET", first, null, Map.of()).thenCompose(page -> {
            take.accept(page);
            String next = page.path("next_page").asText(null);
            return next == null || next.isBlank() || next.equals("null")
                    ? CompletableFuture.completedFuture(null)
                    : eachPage(URI.create(next), take);
        });
    }

    /**
     * Reads the ticket's audits ({@code GET /api/v2/tickets/{id}/audits.json}, oldest first, 100 a page) for the
     * events that set its status ({@code Create} or {@code Change} of {@code field_name} "status"), each at its
     * audit's {@code created_at}; the last one gives the status it has now and since when. The comments holding the
     * replayed posts were read already, with their {@code created_at}.
     */
    @Override
    CompletableFuture<ReplayReopening.Verdict> replayVerdict(DeliveredTicket held, List<String> replayedPostIds,
                                                              VersionReads<Map<String, Comment>> reads) {
        String id = held.helpdeskId();
        List<ReplayReopening.StatusSet> statusEvents = new ArrayList<>();
        return comments(List.of(id), reads).thenCompose(comments -> eachPage(
                URI.create(base + "/api/v2/tickets/" + id + "/audits.json"), page -> page.path("audits").forEach(audit -> {
                    Instant at = time(audit, "created_at");
                    audit.path("events").forEach(event -> {
                        if (event.path("field_name").asText().equals("status")
                                && STATUS_SETTING_EVENTS.contains(event.path("type").asText())) {
                            statusEvents.add(new ReplayReopening.StatusSet(event.path("value").asText(), at));
                        }
                    });
                }))
                .thenApply(ignored -> ReplayReopening.zendesk(statusEvents, ReplayReopening.lastHolding(
                        comments.values().stream().map(c -> new ReplayReopening.Written(c.body(), c.createdAt())).toList(),
                        replayedPostIds))));
    }

    private static Map<String, Comment> ofTicket(Map<String, Comment> comments, String ticketId) {
        Map<String, Comment> ofTicket = new LinkedHashMap<>();
        comments.forEach((id, comment) -> {
            if (comment.ticketId().equals(ticketId)) {
                ofTicket.put(id, comment);
            }
        });
        return ofTicket;
    }

    private URI ticketUri(String ticketId) {
        return URI.create(base + "/api/v2/tickets/" + ticketId + ".json");
    }

    private static List<String> bodies(Map<String, Comment> comments) {
        return comments.values().stream().map(Comment::body).toList();
    }

    @Override
    CompletableFuture<DeliveredTicket> create(HandoffTicket ticket) {
        return createTicket(ZendeskRequests.create(ticket, settings.mapping()), IdempotencyKeys.create(ticket.id()), "create")
                .thenApply(id -> {
                    counters.ticketsOpened.incrementAndGet();
                    return DeliveredTicket.opened(id, ticket, clock.instant());
                });
    }

    /** Creates a ticket and gives its id; {@code answer} names the request in the error when the answer has none. */
    private CompletableFuture<String> createTicket(JsonNode body, String idempotencyKey, String answer) {
        return http.send("POST", URI.create(base + "/api/v2/tickets.json"), body, Map.of("Idempotency-Key", idempotencyKey))
                .thenApply(created -> {
                    String id = created.path("ticket").path("id").asText("");
                    if (id.isEmpty()) {
                        throw new DeliveryException("zendesk: the " + answer + " answer has no ticket.id");
                    }
                    return id;
                });
    }

    /**
     * Deletions first: a privacy request must not wait on new posts or a priority that Zendesk refuses (a closed ticket
     * takes neither, but can still be redacted).
     */
    @Override
    CompletableFuture<DeliveredTicket> update(HandoffTicket ticket, DeliveredTicket known, VersionReads<Map<String, Comment>> reads) {
        CompletableFuture<DeliveredTicket> removed = known.removalsPending(ticket) ? remove(ticket, known, reads)
                : CompletableFuture.completedFuture(known);
        return removed.thenCompose(state -> addPosts(ticket, state, reads))
                .thenCompose(state -> state.reopenPending() && settings.reopen() ? reopenIfFinished(state)
                        : CompletableFuture.completedFuture(state))
                .thenCompose(state -> keeping(state, edit(ticket, state, reads)));
    }

    /**
     * Adds the posts {@code known} does not hold as one private comment, and sets the priority when it changed. The
     * answer tells the ticket's status: a pending or solved ticket that took new posts is then set to open. Zendesk
     * cannot set a status only if it is one of those, and setting open on every update would take {@code new} and
     * {@code hold} tickets out of their state for good (see {@link Reopening}); reading the status first would cost
     * a GET per update, where this costs a second PUT only for the tickets to reopen. A closed ticket refuses the
     * update: its new posts go to a follow-up ticket instead (a priority alone is a dead letter, as before).
     */
    private CompletableFuture<DeliveredTicket> addPosts(HandoffTicket ticket, DeliveredTicket known,
                                                       VersionReads<Map<String, Comment>> reads) {
        List<TicketPost> added = known.newPosts(ticket);
        boolean priorityChanged = known.priorityChanged(ticket);
        if (added.isEmpty() && !priorityChanged) {
            return CompletableFuture.completedFuture(known);
        }
        return http.send("PUT", ticketUri(known.helpdeskId()), ZendeskRequests.update(ticket, added, priorityChanged), Map.of())
                .thenCompose(answer -> {
                    DeliveredTicket held = known.with(added, ticket.priority(), clock.instant());
                    if (added.isEmpty()) {
                        return CompletableFuture.completedFuture(held);
                    }
                    counters.commentsAdded.incrementAndGet();
                    return settings.reopen() && Reopening.zendeskReopens(answer.path("ticket").path("status").asText())
                            ? reopen(held) : CompletableFuture.completedFuture(held.withReopenPending(false));
                })
                .exceptionallyCompose(error -> !added.isEmpty() && closed(error) ? afterClosed(ticket, known, added, reads)
                        : CompletableFuture.failedFuture(error));
    }

    /**
     * The ticket {@code known} names is closed. A state older than its follow-up (restored from an earlier
     * checkpoint, whose replay comes after the follow-up's idempotency key expired) must not open a second one: the
     * conversation's tickets are looked up first, and a newer one takes the posts it does not hold yet. Else the
     * posts go to a new follow-up.
     */
    private CompletableFuture<DeliveredTicket> afterClosed(HandoffTicket ticket, DeliveredTicket known, List<TicketPost> added,
                                                          VersionReads<Map<String, Comment>> reads) {
        return find(ticket, reads).thenCompose(found -> found != null && !found.helpdeskId().equals(known.helpdeskId())
                ? addPosts(ticket, found, reads) : followUp(ticket, known, added));
    }

    /**
     * Sets a ticket that took new posts back to open. Should that fail, the posts are there all the same: see
     * {@link #reopenFailed}.
     */
    private CompletableFuture<DeliveredTicket> reopen(DeliveredTicket held) {
        return http.send("PUT", ticketUri(held.helpdeskId()), ZendeskRequests.reopen(), Map.of()).handle((answer, error) -> {
            if (error != null) {
                throw reopenFailed("zendesk", held, "setting it back to open", error);
            }
            counters.ticketsReopened.incrementAndGet();
            return held.withReopenPending(false);
        });
    }

    /**
     * A reopening is pending (an earlier version's failed for a while, or a replay found posts added before the restart
     * that the agents never saw) and this version added no post, whose answer would tell the status: the ticket is
     * read ({@code GET /api/v2/tickets/{id}.json}) and set to open only if it is still pending or solved, since an
     * agent may have taken it up or put it on hold since.
     */
    private CompletableFuture<DeliveredTicket> reopenIfFinished(DeliveredTicket held) {
        return status(held.helpdeskId())
                .handle((status, error) -> {
                    if (error != null) {
                        throw reopenFailed("zendesk", held, "reading its status to set it back to open", error);
                    }
                    return status;
                })
                .thenCompose(status -> Reopening.zendeskReopens(status) ? reopen(held)
                        : CompletableFuture.completedFuture(held.withReopenPending(false)));
    }

    /** The ticket's status as Zendesk has it now ({@code GET /api/v2/tickets/{id}.json}). */
    private CompletableFuture<String> status(String helpdeskId) {
        return http.send("GET", ticketUri(helpdeskId), null, Map.of())
                .thenApply(view -> view.path("ticket").path("status").asText());
    }

    /**
     * Opens a follow-up of the closed ticket {@code known.helpdeskId()} holding the new posts ({@code POST
     * /api/v2/tickets.json} with {@code via_followup_source_id}, as Zendesk documents for closed tickets). Its
     * {@code Idempotency-Key} names the closed ticket, so a retry after a lost answer gets the same follow-up; a
     * restart without state, or with a state older than the follow-up, finds it by external id and reads the posts
     * back, so a replay opens no second one.
     */
    private CompletableFuture<DeliveredTicket> followUp(HandoffTicket ticket, DeliveredTicket known, List<TicketPost> added) {
        String closedId = known.helpdeskId();
        return createTicket(ZendeskRequests.followUp(ticket, closedId, added, settings.mapping()),
                        IdempotencyKeys.followUp(ticket.id(), closedId), "follow-up's create")
                .thenApply(id -> {
                    counters.followUpsOpened.incrementAndGet();
                    return known.followedUpBy(id, added, ticket.priority(), clock.instant());
                });
    }

    /** Whether {@code error} is Zendesk refusing to update a closed ticket. */
    private static boolean closed(Throwable error) {
        return AsyncFailures.cause(error) instanceof DeliveryException refused && refused.refusedWith() == 422
                && refused.getMessage().contains(CLOSED_REFUSAL);
    }


    /**
     * Shows the new text of posts edited on the network: Zendesk comments are immutable apart from redaction, so the
     * earlier text and link are redacted from the current ticket's comments holding them ("Redact String in Comment",
     * as for deleted posts) and a private comment gives the new text under the post's marker. A post the comments
     * already show with this text (an edit shown before a restart, whose state was lost) needs nothing.
     *
     * <p>A closed ticket can be neither redacted by string nor commented on. The closed tickets a follow-up took over
     * from keep the earlier text, and the comment in the follow-up says which of them still shows it: the author asked
     * for no removal (unlike a deletion, an edit does not go through the Agent Workspace), and the new text is what
     * the agents need. When the current ticket itself refuses and turns out closed, the edit goes to a follow-up, as
     * new posts do (see {@link #afterEditRefused}).
     */
    private CompletableFuture<DeliveredTicket> edit(HandoffTicket ticket, DeliveredTicket known,
                                                   VersionReads<Map<String, Comment>> reads) {
        return showEdited(ticket, known, (edited, now) -> showEdits(ticket, known, edited, now, reads));
    }

    /** Shows {@code edited} in the current ticket of {@code known}; answers the state of the ticket showing them. */
    private CompletableFuture<DeliveredTicket> showEdits(HandoffTicket ticket, DeliveredTicket known, List<TicketPost> edited,
                                                        Instant now, VersionReads<Map<String, Comment>> reads) {
        String current = known.helpdeskId();
        return comments(known.helpdeskIds(), reads).thenCompose(comments -> {
            List<TicketPost> toShow = TicketText.notShownYet(edited, bodies(comments));
            if (toShow.isEmpty()) {
                return CompletableFuture.completedFuture(known);
            }
            List<String> postIds = toShow.stream().map(TicketPost::id).toList();
            List<String> closedShowingEarlier = known.earlierHelpdeskIds().stream().filter(closedId -> ofTicket(comments, closedId)
                    .values().stream().anyMatch(comment -> !toRedact(comment.body(), postIds, false).isEmpty())).toList();
            return redact(ofTicket(comments, current), postIds, false, reads)
                    .thenCompose(ignored -> http.send("PUT", ticketUri(current),
                            ZendeskRequests.editedComment(ticket, toShow, now, closedShowingEarlier), Map.of()))
                    .thenApply(ignored -> {
                        counters.postsEdited.addAndGet(toShow.size());
                        return known;
                    })
                    .exceptionallyCompose(error -> refusal(error) == null ? CompletableFuture.failedFuture(error)
                            : afterEditRefused(ticket, known, toShow, now, reads, error));
        });
    }

    /**
     * The current ticket refused to show an edit. Only if it is closed ({@code GET /api/v2/tickets/{id}.json}: the
     * redaction's refusal does not say why) does the edit go elsewhere: to a newer ticket of the conversation if the
     * lookup finds one (a state older than its follow-up), else to a new follow-up of the closed ticket, holding the
     * new text and saying that the closed ticket still shows the earlier one. Any other refusal is a dead letter, and
     * the state still holds the earlier text, so the ticket's next version tries again.
     */
    private CompletableFuture<DeliveredTicket> afterEditRefused(HandoffTicket ticket, DeliveredTicket known,
            List<TicketPost> toShow, Instant now, VersionReads<Map<String, Comment>> reads, Throwable refused) {
        return status(known.helpdeskId()).thenCompose(status ->
                !Reopening.ZENDESK_CLOSED.equals(status)
                        ? CompletableFuture.failedFuture(refused)
                        : find(ticket, reads).thenCompose(found -> found != null && !found.helpdeskId().equals(known.helpdeskId())
                                ? showEdits(ticket, found, toShow, now, reads) : followUpWithEdits(ticket, known, toShow, now)));
    }

    /**
     * Opens a follow-up of the closed ticket {@code known.helpdeskId()} showing the new text of {@code edited} posts it
     * holds, as {@link #followUp} does for new posts, with a key of its own.
     */
    private CompletableFuture<DeliveredTicket> followUpWithEdits(HandoffTicket ticket, DeliveredTicket known,
                                                                List<TicketPost> edited, Instant now) {
        String closedId = known.helpdeskId();
        return createTicket(ZendeskRequests.followUpWithEdits(ticket, closedId, edited, now, settings.mapping()),
                        IdempotencyKeys.editFollowUp(ticket.id(), closedId), "follow-up's create")
                .thenApply(id -> {
                    counters.followUpsOpened.incrementAndGet();
                    counters.postsEdited.addAndGet(edited.size());
                    return known.followedUpBy(id, List.of(), ticket.priority(), now);
                });
    }

    /**
     * Redacts, one request after another, the text and link of {@code postIds} from every comment holding them, and
     * for deleted posts the fingerprints on their markers too. An edited post keeps its earlier texts' fingerprints:
     * they tell a restart without state that those texts are old. The version's later steps read the comments as
     * redacted.
     */
    private CompletableFuture<Void> redact(Map<String, Comment> comments, Collection<String> postIds, boolean deleted,
                                           VersionReads<Map<String, Comment>> reads) {
        CompletableFuture<Void> redactions = CompletableFuture.completedFuture(null);
        for (String postId : postIds) {
            for (Map.Entry<String, Comment> comment : comments.entrySet()) {
                for (String line : toRedact(comment.getValue().body(), List.of(postId), deleted)) {
                    URI redact = URI.create(base + "/api/v2/tickets/" + comment.getValue().ticketId() + "/comments/"
                            + comment.getKey() + "/redact");
                    String ticketId = comment.getValue().ticketId();
                    String commentId = comment.getKey();
                    redactions = redactions.thenCompose(ignored ->
                            http.send("PUT", redact, ZendeskRequests.redact(line), Map.of()).thenAccept(done ->
                                    reads.change(ticketId, read -> read.computeIfPresent(commentId,
                                            (id, held) -> held.redacted(line)))));
                }
            }
        }
        return redactions;
    }

    /** What of {@code postIds} a comment's {@code body} still shows: their lines, and for deleted posts their fingerprints. */
    private static List<String> toRedact(String body, Collection<String> postIds, boolean deleted) {
        List<String> strings = new ArrayList<>();
        for (String postId : postIds) {
            strings.addAll(TicketText.postLines(body, postId));
            if (deleted) {
                strings.addAll(TicketText.fingerprintTokens(body, postId));
            }
        }
        return strings;
    }

    /**
     * Redacts the text and link of the posts {@code ticket} says were deleted from the comments holding them, then
     * says so in a private comment. Zendesk cannot rewrite a comment and has two redaction endpoints. This first uses
     * "Redact String in Comment" ({@code PUT /api/v2/tickets/{id}/comments/{comment_id}/redact}, {@code {"text": ...}}),
     * which any account has: Earshot's comments are plain text it wrote, so the exact strings are known from their
     * {@code body}. Zendesk refuses it on closed (and archived) tickets; then the deletion, a privacy request, goes
     * through "Redact Ticket Comment In Agent Workspace" instead, see {@link #redactInAgentWorkspace}. A closed ticket
     * takes no new comment, so there the redaction stands alone, without a note: the ▇ where the text was, the
     * redacted fingerprints on the post's marker (which tell a replay that the post is removed) and the ticket's
     * audit log say what happened, and {@code deletions.jsonl} records the deletion as for any post. After a
     * follow-up, the closed ticket it follows is redacted so too, and the note goes to the follow-up.
     */
    private CompletableFuture<DeliveredTicket> remove(HandoffTicket ticket, DeliveredTicket known,
                                                     VersionReads<Map<String, Comment>> reads) {
        List<String> held = known.postsToRemove(ticket);
        if (held.isEmpty()) {
            return CompletableFuture.completedFuture(known.withRemoved(ticket.removedPostIds(), clock.instant()));
        }
        String current = known.helpdeskId();
        return comments(known.helpdeskIds(), reads).thenCompose(comments -> {
            // a removal replayed from a checkpoint taken before it: its note (or, in a closed ticket, the redacted
            // fingerprints on its marker) is there already, so only redact again what may be left
            Set<String> noted = bodies(comments).stream().flatMap(body -> TicketText.removedPostIds(body).stream())
                    .collect(Collectors.toSet());
            List<String> unnoted = held.stream().filter(id -> !noted.contains(id)).toList();
            CompletableFuture<Boolean> currentTakesNote = CompletableFuture.completedFuture(true);
            for (String ticketId : known.helpdeskIds()) {
                currentTakesNote = currentTakesNote.thenCompose(takes -> redactIn(ticketId, ofTicket(comments, ticketId), held, reads)
                        .thenApply(classic -> ticketId.equals(current) ? classic : takes));
            }
            return currentTakesNote
                    .thenCompose(open -> !open || unnoted.isEmpty() ? CompletableFuture.completedFuture(null)
                            : http.send("PUT", ticketUri(current), ZendeskRequests.removalNote(unnoted), Map.of())
                                    // a closed ticket that held none of the posts takes no note either
                                    .exceptionallyCompose(error -> closed(error) ? CompletableFuture.completedFuture(null)
                                            : CompletableFuture.failedFuture(error)))
                    .thenAccept(ignored -> counters.postsRemoved.addAndGet(unnoted.size()));
        }).thenApply(ignored -> known.withRemoved(ticket.removedPostIds(), clock.instant()));
    }

    /**
     * Redacts {@code postIds} from one ticket's comments, through Redact String in Comment, or where Zendesk refuses
     * it (closed), through the Agent Workspace; true when the first did, that is the ticket takes comments.
     */
    private CompletableFuture<Boolean> redactIn(String ticketId, Map<String, Comment> comments, List<String> postIds,
                                                VersionReads<Map<String, Comment>> reads) {
        return redact(comments, postIds, true, reads).thenApply(ignored -> true)
                .exceptionallyCompose(error -> {
                    if (refusal(error) == null) {
                        return CompletableFuture.failedFuture(error);
                    }
                    // the Agent Workspace marks the html_body, which only Zendesk renders: read the ticket again after it
                    reads.forget(ticketId);
                    return redactInAgentWorkspace(ticketId, postIds, refusal(error)).thenApply(ignored -> false);
                });
    }

    /**
     * "Redact Ticket Comment In Agent Workspace" ({@code PUT /api/v2/comment_redactions/{comment_id}}), which Zendesk
     * documents for closed and archived tickets of the email, API and web-form channels: per comment still holding a
     * deleted post, the comment's {@code html_body} as Zendesk now has it (read again: the classic endpoint may have
     * redacted some before it was refused) with the post's lines, link and fingerprints marked, see
     * {@link HtmlRedaction#mark}. A text not found in the {@code html_body}, or a refusal (no Agent Workspace, an API
     * user not allowed to redact, a messaging or chat ticket), is a dead letter naming both endpoints and the fix.
     */
    private CompletableFuture<Void> redactInAgentWorkspace(String ticketId, List<String> postIds, DeliveryException classic) {
        return comments(ticketId).thenCompose(comments -> {
            CompletableFuture<Void> redactions = CompletableFuture.completedFuture(null);
            for (Map.Entry<String, Comment> comment : comments.entrySet()) {
                List<String> strings = toRedact(comment.getValue().body(), postIds, true);
                if (strings.isEmpty()) {
                    continue;
                }
                HtmlRedaction.Marked marked = HtmlRedaction.mark(comment.getValue().htmlBody(), strings);
                if (!marked.notFound().isEmpty()) {
                    return CompletableFuture.failedFuture(bothRefused(ticketId, classic, "comment " + comment.getKey()
                            + "'s html_body does not show " + marked.notFound().size() + " of the texts to redact"));
                }
                URI redact = URI.create(base + "/api/v2/comment_redactions/" + comment.getKey());
                redactions = redactions.thenCompose(ignored -> http.send("PUT", redact,
                        ZendeskRequests.commentRedaction(ticketId, marked.htmlBody()), Map.of()).thenAccept(done -> {
                        }));
            }
            return redactions;
        }).exceptionallyCompose(error -> CompletableFuture.failedFuture(refusal(error) == null ? error
                : bothRefused(ticketId, classic, refusal(error).getMessage())));
    }

    /** The refusal behind {@code error} that the other redaction endpoint may not share, or null: not for bad credentials. */
    private static DeliveryException refusal(Throwable error) {
        return AsyncFailures.cause(error) instanceof DeliveryException refused && refused.refusedWith() >= 400 && refused.refusedWith() < 500
                && refused.refusedWith() != 401 ? refused : null;
    }

    private static DeliveryException bothRefused(String ticketId, DeliveryException classic, String agentWorkspace) {
        return new DeliveryException(classic.getMessage() + "; then Redact Ticket Comment In Agent Workspace: "
                + agentWorkspace + ". Zendesk redacts a closed or archived ticket only through that endpoint (PUT "
                + "/api/v2/comment_redactions/{comment_id}), which needs the Agent Workspace turned on and an API user "
                + "allowed to redact (Professional: agents may delete tickets; Enterprise: a role that may redact ticket "
                + "content), and which cannot redact messaging or chat tickets: fix the account and the ticket's next "
                + "version tries again, or redact the post from ticket " + ticketId + " by hand");
    }
}
