package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.kafka.KafkaOptions;
import dev.earshot.connectors.kafka.KafkaPostSource;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumes from saved state only where every operator keeps its uid: Flink maps state by uid, and a generated
 * one changes with the job graph. With generated uids switched off, Flink refuses a graph with an operator without.
 */
class StableUidsTest {

    @TempDir
    Path output;

    @Test
    void everyOperatorOfAKafkaJobWithEveryOutputHasAUid() {
        EarshotConfig config = ConfigLoader.parse("""
                input: { kind: kafka }
                output: { to: [files, kafka] }
                kafka: { bootstrapServers: localhost:9092, enrichedPostsTopic: earshot.posts.enriched }
                """, "earshot.yaml");
        KafkaOptions kafka = config.kafka().toOptions();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(noGeneratedUids());
        env.enableCheckpointing(30_000);

        new EarshotJob(config, RecordSource.withOrigins(KafkaPostSource.withOrigins(kafka), kafka.postsTopic()),
                List.of(EarshotSinks.jsonLines(output), KafkaEarshotSinks.of(kafka))).build(env);

        assertThatCode(env::getStreamGraph).doesNotThrowAnyException();
    }

    @Test
    void withGeneratedUidsSwitchedOffAnOperatorWithoutAUidIsRefused() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(noGeneratedUids());
        env.fromData(1, 2).uid("numbers").map(n -> n + 1).sinkTo(new DiscardingSink<>()).uid("discard");

        assertThatThrownBy(env::getStreamGraph).hasMessageContaining("UID");
    }

    private static Configuration noGeneratedUids() {
        Configuration config = new Configuration();
        config.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        return config;
    }
}
