package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which enrich operator a job gets: a run over an input that ends has no taxonomy input; a job on an endless input
 * has the one, and the uids, its savepoints from earlier releases hold.
 */
class EnrichStageTest {

    @TempDir
    Path work;

    @Test
    void aRunOverAFileHasNoTaxonomyInputEvenWithATaxonomyFile() throws Exception {
        StreamGraph graph = graph(withTaxonomyFile(), RecordSource.file(Files.writeString(work.resolve("posts.jsonl"), ""), "test"));

        assertThat(graph.getStreamNodes()).extracting(StreamNode::getTransformationUID)
                .doesNotContain("taxonomy-file", "check-taxonomy", "taxonomy-fixed");
        assertThat(enrich(graph).getInEdges()).singleElement()
                .satisfies(edge -> assertThat(graph.getStreamNode(edge.getSourceId()).getTransformationUID()).isEqualTo("language-scope"));
    }

    @Test
    void aRunOverAFileWithABundledTaxonomyHasNoTaxonomyInput() throws Exception {
        StreamGraph graph = graph(EarshotConfig.defaults(), RecordSource.file(Files.writeString(work.resolve("posts.jsonl"), ""), "test"));

        assertThat(graph.getStreamNodes()).extracting(StreamNode::getTransformationUID)
                .doesNotContain("taxonomy-file", "check-taxonomy", "taxonomy-fixed");
        assertThat(enrich(graph).getInEdges()).hasSize(1);
    }

    @Test
    void aJobOnAnEndlessInputWithABundledTaxonomyKeepsTheTaxonomyInputItsSavepointsHold() throws Exception {
        StreamGraph graph = graph(EarshotConfig.defaults(), endlessInput());

        assertThat(taxonomyInputOfEnrich(graph)).isEqualTo("taxonomy-fixed");
    }

    @Test
    void aJobOnAnEndlessInputWatchesItsTaxonomyFileThroughTheOperatorsItsSavepointsKnow() throws Exception {
        StreamGraph graph = graph(withTaxonomyFile(), endlessInput());

        assertThat(taxonomyInputOfEnrich(graph)).isEqualTo("taxonomy-file");
        assertThat(EnrichPosts.TAXONOMY.getName()).as("the broadcast state a savepoint holds the latest version in")
                .isEqualTo("taxonomy");
    }

    /** The uid of the source of enrich's second input, through {@code check-taxonomy}. */
    private static String taxonomyInputOfEnrich(StreamGraph graph) {
        assertThat(enrich(graph).getInEdges()).extracting(edge -> graph.getStreamNode(edge.getSourceId()).getTransformationUID())
                .containsExactlyInAnyOrder("language-scope", "check-taxonomy");
        StreamNode check = graph.getStreamNodes().stream().filter(node -> "check-taxonomy".equals(node.getTransformationUID()))
                .findFirst().orElseThrow();
        assertThat(check.getInEdges()).hasSize(1);
        return graph.getStreamNode(check.getInEdges().get(0).getSourceId()).getTransformationUID();
    }

    private EarshotConfig withTaxonomyFile() throws Exception {
        Path taxonomy = Files.writeString(work.resolve("taxonomy.yaml"), TaxonomyReloadITCase.PARKING);
        return ConfigLoader.parse("enrich: { taxonomy: '" + taxonomy + "' }", "test");
    }

    private RecordSource endlessInput() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        return RecordSource.lines(FileSource.forRecordStreamFormat(new TextLineInputFormat("UTF-8"),
                new org.apache.flink.core.fs.Path(inbox.toUri())).monitorContinuously(Duration.ofSeconds(1)).build(), "inbox", 1);
    }

    private static StreamGraph graph(EarshotConfig config, RecordSource input) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new EarshotJob(config, input, List.of(new EarshotSinks(new CollectingSink<>(), new CollectingSink<>(),
                new CollectingSink<>(), new CollectingSink<>(), null, null, null))).build(env);
        return env.getStreamGraph();
    }

    private static StreamNode enrich(StreamGraph graph) {
        return graph.getStreamNodes().stream().filter(node -> "enrich".equals(node.getTransformationUID())).findFirst().orElseThrow();
    }
}
