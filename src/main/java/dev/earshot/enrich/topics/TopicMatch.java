package dev.earshot.enrich.topics;

/**
 * A topic a post matched, and how much of the post spoke for it: what a single-topic ranking weighs when several
 * topics match. A parent's evidence includes that of its matched descendants.
 *
 * @param topic the topic's id
 * @param mentions how many places in the post its phrases, lemmas and hashtags were found; phrases that overlap
 *     or touch are one mention ("customer service" is one, not three with "customer" and "service")
 * @param words how many words of the post those mentions cover, so that "lost luggage" (2) outweighs "bag" (1)
 */
public record TopicMatch(String topic, int mentions, int words) {
}
