package dev.earshot.flink;

import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.PostChange;
import dev.earshot.model.PostDeletion;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TopicLocationStats;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Where a job's outputs go: a parameter of the job, so tests and deployments choose their own, and a job may write
 * to several sets at once (files, Kafka, Elasticsearch).
 *
 * @param deadLetters the records the job could not use, or null where another set keeps them
 * @param posts the enriched posts as changes per post id (a version to keep, first or edited, or a deletion to
 *     apply), or null where this set does not keep posts
 * @param deletions the posts their authors deleted (ids, no text), or null where this set does not list them
 * @param deliveryDeadLetters gives, for a delivery stage ({@code alert-delivery}, {@code helpdesk}), a sink for the
 *     records that stage could not deliver, or null where this set has none. It must be at-least-once without
 *     transactions (a file, or Kafka without transactions), because the delivering writer drives it itself.
 */
public record EarshotSinks(
        Sink<Alert> alerts, Sink<HandoffTicket> tickets, Sink<DeadLetter> deadLetters, Sink<TopicLocationStats> stats,
        Sink<PostChange> posts, Sink<PostDeletion> deletions,
        SerializableFunction<String, Sink<DeadLetter>> deliveryDeadLetters) {

    public static final String ALERTS = "alerts";
    public static final String TICKETS = "tickets";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String STATS = "window-stats";
    public static final String DELETIONS = "deletions";
    /** The delivery stages {@link #deliveryDeadLetters} is given. */
    public static final String ALERT_DELIVERY = "alert-delivery";
    public static final String HELPDESK = "helpdesk";

    /**
     * The local run's outputs: one JSON-lines file each under {@code dir}. The enriched posts are not kept; the
     * deletions are, so that whoever copied posts from the outputs can honour them.
     */
    public static EarshotSinks jsonLines(Path dir) {
        return new EarshotSinks(new JsonLinesFileSink<>(dir, ALERTS), new JsonLinesFileSink<>(dir, TICKETS),
                new JsonLinesFileSink<>(dir, DEAD_LETTERS), new JsonLinesFileSink<>(dir, STATS), null,
                new JsonLinesFileSink<>(dir, DELETIONS),
                stage -> new JsonLinesFileSink<>(dir, deliveryDeadLettersName(stage)));
    }

    /** The name of the JSON-lines file of a delivery stage's dead letters, e.g. {@code alert-delivery-dead-letters}. */
    public static String deliveryDeadLettersName(String stage) {
        return stage + "-" + DEAD_LETTERS;
    }
}
