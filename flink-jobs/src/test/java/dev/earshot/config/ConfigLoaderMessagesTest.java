package dev.earshot.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Messages for values of the wrong kind speak YAML, not Jackson or java.time. */
class ConfigLoaderMessagesTest {

    private static void refused(String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "earshot.yaml")).isInstanceOf(ConfigException.class)
                .hasMessage("earshot.yaml: " + message)
                .hasMessageNotContaining("Coercion").hasMessageNotContaining("java.").hasMessageNotContaining("PT");
    }

    @Test
    void aWrongKindOfValueSaysWhatTheKeyTakes() {
        refused("aggregate: { rollups: maybe }\n", "key 'aggregate.rollups' must be true or false, was maybe");
        refused("detect: [1, 2, 3]\n", "key 'detect' must be a section of keys (key: value), not a list or a single value, was a list");
        refused("handoff: { accounts: CityCareDesk }\n",
                "key 'handoff.accounts' must be a list, such as [a, b] (or one item per line, each after '- '), was CityCareDesk");
    }

    @Test
    void serviceAddressesAreCheckedOnLoadingWithoutContactingAnything() {
        refused("output: { to: [kafka] }\nkafka: { bootstrapServers: \"http://localhost:9092\" }\n",
                "kafka.bootstrapServers must be host:port[,host:port...], was 'http://localhost:9092'; e.g. localhost:9092 "
                        + "(without a scheme such as http://: Kafka speaks its own protocol)");
        refused("kafka: { bootstrapServers: localhost:9092, postsTopic: \"posts in\" }\n", "kafka.postsTopic must be a "
                + "Kafka topic name (letters, digits, '.', '_', '-'; at most 249), was 'posts in'");
        refused("output: { to: [files, elasticsearch] }\nelasticsearch: { url: \"localhost:9200\" }\n",
                "elasticsearch.url: 'localhost:9200' must be http(s)://host[:port]; e.g. http://localhost:9200");
    }

    @Test
    void aFractionIsNoWholeNumber() {
        refused("parallelism: 2.5\n", "key 'parallelism' must be a whole number, such as 2, was 2.5");
    }

    @Test
    void aKeyGivenTwiceIsRefusedRatherThanTheLastWinning() {
        refused("parallelism: 2\nparallelism: 3\n", "key 'parallelism' appears twice (the second time on line 2); keep one");
    }

    @Test
    void durationsAreShownAsWritten() {
        refused("stream: { outOfOrderness: -5m }\n",
                "key 'stream.outOfOrderness' has a bad value: must be positive, was -5m; e.g. 90s, 30m, 2h or 7d");
        refused("checkpoint: { interval: 0s }\n", "checkpoint.interval must be a positive duration such as 30m, was 0s");
        refused("checkpoint: { dir: \" \" }\n", "checkpoint.dir must name a folder for the state of runs on Kafka or live "
                + "inputs, e.g. state (the default)");
        refused("aggregate: { windowSize: 2h, windowSlide: 45m }\n",
                "aggregate.windowSize (2h) must be a whole multiple of aggregate.windowSlide (45m), e.g. 2h and 30m");
    }

    @Test
    void durationsFromTheCoresChecksAreShownAsWrittenToo() {
        refused("handoff: { quietPeriod: 0s }\n", "handoff: quietPeriod must be a positive duration, e.g. 48h; was 0s");
        refused("detect: { surge: { history: 3d } }\n", "detect.surge: weekly compares with the same time a week earlier, "
                + "so history must be at least 7 days, was 3d; set history to 7d or weekly to false");
        refused("respond: { alerts: { delivery: { maxBackoff: 1s, initialBackoff: 90s } } }\n",
                "respond.alerts.delivery: maxBackoff (1s) must not be shorter than initialBackoff (90s)");
    }
}
