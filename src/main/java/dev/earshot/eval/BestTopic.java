package dev.earshot.eval;

import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.enrich.topics.Topic;
import dev.earshot.enrich.topics.TopicMatch;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one topic that stands for a post when it matched several, for scoring against single-label data:
 * <ol>
 * <li>the most specific matched topics: a topic whose descendant also matched gives way to it, so "lost my bag" is
 *     lost luggage, not luggage;
 * <li>of those, the one the post mentions most often ({@link TopicMatch#mentions()}): "cancelled, and on hold for an
 *     hour, no one answers, no call back" is mostly about customer service;
 * <li>on a tie, the first in taxonomy order, so a file scored this way lists its most telling topics first.
 * </ol>
 * A post that matched no topic has no best topic, and single-label scoring counts it as a miss.
 */
public final class BestTopic {

    private BestTopic() {
    }

    /** The best of {@code matched} (as {@code TopicMatcher.matches} returns them for {@code taxonomy}); empty when none. */
    public static Optional<String> of(List<TopicMatch> matched, Taxonomy taxonomy) {
        Set<String> ancestorsOfMatched = new HashSet<>();
        for (TopicMatch match : matched) {
            String parent = topic(taxonomy, match.topic()).parent();
            while (parent != null) {
                ancestorsOfMatched.add(parent);
                parent = topic(taxonomy, parent).parent();
            }
        }
        List<String> order = taxonomy.ids();
        return matched.stream()
                .filter(match -> !ancestorsOfMatched.contains(match.topic()))
                .min(Comparator.comparingInt(TopicMatch::mentions).reversed()
                        .thenComparingInt(match -> order.indexOf(match.topic())))
                .map(TopicMatch::topic);
    }

    private static Topic topic(Taxonomy taxonomy, String id) {
        return taxonomy.topic(id).orElseThrow(
                () -> new IllegalArgumentException("topic '" + id + "' is not in the taxonomy " + taxonomy.ids()));
    }
}
