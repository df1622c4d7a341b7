package dev.earshot.eval;

import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.enrich.topics.Topic;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one topic that stands for a post when it matched several, for scoring against single-label data: the most
 * specific matched topic (a topic whose descendant also matched gives way to it, so "lost my bag" is lost luggage,
 * not luggage), then the first of those in taxonomy order. The taxonomy's order is therefore its priority order: a
 * file scored this way lists its most telling topics first.
 */
public final class BestTopic {

    private BestTopic() {
    }

    /** The best of {@code matched} (ids of {@code taxonomy}, as {@code TopicMatcher} returns them); empty when none. */
    public static Optional<String> of(List<String> matched, Taxonomy taxonomy) {
        Set<String> ancestorsOfMatched = new HashSet<>();
        for (String id : matched) {
            String parent = topic(taxonomy, id).parent();
            while (parent != null) {
                ancestorsOfMatched.add(parent);
                parent = topic(taxonomy, parent).parent();
            }
        }
        return taxonomy.ids().stream()
                .filter(id -> matched.contains(id) && !ancestorsOfMatched.contains(id))
                .findFirst();
    }

    private static Topic topic(Taxonomy taxonomy, String id) {
        return taxonomy.topic(id).orElseThrow(
                () -> new IllegalArgumentException("topic '" + id + "' is not in the taxonomy " + taxonomy.ids()));
    }
}
