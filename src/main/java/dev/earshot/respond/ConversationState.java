package dev.earshot.respond;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.earshot.model.HandoffTicket;
import java.time.Instant;
import java.util.List;

/**
 * What {@link ConversationTracker} remembers of one conversation between posts: its current (or last closed)
 * ticket and what the ticket's priority is computed from. Kept in Flink keyed state, so it round-trips through
 * {@link dev.earshot.json.Json}. Bounded: the ticket holds at most {@link HandoffRules#maxPostsPerTicket()} posts.
 * Not thread-safe; one instance per conversation key.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class ConversationState {

    private String conversationKey;
    private HandoffTicket ticket;
    private Instant closedAt;
    private long postCount;
    private List<String> openingReasons = List.of();
    private String reopenReason;
    private List<String> urgentWords = List.of();
    private long removedPosts;

    /** An empty conversation: no ticket yet. */
    public ConversationState() {
    }

    /** The key this state belongs to, or null before its first addressed post. */
    public String conversationKey() {
        return conversationKey;
    }

    /** The conversation's latest ticket as last emitted, open or closed, or null when none was opened. */
    public HandoffTicket ticket() {
        return ticket;
    }

    /** When the ticket went quiet, or null while it is open (or there is none). */
    public Instant closedAt() {
        return closedAt;
    }

    /** All posts of the ticket, including those dropped from it to keep the state bounded. */
    public long postCount() {
        return postCount;
    }

    /** Posts removed from the ticket because their authors deleted them. */
    public long removedPosts() {
        return removedPosts;
    }

    List<String> openingReasons() {
        return openingReasons;
    }

    String reopenReason() {
        return reopenReason;
    }

    List<String> urgentWords() {
        return urgentWords;
    }

    void claim(String key) {
        if (conversationKey == null) {
            conversationKey = key;
        } else if (!conversationKey.equals(key)) {
            throw new IllegalArgumentException("this state belongs to conversation '" + conversationKey
                    + "' but the post to '" + key + "': key the stream by ConversationKey");
        }
    }

    void startTicket(List<String> reasons) {
        ticket = null;
        closedAt = null;
        postCount = 0;
        openingReasons = List.copyOf(reasons);
        reopenReason = null;
        urgentWords = List.of();
        removedPosts = 0;
    }

    void close(Instant at) {
        closedAt = at;
    }

    void reopen(String reason) {
        closedAt = null;
        reopenReason = reason;
    }

    void record(HandoffTicket updated, List<String> allUrgentWords) {
        ticket = updated;
        urgentWords = List.copyOf(allUrgentWords);
        postCount++;
    }

    /** The ticket without a post its author deleted (no longer counted). */
    void recordRemoval(HandoffTicket updated) {
        ticket = updated;
        removedPosts++;
        postCount = Math.max(0, postCount - 1);
    }

    /** The ticket with a post replaced by its edited version. */
    void recordEdit(HandoffTicket updated) {
        ticket = updated;
    }

    void forget() {
        startTicket(List.of());
    }
}
