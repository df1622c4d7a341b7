package dev.earshot.flink;

import dev.earshot.connectors.kafka.KafkaOptions;
import dev.earshot.connectors.kafka.KafkaSinks;

/**
 * The job's outputs on Kafka: alerts, tickets, dead letters and window statistics, each on its own topic, and the
 * enriched posts with their edits and deletions where {@link KafkaOptions#enrichedPostsTopic()} names a topic.
 */
public final class KafkaEarshotSinks {

    private KafkaEarshotSinks() {
    }

    /** With EXACTLY_ONCE (the default) the job needs checkpointing on: each checkpoint commits the sinks' writes. */
    public static EarshotSinks of(KafkaOptions options) {
        return new EarshotSinks(KafkaSinks.alerts(options), KafkaSinks.tickets(options),
                KafkaSinks.deadLetters(options), KafkaSinks.stats(options),
                options.enrichedPostsTopic() == null ? null : KafkaSinks.posts(options, options.enrichedPostsTopic()),
                null, null);
    }
}
