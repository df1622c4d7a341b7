package dev.earshot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnsetKeysTest {

    @Test
    void theDefaultsLeaveTheConnectionsAndOptionalFilesUnset() {
        assertThat(UnsetKeys.of(EarshotConfig.defaults()))
                .contains("input.path: (none)", "input.speedup: (none)", "enrich.sentimentModel: (none)",
                        "kafka:", "elasticsearch:", "respond.helpdesk:", "parse.csv:", "input.mastodon:", "input.x:");
    }

    @Test
    void eachKeyOfASectionThatIsOffShowsTheDefaultItTakesOnceTheSectionIsSet() {
        List<String> lines = UnsetKeys.of(EarshotConfig.defaults());

        assertThat(lines).containsSubsequence("kafka:", "  bootstrapServers: (required) e.g. localhost:9092",
                "  postsTopic: earshot.posts", "  deadLetterTopic: earshot.posts.dlq");
        assertThat(lines).containsSubsequence("kafka:", "  transactionTimeout: 10m", "elasticsearch:",
                "  url: (required) e.g. http://localhost:9200", "  maxActions: 1000", "  flushInterval: 1s",
                "  retries: 10", "  initialBackoff: 100ms", "  maxBackoff: 30s", "  installTemplates: true");
        assertThat(lines).containsSubsequence("parse.csv:", "  text: (required) the column of the post's text",
                "  source: csv", "  timeFormat: (none)");
        assertThat(lines).contains("  collections: [app.bsky.feed.post]");
        assertThat(lines).containsSubsequence("input.mastodon:", "  timeline: public", "  tokenEnv: EARSHOT_MASTODON_TOKEN",
                "  idleTimeout: 1m", "  reconnect: {initialDelay: 1s, maxDelay: 1m}");
        assertThat(lines).containsSubsequence("respond.helpdesk:", "  requestTimeout: 10s", "  maxAttempts: 6");
        assertThat(lines).as("every key of a section that is off has a value or says what it needs")
                .filteredOn(line -> line.startsWith("  ")).allMatch(line -> line.matches("  \\w+: \\S.*"));
    }

    @Test
    void aSetKeyIsNoLongerListed() {
        EarshotConfig config = ConfigLoader.parse("kafka: { bootstrapServers: localhost:9092 }\ninput: { path: posts.jsonl }\n", "t");
        assertThat(UnsetKeys.of(config)).doesNotContain("kafka:", "input.path: (none)").contains("elasticsearch:");
    }
}
