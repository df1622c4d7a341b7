package dev.earshot.flink;

import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TopicLocationStats;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;

/** Where a job's outputs go: a parameter of the job, so tests and deployments choose their own. */
public record EarshotSinks(
        Sink<Alert> alerts, Sink<HandoffTicket> tickets, Sink<DeadLetter> deadLetters, Sink<TopicLocationStats> stats) {

    public static final String ALERTS = "alerts";
    public static final String TICKETS = "tickets";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String STATS = "window-stats";

    /** The local run's outputs: one JSON-lines file each under {@code dir}. */
    public static EarshotSinks jsonLines(Path dir) {
        return new EarshotSinks(new JsonLinesFileSink<>(dir, ALERTS), new JsonLinesFileSink<>(dir, TICKETS),
                new JsonLinesFileSink<>(dir, DEAD_LETTERS), new JsonLinesFileSink<>(dir, STATS));
    }
}
