package dev.earshot.respond;

import dev.earshot.model.EnrichedPost;
import dev.earshot.model.Post;
import java.util.Locale;

/**
 * What makes posts one conversation: {@code source|account(lower case)|authorId}. The same author's posts to the
 * same account on the same network are one conversation, so reply chains by that author fall in it naturally.
 *
 * <p>The key, not the order or the task a post arrives at, decides the ticket: the Flink layer keys the stream by
 * it, so all posts of one conversation meet in one {@link ConversationState}, and one conversation is one ticket
 * whatever the parallelism or the order of arrival across conversations.
 */
public final class ConversationKey {

    private ConversationKey() {
    }

    /**
     * @param account the account the post addresses, as in {@link Assessment#account()}
     */
    public static String of(EnrichedPost enriched, String account) {
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("a conversation needs the account addressed; posts that address none have no key");
        }
        Post post = enriched.post();
        return post.source() + "|" + account.toLowerCase(Locale.ROOT) + "|" + post.author().id();
    }
}
