package dev.earshot.startup;

import dev.earshot.connectors.kafka.KafkaOptions;
import dev.earshot.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Asks the brokers of {@code kafka.bootstrapServers} once, with the job's own client properties (security
 * included), for the cluster and its topics. Without it, the job's clients retry an unreachable broker for minutes
 * without naming the key.
 */
public final class KafkaReachability {

    private KafkaReachability() {
    }

    /**
     * @param readsPosts whether the job reads {@code kafka.postsTopic}: a missing topic would fail the source, so it
     *     is an error
     * @return the output topics that do not exist yet: not an error, since brokers create a topic on its first write
     *     unless {@code auto.create.topics.enable} is off
     */
    public static List<String> check(KafkaOptions kafka, boolean readsPosts, boolean writes, Duration timeout) {
        Map<String, Object> properties = new HashMap<>(kafka.clientProperties());
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        int millis = (int) timeout.toMillis();
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        // The client logs a warning per failed connection: a few tries in the timeout, not one every 50 ms.
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 2_000);
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "earshot-start-up-check");
        String where = "Kafka at " + kafka.bootstrapServers() + " (kafka.bootstrapServers)";
        try (Admin admin = Admin.create(properties)) {
            admin.describeCluster().nodes().get(millis, TimeUnit.MILLISECONDS);
            Set<String> topics = admin.listTopics().names().get(millis, TimeUnit.MILLISECONDS);
            if (readsPosts && !topics.contains(kafka.postsTopic())) {
                throw new ServiceCheckException("kafka.postsTopic: topic " + kafka.postsTopic() + " does not exist at "
                        + kafka.bootstrapServers() + "; create it (kafka-topics.sh --bootstrap-server " + kafka.bootstrapServers()
                        + " --create --topic " + kafka.postsTopic() + ") or fix the name", null);
            }
            List<String> missing = new ArrayList<>();
            if (writes) {
                for (String topic : writtenTopics(kafka)) {
                    if (!topics.contains(topic)) {
                        missing.add(topic);
                    }
                }
            }
            return missing;
        } catch (TimeoutException e) {
            throw unreachable(where, timeout, "no broker answered", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
                throw new ServiceCheckException("cannot use " + where + ": " + cause.getMessage()
                        + "; check the security settings in kafka.clientProperties", cause);
            }
            throw unreachable(where, timeout, cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(where, timeout, "interrupted", e);
        } catch (org.apache.kafka.common.KafkaException e) {
            // A bad address or client property, found when the client is built.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ServiceCheckException("cannot use " + where + ": " + cause.getMessage()
                    + "; check kafka.bootstrapServers (host:port,...) and kafka.clientProperties", e);
        }
    }

    private static List<String> writtenTopics(KafkaOptions kafka) {
        List<String> topics = new ArrayList<>(List.of(kafka.deadLetterTopic(), kafka.alertsTopic(), kafka.ticketsTopic(),
                kafka.statsTopic()));
        if (kafka.enrichedPostsTopic() != null) {
            topics.add(kafka.enrichedPostsTopic());
        }
        return topics;
    }

    private static ServiceCheckException unreachable(String where, Duration timeout, String why, Throwable cause) {
        return new ServiceCheckException("cannot reach " + where + " within " + Durations.format(timeout) + ": " + why
                + "; check the address or start the broker", cause);
    }
}
