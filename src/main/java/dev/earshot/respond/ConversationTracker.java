package dev.earshot.respond;

import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.Author;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.Location;
import dev.earshot.model.Post;
import dev.earshot.model.TicketPost;
import dev.earshot.model.TicketPriority;
import dev.earshot.model.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the posts of one conversation into one {@link HandoffTicket}.
 *
 * <p>Feed it the posts of ONE {@link ConversationKey} in event-time order (the Flink layer buffers until the
 * watermark). The first venting post opens a ticket; every later post addressed to the account, venting or not,
 * is added to it; posts that address no account are ignored. A ticket whose last post is older than
 * {@link HandoffRules#quietPeriod()} is closed; a venting post within {@link HandoffRules#reopenWindow()} of the
 * closing reopens the same ticket, a later one opens a new ticket. Ids are a hash of the key and the ticket's first
 * venting post, so a replay of the same posts yields the same tickets.
 *
 * <p>Priority starts at NORMAL; each of these raises it one level, up to HIGH: the latest score at least
 * {@link HandoffRules#worseningDrop()} below the first, an author with at least
 * {@link HandoffRules#influentialFollowers()} followers, a linked open incident, at least
 * {@link HandoffRules#persistentPosts()} posts. A positive latest post lowers it one level. An urgent word in any
 * post makes it URGENT, which nothing else does, so that agents can trust URGENT.
 *
 * <p>State stays bounded: a ticket keeps its latest {@link HandoffRules#maxPostsPerTicket()} posts and scores (the
 * trajectory rules read those; the post count counts them all), and a conversation may be forgotten
 * {@link HandoffRules#lookBack()} after its last post ({@link #forgetAt}). A post older than the ticket's latest (which
 * the Flink layer's ordering should prevent) still takes its event-time place among the posts.
 *
 * <p>Stateless apart from the {@link ConversationState} passed in; thread-safe.
 */
public final class ConversationTracker {

    private final HandoffRules rules;

    public ConversationTracker(HandoffRules rules) {
        this.rules = rules;
    }

    /**
     * @param openAlerts the incidents open when the post was written; those about one of the ticket's topics at the
     *     ticket's location are linked to it
     * @return the ticket the post opened or updated, or empty when the post changes no ticket
     */
    public Optional<HandoffTicket> onPost(
            ConversationState state, EnrichedPost post, Assessment assessment, List<Alert> openAlerts) {
        if (!assessment.addressed()) {
            return Optional.empty();
        }
        String key = ConversationKey.of(post, assessment.account());
        state.claim(key);
        Instant at = post.post().createdAt();
        if (forgetAt(state).filter(at::isAfter).isPresent()) {
            state.forget();
        }
        HandoffTicket ticket = state.ticket();
        if (ticket != null && ticket.posts().stream().anyMatch(seen -> seen.id().equals(post.post().id()))) {
            return Optional.empty(); // a redelivered post: at-least-once sources replay
        }
        closeIfQuiet(state, at);
        if (ticket != null && state.closedAt() == null) {
            return Optional.of(add(state, post, assessment, openAlerts));
        }
        if (!assessment.venting()) {
            return Optional.empty();
        }
        if (ticket != null && !at.isAfter(state.closedAt().plus(rules.reopenWindow()))) {
            state.reopen(String.format(Locale.ROOT, "reopened: venting again at %s, %d h after the ticket closed at %s",
                    at, Duration.between(state.closedAt(), at).toHours(), state.closedAt()));
            return Optional.of(add(state, post, assessment, openAlerts));
        }
        return Optional.of(open(state, key, post, assessment, openAlerts));
    }

    /**
     * An edited post replaces its earlier version in the ticket: text, link and sentiment. Priority and reasons stay
     * as the posts set them when they arrived (an edit is not a new post). Works on a closed ticket too, which stays
     * closed.
     *
     * @return the ticket with the new version, or empty when the ticket does not hold the post
     */
    public Optional<HandoffTicket> onEdit(ConversationState state, EnrichedPost edited) {
        HandoffTicket ticket = state.ticket();
        int index = ticket == null ? -1 : indexOf(ticket, edited.post().id());
        if (index < 0) {
            return Optional.empty();
        }
        List<TicketPost> posts = new ArrayList<>(ticket.posts());
        List<Double> trajectory = new ArrayList<>(ticket.sentimentTrajectory());
        posts.set(index, ticketPost(edited));
        trajectory.set(index, edited.sentiment().score());
        HandoffTicket updated = revised(ticket, posts, trajectory, ticket.reasons(), ticket.removedPostIds());
        state.recordEdit(updated);
        return Optional.of(emitted(state, updated));
    }

    /**
     * A post its author deleted leaves the ticket, and no text of it is kept: the ticket says only how many posts
     * were removed at their authors' request. A ticket left without posts is closed.
     *
     * @return the ticket without the post, or empty when the ticket does not hold it
     */
    public Optional<HandoffTicket> onDeletion(ConversationState state, String postId) {
        HandoffTicket ticket = state.ticket();
        int index = ticket == null ? -1 : indexOf(ticket, postId);
        if (index < 0) {
            return Optional.empty();
        }
        List<TicketPost> posts = new ArrayList<>(ticket.posts());
        List<Double> trajectory = new ArrayList<>(ticket.sentimentTrajectory());
        posts.remove(index);
        trajectory.remove(index);
        if (posts.isEmpty() && state.closedAt() == null) {
            state.close(ticket.updatedAt());
        }
        List<String> reasons = new ArrayList<>(ticket.reasons());
        reasons.removeIf(reason -> reason.endsWith(REMOVED));
        reasons.add(removalNote(state.removedPosts() + 1));
        List<String> removed = new ArrayList<>(ticket.removedPostIds());
        removed.add(postId);
        HandoffTicket updated = revised(ticket, posts, trajectory, reasons, removed);
        state.recordRemoval(updated);
        return Optional.of(emitted(state, updated));
    }

    private static final String REMOVED = "removed at the author's request (deleted on the network)";

    private static String removalNote(long removed) {
        return removed + (removed == 1 ? " post " : " posts ") + REMOVED;
    }

    private static int indexOf(HandoffTicket ticket, String postId) {
        for (int i = 0; i < ticket.posts().size(); i++) {
            if (ticket.posts().get(i).id().equals(postId)) {
                return i;
            }
        }
        return -1;
    }

    /** The same ticket with other posts; its times stay, as the quiet period and the look-back count from them. */
    private static HandoffTicket revised(HandoffTicket ticket, List<TicketPost> posts, List<Double> trajectory,
                                         List<String> reasons, List<String> removedPostIds) {
        return new HandoffTicket(ticket.id(), ticket.conversationKey(), TicketStatus.UPDATED, ticket.source(),
                ticket.customer(), ticket.account(), posts, ticket.topics(), ticket.location(), trajectory,
                ticket.priority(), ticket.linkedAlertIds(), reasons, ticket.openedAt(), ticket.updatedAt(), removedPostIds);
    }

    /** A revised ticket as it is said again: UPDATED while open, CLOSED (dated when it closed) once closed. */
    private static HandoffTicket emitted(ConversationState state, HandoffTicket revised) {
        return state.closedAt() == null ? revised : revised.closedAt(state.closedAt());
    }

    /**
     * Closes the ticket when nothing was posted for {@link HandoffRules#quietPeriod()} before {@code eventTime};
     * {@link #onPost} does it itself, an event-time timer may call it to close tickets that hear nothing more.
     *
     * @return whether the ticket is closed
     */
    /**
     * Closes the ticket if it has been quiet for {@link HandoffRules#quietPeriod()} by {@code eventTime}, and says so
     * once: the CLOSED version of the ticket, dated when the quiet period ended.
     */
    public Optional<HandoffTicket> close(ConversationState state, Instant eventTime) {
        if (state.ticket() == null || state.closedAt() != null || !closeIfQuiet(state, eventTime)) {
            return Optional.empty();
        }
        return Optional.of(state.ticket().closedAt(state.closedAt()));
    }

    public boolean closeIfQuiet(ConversationState state, Instant eventTime) {
        HandoffTicket ticket = state.ticket();
        if (ticket != null && state.closedAt() == null) {
            Instant quietAt = ticket.updatedAt().plus(rules.quietPeriod());
            if (eventTime.isAfter(quietAt)) {
                state.close(quietAt);
            }
        }
        return state.closedAt() != null;
    }

    /** When the conversation may be forgotten (its state cleared): {@link HandoffRules#lookBack()} after its last post. */
    public Optional<Instant> forgetAt(ConversationState state) {
        return Optional.ofNullable(state.ticket()).map(ticket -> ticket.updatedAt().plus(rules.lookBack()));
    }

    private HandoffTicket open(
            ConversationState state, String key, EnrichedPost enriched, Assessment assessment, List<Alert> openAlerts) {
        Post post = enriched.post();
        state.startTicket(assessment.reasons());
        Location location = enriched.location();
        List<String> topics = enriched.topics();
        return remember(state, assessment, new HandoffTicket(
                TicketIds.of(key, post.id()), key, TicketStatus.OPEN, post.source(), post.author(), assessment.account(),
                List.of(ticketPost(enriched)), topics, location, List.of(enriched.sentiment().score()),
                TicketPriority.NORMAL, link(List.of(), topics, location, openAlerts), List.of(),
                post.createdAt(), post.createdAt()));
    }

    private HandoffTicket add(ConversationState state, EnrichedPost enriched, Assessment assessment, List<Alert> openAlerts) {
        HandoffTicket previous = state.ticket();
        Instant at = enriched.post().createdAt();
        boolean latest = !at.isBefore(previous.updatedAt());

        List<TicketPost> posts = new ArrayList<>(previous.posts());
        List<Double> trajectory = new ArrayList<>(previous.sentimentTrajectory());
        int place = posts.size();
        while (place > 0 && posts.get(place - 1).createdAt().isAfter(at)) {
            place--;
        }
        posts.add(place, ticketPost(enriched));
        trajectory.add(place, enriched.sentiment().score());
        while (posts.size() > rules.maxPostsPerTicket()) {
            posts.remove(0);
            trajectory.remove(0);
        }

        Set<String> topics = new LinkedHashSet<>(previous.topics());
        topics.addAll(enriched.topics());
        Location location = enriched.location() != null && (latest || previous.location() == null)
                ? enriched.location() : previous.location();
        return remember(state, assessment, new HandoffTicket(
                previous.id(), previous.conversationKey(), TicketStatus.UPDATED, previous.source(),
                latest ? enriched.post().author() : previous.customer(), previous.account(), posts, List.copyOf(topics),
                location, trajectory, TicketPriority.NORMAL,
                link(previous.linkedAlertIds(), List.copyOf(topics), location, openAlerts), List.of(),
                previous.openedAt(), latest ? at : previous.updatedAt(), previous.removedPostIds()));
    }

    /** Sets the ticket's priority and reasons, and remembers it. */
    private HandoffTicket remember(ConversationState state, Assessment assessment, HandoffTicket draft) {
        Set<String> urgentWords = new LinkedHashSet<>(state.urgentWords());
        urgentWords.addAll(assessment.urgentWords());
        List<String> reasons = new ArrayList<>(state.openingReasons());
        if (state.reopenReason() != null) {
            reasons.add(state.reopenReason());
        }
        if (state.removedPosts() > 0) {
            reasons.add(removalNote(state.removedPosts()));
        }
        TicketPriority priority = prioritise(draft, state.postCount() + 1, urgentWords, reasons);
        HandoffTicket ticket = new HandoffTicket(draft.id(), draft.conversationKey(), draft.status(), draft.source(),
                draft.customer(), draft.account(), draft.posts(), draft.topics(), draft.location(),
                draft.sentimentTrajectory(), priority, draft.linkedAlertIds(), reasons, draft.openedAt(),
                draft.updatedAt(), draft.removedPostIds());
        state.record(ticket, List.copyOf(urgentWords));
        return ticket;
    }

    private TicketPriority prioritise(HandoffTicket ticket, long postCount, Set<String> urgentWords, List<String> reasons) {
        List<Double> trajectory = ticket.sentimentTrajectory();
        double first = trajectory.get(0);
        double latest = trajectory.get(trajectory.size() - 1);
        int level = TicketPriority.NORMAL.ordinal();
        if (trajectory.size() >= 2 && latest <= first - rules.worseningDrop()) {
            level++;
            reasons.add(String.format(Locale.ROOT, "sentiment worsening from %.2f to %.2f over %d posts: raises priority",
                    first, latest, trajectory.size()));
        } else if (latest > 0) {
            level--;
            reasons.add(String.format(Locale.ROOT,
                    "latest post is positive (%.2f), the customer may be satisfied: lowers priority", latest));
        }
        long followers = ticket.customer().followers();
        if (followers >= rules.influentialFollowers()) {
            level++;
            reasons.add(String.format(Locale.ROOT, "author reach %,d followers (>= %,d): raises priority",
                    followers, rules.influentialFollowers()));
        }
        if (!ticket.linkedAlertIds().isEmpty()) {
            level++;
            reasons.add("linked to open incident " + String.join(", ", ticket.linkedAlertIds()) + ": raises priority");
        }
        if (postCount >= rules.persistentPosts()) {
            level++;
            reasons.add(postCount + " posts in this conversation (>= " + rules.persistentPosts() + "): raises priority");
        }
        if (!urgentWords.isEmpty()) {
            reasons.add("urgent word: " + String.join(", ", urgentWords.stream().map(word -> "'" + word + "'").toList())
                    + ": URGENT");
            return TicketPriority.URGENT;
        }
        return TicketPriority.values()[Math.min(level, TicketPriority.HIGH.ordinal())];
    }

    private static List<String> link(List<String> linked, List<String> topics, Location location, List<Alert> openAlerts) {
        if (location == null) {
            return linked;
        }
        Set<String> ids = new LinkedHashSet<>(linked);
        for (Alert alert : openAlerts) {
            if (alert.status() != AlertStatus.RESOLVED && topics.contains(alert.topic())
                    && alert.locationId().equals(location.id())) {
                ids.add(alert.id());
            }
        }
        return List.copyOf(ids);
    }

    private static TicketPost ticketPost(EnrichedPost enriched) {
        Post post = enriched.post();
        return new TicketPost(post.id(), post.createdAt(), post.text(), post.url(), enriched.sentiment().score(),
                enriched.sentiment().label(), post.editedAt());
    }
}
