package dev.earshot.startup;

import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.Secrets;
import dev.earshot.connectors.helpdesk.HelpdeskAccess;
import dev.earshot.connectors.kafka.KafkaOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Contacts each service the configuration uses (Kafka, Elasticsearch, a Zendesk or Freshdesk helpdesk) once, before the job is submitted, so that
 * an unreachable one stops start-up within seconds, naming its key. Live sources need no call: their credentials
 * are checked by {@link StartupChecks}, and they reconnect on their own.
 */
public final class ServiceChecks {

    /** Long enough for a broker across a network, short enough that a wrong address fails fast. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ServiceChecks() {
    }

    /** {@link #check(EarshotConfig, Secrets, Duration)} with the credentials in the environment. */
    public static List<String> check(EarshotConfig config, Duration timeout) {
        return check(config, Secrets.environment(), timeout);
    }

    /**
     * @param secrets where the helpdesk's credentials are read
     * @return notes worth a line (output topics the broker has yet to create, a helpdesk failing now); a failure throws
     *     {@link ServiceCheckException}
     */
    public static List<String> check(EarshotConfig config, Secrets secrets, Duration timeout) {
        List<String> notes = new ArrayList<>();
        boolean readsKafka = config.input().kind().equals(EarshotConfig.Input.KAFKA);
        boolean writesKafka = config.output().to().contains(EarshotConfig.Output.KAFKA);
        if (readsKafka || writesKafka) {
            KafkaOptions kafka = config.kafka().toOptions();
            List<String> missing = KafkaReachability.check(kafka, readsKafka, writesKafka, timeout);
            if (!missing.isEmpty()) {
                notes.add("Kafka at " + kafka.bootstrapServers() + " has no topic " + String.join(", ", missing)
                        + " yet: the broker creates it on the first write if auto.create.topics.enable is on (the default);"
                        + " otherwise create it first");
            }
        }
        if (config.output().to().contains(EarshotConfig.Output.ELASTICSEARCH)) {
            ElasticsearchReachability.check(config.elasticsearch().toSettings().urls(), timeout);
        }
        if (config.respond().helpdesk() != null) {
            try {
                HelpdeskAccess.check(config.respond().helpdesk().toSettings(), secrets, timeout).ifPresent(notes::add);
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new ServiceCheckException(e.getMessage(), e);
            }
        }
        return notes;
    }
}
