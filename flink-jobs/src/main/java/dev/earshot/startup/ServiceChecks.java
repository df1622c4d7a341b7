package dev.earshot.startup;

import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.kafka.KafkaOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Contacts each service the configuration uses (Kafka, Elasticsearch) once, before the job is submitted, so that
 * an unreachable one stops start-up within seconds, naming its key. Live sources need no call: their credentials
 * are checked by {@link StartupChecks}, and they reconnect on their own.
 */
public final class ServiceChecks {

    /** Long enough for a broker across a network, short enough that a wrong address fails fast. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ServiceChecks() {
    }

    /** @return notes worth a line (output topics the broker has yet to create); a failure throws {@link ServiceCheckException} */
    public static List<String> check(EarshotConfig config, Duration timeout) {
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
        return notes;
    }
}
