package dev.earshot.enrich.topics;

import java.util.List;

/**
 * One topic of a {@link Taxonomy}, as the user wrote it (hashtags without #, hashtags and lemmas lower-cased).
 *
 * @param id snake_case identifier, unique in its taxonomy; what {@link TopicMatcher} returns
 * @param name the human-readable name shown on dashboards
 * @param parent the id of the broader topic a match also counts for, or null
 * @param phrases words or multi-word phrases, matched on lemmas
 * @param hashtags hashtags matched whole and case-insensitively
 * @param lemmas single lemmas matched as they are
 * @param exclude phrases that cancel any of this topic's matches they overlap
 */
public record Topic(
        String id,
        String name,
        String parent,
        List<String> phrases,
        List<String> hashtags,
        List<String> lemmas,
        List<String> exclude) {

    public Topic {
        phrases = phrases == null ? List.of() : List.copyOf(phrases);
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
        lemmas = lemmas == null ? List.of() : List.copyOf(lemmas);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }
}
