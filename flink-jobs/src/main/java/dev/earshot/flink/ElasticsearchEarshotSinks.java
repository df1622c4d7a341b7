package dev.earshot.flink;

import dev.earshot.connectors.elasticsearch.EarshotIndices;
import dev.earshot.connectors.elasticsearch.ElasticsearchSettings;
import dev.earshot.connectors.elasticsearch.ElasticsearchSink;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.PostChange;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * The job's outputs in Elasticsearch: alerts, tickets and window stats in the indices of
 * {@code dashboards/FIELDS.md}, and the enriched posts for the dashboard's post panels. Documents Elasticsearch
 * refuses become dead letters in a sink of their own per output ({@code refused.apply(name)}): each Elasticsearch
 * writer runs its refused sink's writer inside it, so two outputs must not share one file.
 */
public final class ElasticsearchEarshotSinks {

    /** The name of the enriched posts' output, next to those of {@link EarshotSinks}. */
    public static final String POSTS = "posts";

    private ElasticsearchEarshotSinks() {
    }

    /**
     * Alerts, tickets, stats and enriched posts to Elasticsearch; the job's own dead letters (parse errors) to
     * {@code deadLetters}.
     */
    public static EarshotSinks of(ElasticsearchSettings settings, Sink<DeadLetter> deadLetters,
                                  Function<String, Sink<DeadLetter>> refused) {
        return new EarshotSinks(
                new ElasticsearchSink<>(settings, EarshotIndices.ALERTS, refused.apply(EarshotSinks.ALERTS)),
                new ElasticsearchSink<>(settings, EarshotIndices.TICKETS, refused.apply(EarshotSinks.TICKETS)),
                deadLetters,
                new ElasticsearchSink<>(settings, EarshotIndices.STATS, refused.apply(EarshotSinks.STATS)),
                posts(settings, refused.apply(POSTS)), null, null);
    }

    /** As {@link #of}, with every dead letter in a JSON-lines file under {@code dir}: refused ones in {@code refused-<output>.jsonl}. */
    public static EarshotSinks withDeadLettersIn(ElasticsearchSettings settings, Path dir) {
        return of(settings, new JsonLinesFileSink<>(dir, EarshotSinks.DEAD_LETTERS), refusedIn(dir));
    }

    /**
     * The enriched posts to the daily {@code earshot-posts-*} indices: an edit overwrites its post's document, a
     * deletion removes it.
     */
    public static Sink<PostChange> posts(ElasticsearchSettings settings, Sink<DeadLetter> refused) {
        return new ElasticsearchSink<>(settings, EarshotIndices.POST_CHANGES, refused);
    }

    /** One JSON-lines file per output for the documents Elasticsearch refuses. */
    public static Function<String, Sink<DeadLetter>> refusedIn(Path dir) {
        return output -> new JsonLinesFileSink<>(dir, "refused-" + output);
    }
}
