package dev.earshot.flink;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.PostDeletion;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * What reaches a conversation's ticket: a post addressed to our accounts, a new version of one of its posts, or the
 * deletion of one. Edits and deletions learn their conversation from {@link TicketPostIndex}: platforms name only
 * the post. Exactly one of {@code post}, {@code edit}, {@code deletion} is set.
 *
 * @param conversationKey the conversation, or null for an edit or a deletion before the index has named it
 */
record ConversationEvent(String conversationKey, AddressedPost post, EnrichedPost edit, PostDeletion deletion) {

    static final TypeInformation<ConversationEvent> TYPE = JsonTypeInfo.of(ConversationEvent.class);

    static ConversationEvent of(AddressedPost post) {
        return new ConversationEvent(post.conversationKey(), post, null, null);
    }

    static ConversationEvent edited(EnrichedPost edit) {
        return new ConversationEvent(null, null, edit, null);
    }

    static ConversationEvent deleted(PostDeletion deletion) {
        return new ConversationEvent(null, null, null, deletion);
    }

    String postId() {
        return post != null ? post.post().post().id() : edit != null ? edit.post().id() : deletion.postId();
    }

    ConversationEvent in(String key) {
        return new ConversationEvent(key, post, edit, deletion);
    }
}
