package dev.earshot.connectors.kafka;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * How Earshot talks to Kafka: the cluster, the topics, and the sinks' delivery guarantee. Every option but
 * {@code bootstrapServers} has a default; the builder's setters reject bad values with a message that names the
 * option and the fix, so that a bad configuration stops the job before it starts.
 *
 * <pre>{@code
 * KafkaOptions options = KafkaOptions.builder().bootstrapServers("kafka:9092").build();
 * }</pre>
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param postsTopic canonical post JSON, one post per record
 * @param deadLetterTopic rejected records: the original bytes, with reason and origin as headers
 * @param alertsTopic alert versions, keyed by alert id
 * @param ticketsTopic ticket versions, keyed by ticket id
 * @param statsTopic window statistics, keyed by topic, place and window
 * @param enrichedPostsTopic the enriched posts, keyed by post id, an edit as a new version and a deletion as a
 *        tombstone (a compacted topic then forgets the post); null writes no posts
 * @param groupId the source's consumer group; its committed offsets are where a fresh job starts
 * @param deliveryGuarantee of every sink: EXACTLY_ONCE writes in Kafka transactions committed at checkpoints
 * @param transactionalIdPrefix unique per job on a cluster; each sink appends its own suffix
 * @param transactionTimeout how long a transaction may stay open: more than a checkpoint interval plus the time
 *        to recover from a failure, and at most the brokers' {@code transaction.max.timeout.ms}
 * @param bounded whether the source stops at the offsets that were the latest when the job started (a replay)
 * @param clientProperties further Kafka client properties (security, tuning) for the source and every sink
 */
public record KafkaOptions(
        String bootstrapServers,
        String postsTopic,
        String deadLetterTopic,
        String alertsTopic,
        String ticketsTopic,
        String statsTopic,
        String enrichedPostsTopic,
        String groupId,
        DeliveryGuarantee deliveryGuarantee,
        String transactionalIdPrefix,
        Duration transactionTimeout,
        boolean bounded,
        Map<String, String> clientProperties) implements Serializable {

    public static final String POSTS_TOPIC = "earshot.posts";
    public static final String DEAD_LETTER_TOPIC = "earshot.posts.dlq";
    public static final String ALERTS_TOPIC = "earshot.alerts";
    public static final String TICKETS_TOPIC = "earshot.tickets";
    public static final String STATS_TOPIC = "earshot.window-stats";
    /** The usual name of the enriched-posts topic, which is off unless a name is given. */
    public static final String ENRICHED_POSTS_TOPIC = "earshot.posts.enriched";
    public static final String GROUP_ID = "earshot";
    public static final String TRANSACTIONAL_ID_PREFIX = "earshot";
    /** Below the brokers' default cap, {@link #MAX_TRANSACTION_TIMEOUT}. */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);
    /** The default {@code transaction.max.timeout.ms} of a Kafka broker: brokers refuse longer transactions. */
    public static final Duration MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern SERVERS = Pattern.compile("[^\\s,:]+:\\d{1,5}(,[^\\s,:]+:\\d{1,5})*");

    public KafkaOptions {
        clientProperties = Map.copyOf(clientProperties);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects options; each setter checks its value at once. */
    public static final class Builder {

        private String bootstrapServers;
        private String postsTopic = POSTS_TOPIC;
        private String deadLetterTopic = DEAD_LETTER_TOPIC;
        private String alertsTopic = ALERTS_TOPIC;
        private String ticketsTopic = TICKETS_TOPIC;
        private String statsTopic = STATS_TOPIC;
        private String enrichedPostsTopic;
        private String groupId = GROUP_ID;
        private DeliveryGuarantee deliveryGuarantee = DeliveryGuarantee.EXACTLY_ONCE;
        private String transactionalIdPrefix = TRANSACTIONAL_ID_PREFIX;
        private Duration transactionTimeout = TRANSACTION_TIMEOUT;
        private boolean bounded;
        private final Map<String, String> clientProperties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder bootstrapServers(String servers) {
            if (servers == null || !SERVERS.matcher(servers).matches()) {
                throw new IllegalArgumentException("kafka.bootstrapServers must be host:port[,host:port...], was '"
                        + servers + "'; e.g. localhost:9092" + (servers != null && servers.contains("://")
                        ? " (without a scheme such as http://: Kafka speaks its own protocol)" : ""));
            }
            this.bootstrapServers = servers;
            return this;
        }

        public Builder postsTopic(String topic) {
            this.postsTopic = topic("postsTopic", topic);
            return this;
        }

        public Builder deadLetterTopic(String topic) {
            this.deadLetterTopic = topic("deadLetterTopic", topic);
            return this;
        }

        public Builder alertsTopic(String topic) {
            this.alertsTopic = topic("alertsTopic", topic);
            return this;
        }

        public Builder ticketsTopic(String topic) {
            this.ticketsTopic = topic("ticketsTopic", topic);
            return this;
        }

        public Builder statsTopic(String topic) {
            this.statsTopic = topic("statsTopic", topic);
            return this;
        }

        public Builder enrichedPostsTopic(String topic) {
            this.enrichedPostsTopic = topic("enrichedPostsTopic", topic);
            return this;
        }

        public Builder groupId(String groupId) {
            this.groupId = nonBlank("groupId", groupId, "earshot");
            return this;
        }

        public Builder deliveryGuarantee(DeliveryGuarantee guarantee) {
            this.deliveryGuarantee = Objects.requireNonNull(guarantee,
                    "kafka.deliveryGuarantee must be EXACTLY_ONCE, AT_LEAST_ONCE or NONE");
            return this;
        }

        public Builder transactionalIdPrefix(String prefix) {
            this.transactionalIdPrefix = nonBlank("transactionalIdPrefix", prefix, "earshot-prod");
            return this;
        }

        public Builder transactionTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TRANSACTION_TIMEOUT) > 0) {
                throw new IllegalArgumentException("kafka.transactionTimeout must be more than 0 and at most "
                        + MAX_TRANSACTION_TIMEOUT.toMinutes() + "m (the brokers' default transaction.max.timeout.ms),"
                        + " was " + timeout + "; e.g. 10m");
            }
            this.transactionTimeout = timeout;
            return this;
        }

        public Builder bounded(boolean bounded) {
            this.bounded = bounded;
            return this;
        }

        /** A Kafka client property for the source and every sink, e.g. {@code security.protocol}. */
        public Builder clientProperty(String key, String value) {
            nonBlank("clientProperties key", key, "security.protocol");
            this.clientProperties.put(key, Objects.requireNonNull(value, "kafka.clientProperties." + key + " has no value"));
            return this;
        }

        public KafkaOptions build() {
            if (bootstrapServers == null) {
                throw new IllegalArgumentException("kafka.bootstrapServers is required; e.g. localhost:9092");
            }
            return new KafkaOptions(bootstrapServers, postsTopic, deadLetterTopic, alertsTopic, ticketsTopic, statsTopic,
                    enrichedPostsTopic, groupId, deliveryGuarantee, transactionalIdPrefix, transactionTimeout, bounded, clientProperties);
        }

        private static String topic(String option, String topic) {
            if (topic == null || !TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
                throw new IllegalArgumentException("kafka." + option + " must be a Kafka topic name (letters, digits,"
                        + " '.', '_', '-'; at most 249), was '" + topic + "'");
            }
            return topic;
        }

        private static String nonBlank(String option, String value, String example) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("kafka." + option + " must not be empty; e.g. " + example);
            }
            return value;
        }
    }
}
