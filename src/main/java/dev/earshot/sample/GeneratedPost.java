package dev.earshot.sample;

import dev.earshot.model.LocationMethod;
import dev.earshot.model.Post;
import dev.earshot.model.SentimentLabel;

/**
 * A valid post of the sample stream with what the generator meant by it; the intentions never reach the JSON.
 *
 * @param post the post as written to the stream
 * @param city the canonical name of the city it is about
 * @param topic the topic id, or null for general chatter
 * @param intendedSentiment the sentiment the text was written to express
 * @param locationSignal the one location signal the post was given, or null when it has none
 * @param role why the post is in the stream
 */
public record GeneratedPost(Post post, String city, String topic, SentimentLabel intendedSentiment,
                            LocationMethod locationSignal, Role role) {

    public enum Role {
        /** An ordinary post of the baseline. */
        BASELINE,
        /** An extra post of a designed incident. */
        INCIDENT_EXTRA,
        /** A post of one of the three venting customers. */
        VENTING,
        /** A positive thank-you to the care account: must not become a ticket. */
        CARE_THANKS,
        /** A neutral question to the care account: must not become a ticket. */
        CARE_QUESTION,
        /** A negative post addressed to another user only: must not become a ticket. */
        FRIEND_COMPLAINT
    }
}
