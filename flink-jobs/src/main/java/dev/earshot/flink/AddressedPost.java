package dev.earshot.flink;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.model.EnrichedPost;
import dev.earshot.respond.Assessment;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** A post addressed to one of our accounts, with the verdict on it and the conversation it belongs to. */
record AddressedPost(String conversationKey, EnrichedPost post, Assessment assessment) {

    static final TypeInformation<AddressedPost> TYPE = JsonTypeInfo.of(AddressedPost.class);
}
