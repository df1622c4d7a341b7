package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.EarshotConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which posts are late must depend on the input's order, not on thread timing: so event time is given where the
 * posts are read, before they fan out to the parallel operators, and its watermarks travel behind the posts they
 * follow. Given after the fan-out, each subtask's watermark would follow its own share of the posts, and two runs
 * of a file out of time order at parallelism 2 gave different tickets.
 */
class EventTimeAtTheReadersTest {

    @TempDir
    Path work;

    @Test
    void aSingleReadersPostsAreParsedAndGivenEventTimeBeforeTheyFanOut() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new EarshotJob(EarshotConfig.defaults(), RecordSource.file(work.resolve("posts.jsonl"), "test"),
                EarshotSinks.jsonLines(work.resolve("output"))).build(env);

        Map<String, Integer> parallelism = new HashMap<>();
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            parallelism.put(node.getOperatorName(), node.getParallelism());
        }

        assertThat(parallelism).containsEntry("parse and validate", 1).containsEntry("event time", 1)
                .containsEntry("deduplicate", 2).containsEntry("window stats", 2);
    }
}
