package dev.earshot.connectors.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.connectors.http.AsyncFailures;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import dev.earshot.respond.helpdesk.ReplayReopening;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A helpdesk that holds one ticket per conversation: when this job does not know the conversation's ticket (a new
 * job, a replay, a rescale), it looks it up before creating one, so that a conversation never gets a second ticket.
 *
 * @param <T> what a version reads of one helpdesk ticket, shared by its steps (see {@link VersionReads})
 */
abstract class LookupBeforeCreate<T> implements HelpdeskApi {

    private static final Logger LOG = LoggerFactory.getLogger(LookupBeforeCreate.class);

    protected final HelpdeskSettings settings;
    protected final Clock clock;
    protected final HttpCalls http;
    protected final DeliveryCounters counters;
    /** The helpdesk's URL without a trailing slash, to append API paths to. */
    protected final String base;
    /** Earshot tickets known from a checkpoint whose helpdesk ticket this writer has not read yet: see {@link #deliver}. */
    private final Set<String> notReadSinceRestore = ConcurrentHashMap.newKeySet();

    LookupBeforeCreate(HelpdeskSettings settings, Clock clock, HttpCalls http, DeliveryCounters counters) {
        this.settings = settings;
        this.clock = clock;
        this.http = http;
        this.counters = counters;
        this.base = settings.apiBase();
    }

    /** The helpdesk's ticket for this conversation and the posts it holds, or null when there is none. */
    abstract CompletableFuture<DeliveredTicket> find(HandoffTicket ticket, VersionReads<T> reads);

    abstract CompletableFuture<DeliveredTicket> create(HandoffTicket ticket);

    /** Adds the posts that {@code known} does not hold yet. */
    abstract CompletableFuture<DeliveredTicket> update(HandoffTicket ticket, DeliveredTicket known, VersionReads<T> reads);

    /**
     * What the helpdesk ticket {@code known} names holds now, read back from its markers as {@link #find} does
     * (sharing {@code reads} with the version's later steps).
     */
    abstract CompletableFuture<DeliveredTicket> readBack(DeliveredTicket known, VersionReads<T> reads);

    /**
     * The read-back of {@code held} found {@code replayedPostIds} delivered already, though the checkpoint did not know
     * them: whether the agents finished the ticket before Earshot added them, from one more read of the ticket (its
     * status and since when) and the times of the comments or notes the version read already.
     */
    abstract CompletableFuture<ReplayReopening.Verdict> replayVerdict(DeliveredTicket held, List<String> replayedPostIds,
                                                                       VersionReads<T> reads);

    @Override
    public void restored(Collection<String> ticketIds) {
        notReadSinceRestore.addAll(ticketIds);
    }

    /**
     * A ticket unknown to the state is looked up. One known from a checkpoint is read back the first time a version
     * adds posts to it (once per ticket per writer), since posts delivered after that checkpoint are already there;
     * after that, and for a ticket this writer opened or found, the state holds all this writer sent.
     */
    @Override
    public CompletableFuture<DeliveredTicket> deliver(HandoffTicket ticket, DeliveredTicket known) {
        VersionReads<T> reads = new VersionReads<>();
        CompletableFuture<DeliveredTicket> existing;
        if (known == null) {
            existing = find(ticket, reads).thenApply(found -> read(ticket, found));
        } else if (notReadSinceRestore.contains(ticket.id()) && !known.newPosts(ticket).isEmpty()) {
            existing = readBack(known, reads)
                    .thenCompose(held -> reopenIfNeverSeen(ticket, known, known.withReadBack(held), reads))
                    .thenApply(held -> read(ticket, held));
        } else {
            existing = CompletableFuture.completedFuture(known);
        }
        return existing.thenCompose(found -> found == null ? create(ticket) : update(ticket, found, reads));
    }

    /**
     * After a read-back: posts this version replays that the checkpoint did not know but the ticket holds were added
     * before the restart, and the process may have stopped before setting the ticket back to open, which the replay,
     * adding nothing, would not do. Only then, and only with {@code reopen} on, is the ticket's status history read,
     * see {@link ReplayReopening}. A ticket to reopen is marked pending, as a failed reopening leaves it: the update
     * adds the version's new posts and priority first and then reopens it, so that should the reopening fail, they
     * are there all the same (see {@link #reopenFailed}).
     */
    private CompletableFuture<DeliveredTicket> reopenIfNeverSeen(HandoffTicket ticket, DeliveredTicket known,
                                                                 DeliveredTicket held, VersionReads<T> reads) {
        List<String> replayed = known.newPosts(ticket).stream().map(TicketPost::id).filter(held.postIds()::contains).toList();
        if (replayed.isEmpty() || !settings.reopen() || held.reopenPending()) {
            return CompletableFuture.completedFuture(held);
        }
        String names = "Ticket " + ticket.id() + " (" + settings.kind().name().toLowerCase(Locale.ROOT) + " ticket "
                + held.helpdeskId() + ") holds posts " + replayed + " added before the restart";
        return replayVerdict(held, replayed, reads).handle((verdict, error) -> {
            if (error != null) {
                // the posts are there: the version is delivered all the same
                LOG.warn("{}, but reading since when it has its status failed ({}): left as it is; set it to open by hand if"
                        + " no agent saw them", names, AsyncFailures.cause(error).getMessage());
                return held;
            }
            return switch (verdict) {
                case REOPEN -> held.withReopenPending(true);
                case FINISHED_AFTER_THE_POSTS -> leftAsItIs(held, names
                        + ", and was finished when or after they were added (an agent may have read them): left as it is");
                case NO_STATUS_CHANGE_TIME -> leftAsItIs(held, names + ", and is finished, but the helpdesk does not say since"
                        + " when: left as it is; set it to open by hand if no agent saw them");
                case NOT_FINISHED -> held;
            };
        });
    }

    private static DeliveredTicket leftAsItIs(DeliveredTicket held, String why) {
        LOG.info("{}", why);
        return held;
    }

    /** The time a helpdesk gives in {@code field} of {@code node}, or null when it gives none. */
    static Instant time(JsonNode node, String field) {
        return ReplayReopening.time(node.path(field).asText(null));
    }

    private DeliveredTicket read(HandoffTicket ticket, DeliveredTicket held) {
        notReadSinceRestore.remove(ticket.id());
        return held;
    }

    /**
     * {@code next}, a step after {@code held} was delivered: should the helpdesk refuse it, the dead letter still
     * gives the state {@code held}, so that the ticket's next version does not add the same posts again (a refused
     * edit is tried again, as the state still holds the earlier text).
     */
    static CompletableFuture<DeliveredTicket> keeping(DeliveredTicket held, CompletableFuture<DeliveredTicket> next) {
        return next.exceptionallyCompose(error -> {
            Throwable cause = AsyncFailures.cause(error);
            return CompletableFuture.failedFuture(cause instanceof DeliveryException refused && refused.heldAnyway() == null
                    ? DeliveryException.partly(refused.getMessage(), held) : error);
        });
    }

    /**
     * Setting a ticket back to open failed after the customer's new posts were added ({@code held}): the dead letter
     * keeps them in the state all the same, so that no version adds them again. A refusal (a 4xx: the API user may
     * not, the ticket cannot) is for good, and the dead letter says to reopen by hand. Anything else (5xx, 429,
     * timeouts and connection errors that outlasted every retry {@link HttpCalls} made) is left pending: the ticket's
     * next version tries again, as it does every other failed step.
     *
     * @param helpdesk the helpdesk's name; {@code step} what failed, e.g. "setting it back to open"
     */
    static DeliveryException reopenFailed(String helpdesk, DeliveredTicket held, String step, Throwable error) {
        Throwable cause = AsyncFailures.cause(error);
        boolean refused = cause instanceof DeliveryException refusal && refusal.refusedWith() > 0;
        return DeliveryException.partly(helpdesk + ": the new posts were added to ticket " + held.helpdeskId() + ", but "
                + step + " failed: " + cause.getMessage() + (refused ? "; set it to open by hand"
                : "; the ticket's next version tries again (or set it to open by hand)"), held.withReopenPending(!refused));
    }

    /**
     * Shows the new text of the posts {@code ticket} says were edited on the network and {@code known} holds with an
     * earlier text: {@code show} is given them and the time the edit is seen at, and answers the state of the
     * helpdesk ticket that shows them ({@code known}, or a follow-up of a closed one), which then knows their new
     * texts. With no such post, nothing is sent.
     */
    final CompletableFuture<DeliveredTicket> showEdited(HandoffTicket ticket, DeliveredTicket known,
            BiFunction<List<TicketPost>, Instant, CompletableFuture<DeliveredTicket>> show) {
        List<TicketPost> edited = known.editedPosts(ticket);
        if (edited.isEmpty()) {
            return CompletableFuture.completedFuture(known);
        }
        Instant now = clock.instant();
        return show.apply(edited, now).thenApply(shownIn -> shownIn.withEdited(edited, now));
    }
}
