package dev.earshot.respond.helpdesk;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.model.TicketPriority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a helpdesk already holds of one Earshot ticket, so that only what is new is sent.
 *
 * @param helpdeskId the helpdesk's own ticket id (for the webhook: the Earshot id)
 * @param postIds the posts already in the helpdesk ticket, as its description or comments
 * @param priority the priority last sent, or null when unknown (a ticket found again after a restart)
 * @param deliveredAt when this was last delivered, so that long-quiet tickets can be forgotten
 * @param removedPostIds posts deleted by their authors: their text is gone from the helpdesk (or never reached it),
 *        and they are never added again, even by a replayed older version that still holds them
 * @param fingerprints per held post, the {@link TicketText#fingerprint}s of the texts the helpdesk was given, oldest
 *        first, the last being what it shows: a version whose post reads otherwise is an edit, unless it reads as an
 *        earlier text (a replayed older version). A post without fingerprints (state written before they were, or
 *        a ticket read back from texts without them) is of unknown text, and no edit of it is sent. Omitted from
 *        JSON when empty.
 * @param earlierHelpdeskIds the closed helpdesk tickets that held the conversation before {@code helpdeskId}, oldest
 *        first: a closed Zendesk ticket takes no post, so the customer's later posts went to a follow-up ticket. Their
 *        posts are among {@code postIds}, and a post deleted later is redacted from them too. Omitted from JSON when
 *        empty.
 * @param shownEditedAt per held post whose shown text its network says was written by an edit, that edit's time
 *        ({@link TicketPost#editedAt}): a version whose post reads as an earlier text is an edit back to it only when
 *        its network says it was edited later than this. Omitted from JSON when empty.
 * @param reopenPending the customer's new posts were added, but setting the ticket back to open failed for a while
 *        (5xx, 429, timeouts after every retry): the ticket's next version tries again. Omitted from JSON when false.
 */
public record DeliveredTicket(String helpdeskId, List<String> postIds, TicketPriority priority, Instant deliveredAt,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> removedPostIds,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<String>> fingerprints,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> earlierHelpdeskIds,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Instant> shownEditedAt,
                              @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean reopenPending) {

    public DeliveredTicket {
        if (helpdeskId == null || helpdeskId.isBlank()) {
            throw new IllegalArgumentException("helpdeskId is required");
        }
        postIds = postIds == null ? List.of() : List.copyOf(postIds);
        removedPostIds = removedPostIds == null ? List.of() : List.copyOf(removedPostIds);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (fingerprints != null) {
            fingerprints.forEach((id, texts) -> copy.put(id, List.copyOf(texts)));
        }
        fingerprints = Collections.unmodifiableMap(copy);
        earlierHelpdeskIds = earlierHelpdeskIds == null ? List.of() : List.copyOf(earlierHelpdeskIds);
        shownEditedAt = shownEditedAt == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(shownEditedAt));
    }

    /**
     * The state of a helpdesk ticket found again without this job's state, read back from the markers in its texts
     * (description, comments or notes): the posts they hold, less those marked removed, with the fingerprints of the
     * texts their markers carry. The priority is unknown.
     */
    public static DeliveredTicket readBack(String helpdeskId, Collection<String> texts, Instant now) {
        return readBack(helpdeskId, List.of(), texts, now);
    }

    /**
     * As {@link #readBack(String, Collection, Instant)} for a conversation held by several helpdesk tickets: the
     * {@code earlier} closed ones and {@code helpdeskId}, which takes its posts now; {@code texts} are all of theirs.
     */
    public static DeliveredTicket readBack(String helpdeskId, List<String> earlier, Collection<String> texts, Instant now) {
        Set<String> posts = new LinkedHashSet<>();
        Set<String> removed = new LinkedHashSet<>();
        texts.forEach(text -> {
            posts.addAll(TicketText.markedPostIds(text));
            removed.addAll(TicketText.removedPostIds(text));
        });
        posts.removeAll(removed);
        Map<String, List<String>> fingerprints = TicketText.shownFingerprints(texts);
        fingerprints.keySet().retainAll(posts);
        Map<String, Instant> editedAt = TicketText.shownEditTimes(texts);
        editedAt.keySet().retainAll(posts);
        return new DeliveredTicket(helpdeskId, List.copyOf(posts), null, now, List.copyOf(removed), fingerprints, earlier,
                editedAt, false);
    }

    /**
     * This state, restored from a checkpoint, brought up to what its helpdesk ticket {@code read} holds now (see
     * {@link #readBack}): a post delivered after the checkpoint is held, one removed after it is removed, and an edit
     * shown after it is the text shown. Priority, earlier tickets and a pending reopening are the checkpoint's, as
     * markers do not tell them. Nor do they tell whether posts found delivered after the checkpoint should reopen the
     * ticket (an agent may have finished it after reading them, while the process was down, or the process stopped
     * between adding them and reopening): the helpdesk's times tell, see {@link ReplayReopening}.
     */
    public DeliveredTicket withReadBack(DeliveredTicket read) {
        Set<String> removed = new LinkedHashSet<>(removedPostIds);
        removed.addAll(read.removedPostIds());
        Set<String> posts = new LinkedHashSet<>(postIds);
        posts.addAll(read.postIds());
        posts.removeAll(removed);
        Map<String, List<String>> texts = new LinkedHashMap<>(fingerprints);
        read.fingerprints().forEach((postId, shown) -> {
            List<String> given = new ArrayList<>(texts.getOrDefault(postId, List.of()));
            given.removeAll(shown);
            given.addAll(shown);
            texts.put(postId, given);
        });
        texts.keySet().retainAll(posts);
        Map<String, Instant> editedAt = new LinkedHashMap<>(shownEditedAt);
        editedAt.putAll(read.shownEditedAt());
        editedAt.keySet().retainAll(posts);
        return new DeliveredTicket(helpdeskId, List.copyOf(posts), priority, deliveredAt, List.copyOf(removed), texts,
                earlierHelpdeskIds, editedAt, reopenPending);
    }

    /** The state after the whole of {@code ticket} was delivered as a new helpdesk ticket. */
    public static DeliveredTicket opened(String helpdeskId, HandoffTicket ticket, Instant now) {
        return new DeliveredTicket(helpdeskId, ticket.posts().stream().map(TicketPost::id).toList(), ticket.priority(), now,
                ticket.removedPostIds(), fingerprintsOf(Map.of(), ticket.posts()), List.of(),
                editTimesOf(Map.of(), ticket.posts()), false);
    }

    /**
     * The state after the whole of {@code ticket} was delivered again as one document (the webhook): as
     * {@link #opened}, still knowing the texts given earlier, so that a replayed older version is not taken for an edit.
     */
    public DeliveredTicket resent(HandoffTicket ticket, Instant now) {
        DeliveredTicket sent = opened(helpdeskId, ticket, now);
        Map<String, List<String>> earlier = new LinkedHashMap<>(fingerprints);
        earlier.keySet().retainAll(sent.postIds());
        return new DeliveredTicket(helpdeskId, sent.postIds(), sent.priority(), now, sent.removedPostIds(),
                fingerprintsOf(earlier, ticket.posts()), earlierHelpdeskIds, sent.shownEditedAt(), false);
    }

    /**
     * The posts of {@code ticket} the helpdesk does not have yet, in the ticket's order: no post is sent twice, and
     * no deleted post is sent again.
     */
    public List<TicketPost> newPosts(HandoffTicket ticket) {
        Set<String> known = new HashSet<>(postIds);
        known.addAll(removedPostIds);
        known.addAll(ticket.removedPostIds());
        return ticket.posts().stream().filter(post -> !known.contains(post.id())).toList();
    }

    /**
     * The posts the helpdesk holds that {@code ticket} says their authors deleted: their text must leave the helpdesk.
     * Only the version's explicit list counts, never a post merely missing from it (an older version replayed, or a
     * post the ticket no longer keeps because it keeps only its latest ones).
     */
    public List<String> postsToRemove(HandoffTicket ticket) {
        Set<String> held = new HashSet<>(postIds);
        return ticket.removedPostIds().stream().filter(held::contains).distinct().toList();
    }

    /**
     * The posts of {@code ticket} the helpdesk holds with another text, which it must show instead: edited on the
     * network. Not a post whose text is unknown (no fingerprint), nor one deleted by its author (deletion wins). A
     * post that reads as a text given earlier is an edit back to it only when its network says it was edited later
     * than the text shown was (A, edited to B, then back to A); else it is a replayed older version, whose old text
     * is never shown again. Without the network's times the two cannot be told apart, and the old text is not shown.
     */
    public List<TicketPost> editedPosts(HandoffTicket ticket) {
        Set<String> gone = new HashSet<>(removedPostIds);
        gone.addAll(ticket.removedPostIds());
        return ticket.posts().stream()
                .filter(post -> !gone.contains(post.id()) && fingerprints.containsKey(post.id()))
                .filter(this::newerThanShown)
                .toList();
    }

    private boolean newerThanShown(TicketPost post) {
        List<String> given = fingerprints.get(post.id());
        String text = TicketText.fingerprint(post);
        if (text.equals(given.get(given.size() - 1))) {
            return false;
        }
        Instant shownAt = shownEditedAt.get(post.id());
        return !given.contains(text) || post.editedAt() != null && shownAt != null && post.editedAt().isAfter(shownAt);
    }

    /** The state after the helpdesk was given the new text of the {@code edited} posts. */
    public DeliveredTicket withEdited(List<TicketPost> edited, Instant now) {
        return new DeliveredTicket(helpdeskId, postIds, priority, now, removedPostIds, fingerprintsOf(fingerprints, edited),
                earlierHelpdeskIds, editTimesOf(shownEditedAt, edited), reopenPending);
    }

    /** Whether {@code ticket} names deleted posts this state does not record as removed yet. */
    public boolean removalsPending(HandoffTicket ticket) {
        return !removedPostIds.containsAll(ticket.removedPostIds());
    }

    /**
     * Whether this version's priority should replace the helpdesk's: it differs, and the version is not older than
     * what was delivered (versions only gain posts), so that a replayed old version never lowers it again.
     */
    public boolean priorityChanged(HandoffTicket ticket) {
        return priority != ticket.priority() && ticket.posts().size() >= postIds.size();
    }

    /** The state after {@code added} and this version's priority were delivered. */
    public DeliveredTicket with(List<TicketPost> added, TicketPriority newPriority, Instant now) {
        List<String> ids = new ArrayList<>(postIds);
        added.forEach(post -> ids.add(post.id()));
        return new DeliveredTicket(helpdeskId, ids, newPriority, now, removedPostIds, fingerprintsOf(fingerprints, added),
                earlierHelpdeskIds, editTimesOf(shownEditedAt, added), reopenPending);
    }

    /** The state with the ticket's reopening still to do ({@code pending}), or done or given up. */
    public DeliveredTicket withReopenPending(boolean pending) {
        return new DeliveredTicket(helpdeskId, postIds, priority, deliveredAt, removedPostIds, fingerprints,
                earlierHelpdeskIds, shownEditedAt, pending);
    }

    /**
     * The state after {@code added} and this version's priority went to the follow-up ticket {@code followUpId} of
     * the closed {@link #helpdeskId}, which takes the conversation's later posts from now on.
     */
    public DeliveredTicket followedUpBy(String followUpId, List<TicketPost> added, TicketPriority newPriority, Instant now) {
        List<String> earlier = new ArrayList<>(earlierHelpdeskIds);
        earlier.add(helpdeskId);
        DeliveredTicket withAdded = with(added, newPriority, now);
        return new DeliveredTicket(followUpId, withAdded.postIds(), newPriority, now, removedPostIds,
                withAdded.fingerprints(), earlier, withAdded.shownEditedAt(), false);
    }

    /** Every helpdesk ticket holding the conversation's posts: the earlier, closed ones, then the current one. */
    @JsonIgnore
    public List<String> helpdeskIds() {
        List<String> all = new ArrayList<>(earlierHelpdeskIds);
        all.add(helpdeskId);
        return all;
    }

    /** The state after the text of the {@code removed} posts left the helpdesk: no longer held, never added again. */
    public DeliveredTicket withRemoved(Collection<String> removed, Instant now) {
        Set<String> all = new LinkedHashSet<>(removedPostIds);
        all.addAll(removed);
        Map<String, List<String>> kept = new LinkedHashMap<>(fingerprints);
        kept.keySet().removeAll(all);
        Map<String, Instant> keptTimes = new LinkedHashMap<>(shownEditedAt);
        keptTimes.keySet().removeAll(all);
        return new DeliveredTicket(helpdeskId, postIds.stream().filter(id -> !all.contains(id)).toList(), priority, now,
                List.copyOf(all), kept, earlierHelpdeskIds, keptTimes, reopenPending);
    }

    /** {@code earlier} with each post's edit time as its network gives it for the text its helpdesk now shows. */
    private static Map<String, Instant> editTimesOf(Map<String, Instant> earlier, List<TicketPost> posts) {
        Map<String, Instant> all = new LinkedHashMap<>(earlier);
        for (TicketPost post : posts) {
            if (post.editedAt() == null) {
                all.remove(post.id());
            } else {
                all.put(post.id(), post.editedAt());
            }
        }
        return all;
    }

    /** {@code earlier} with each post's current text added as the last one its helpdesk shows. */
    private static Map<String, List<String>> fingerprintsOf(Map<String, List<String>> earlier, List<TicketPost> posts) {
        Map<String, List<String>> all = new LinkedHashMap<>(earlier);
        for (TicketPost post : posts) {
            List<String> texts = new ArrayList<>(all.getOrDefault(post.id(), List.of()));
            String text = TicketText.fingerprint(post);
            texts.remove(text);
            texts.add(text);
            all.put(post.id(), texts);
        }
        return all;
    }
}
