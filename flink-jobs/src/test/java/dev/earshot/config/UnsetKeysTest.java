package dev.earshot.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnsetKeysTest {

    @Test
    void theDefaultsLeaveTheConnectionsAndOptionalFilesUnset() {
        assertThat(UnsetKeys.of(EarshotConfig.defaults()))
                .contains("input.path", "input.speedup", "enrich.sentimentModel")
                .anyMatch(line -> line.startsWith("kafka: { bootstrapServers, postsTopic, "))
                .anyMatch(line -> line.startsWith("elasticsearch: { url, "))
                .anyMatch(line -> line.startsWith("respond.helpdesk: { kind, url, "))
                .anyMatch(line -> line.startsWith("parse.csv: { text, createdAt, ") && line.contains("timeFormat"));
    }

    @Test
    void aSetKeyIsNoLongerListed() {
        EarshotConfig config = ConfigLoader.parse("kafka: { bootstrapServers: localhost:9092 }\ninput: { path: posts.jsonl }\n", "t");
        assertThat(UnsetKeys.of(config)).noneMatch(line -> line.startsWith("kafka:")).doesNotContain("input.path")
                .contains("kafka.postsTopic");
    }
}
