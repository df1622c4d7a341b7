package dev.earshot.connectors.kafka;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a Kafka record came from, written into a {@code DeadLetter}'s origin as {@code topic/partition/offset}
 * (e.g. {@code earshot.posts/2/1234}) and read back by the dead-letter serializer. Kafka topic names cannot
 * contain {@code /}, so the text form is unambiguous.
 */
public record KafkaOrigin(String topic, int partition, long offset) {

    public KafkaOrigin {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty() || topic.indexOf('/') >= 0) {
            throw new IllegalArgumentException("not a Kafka topic name: '" + topic + "'");
        }
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must be >= 0, were " + partition + " and " + offset);
        }
    }

    /** The origin of a file record or of an older job has another form: then this is empty. */
    public static Optional<KafkaOrigin> parse(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        int offsetSlash = origin.lastIndexOf('/');
        int partitionSlash = offsetSlash > 0 ? origin.lastIndexOf('/', offsetSlash - 1) : -1;
        if (partitionSlash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new KafkaOrigin(origin.substring(0, partitionSlash),
                    Integer.parseInt(origin.substring(partitionSlash + 1, offsetSlash)),
                    Long.parseLong(origin.substring(offsetSlash + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return topic + '/' + partition + '/' + offset;
    }
}
