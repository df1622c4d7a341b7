package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.enrich.topics.TaxonomyException;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.Author;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.PostChange;
import dev.earshot.model.Post;
import dev.earshot.model.TopicLocationStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job over an input that never ends (a folder the test drops batches of posts into) with a taxonomy file:
 * editing the file retags the posts that follow, an invalid edit is a dead letter and changes nothing, and the
 * taxonomy stream does not hold event time back.
 */
class TaxonomyReloadITCase {

    static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(PARALLELISM).build());

    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(20);

    static final String PARKING = """
            topics:
              - id: parking
                name: Parking
                phrases: [park, parking]
            """;
    static final String PARKING_AND_ROADS = PARKING + """
              - id: roads
                name: Roads
                phrases: [pothole]
            """;
    static final String MISSPELT_KEY = PARKING_AND_ROADS + """
              - id: noise
                name: Noise
                phrase: [noise]
            """;

    @TempDir
    Path work;

    final CollectingSink<PostChange> enriched = new CollectingSink<>();
    final CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
    final CollectingSink<TopicLocationStats> stats = new CollectingSink<>();
    int batches;
    int minutes;

    @Test
    void anEditedTaxonomyTagsTheFollowingPostsAndAnInvalidEditIsADeadLetterThatChangesNothing() throws Exception {
        Path taxonomy = Files.writeString(work.resolve("taxonomy.yaml"), PARKING);
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        EarshotConfig config = ConfigLoader.parse(
                "enrich: { taxonomy: '" + taxonomy + "', taxonomyPollInterval: 200ms }", "test");
        FileSource<String> posts = FileSource.forRecordStreamFormat(new TextLineInputFormat("UTF-8"),
                new org.apache.flink.core.fs.Path(inbox.toUri())).monitorContinuously(Duration.ofMillis(100)).build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        new EarshotJob(config, RecordSource.lines(posts, "inbox", 1), new EarshotSinks(new CollectingSink<Alert>(),
                new CollectingSink<HandoffTicket>(), deadLetters, stats, enriched, null, null)).build(env);
        JobClient job = env.executeAsync("taxonomy reload");
        try {
            List<String> first = drop(inbox, "first", 4);
            assertThat(topicsOf(first)).as("tagged with the start-up taxonomy").containsOnly(List.of("parking"));

            Files.writeString(taxonomy, PARKING_AND_ROADS);
            List<String> meanwhile = new ArrayList<>();
            awaitTrue("every enrich subtask to use the edited taxonomy", () -> {
                List<String> probes = drop(inbox, "probe" + batches, PARALLELISM);
                meanwhile.addAll(probes);
                return topicsOf(probes).stream().allMatch(topics -> topics.contains("roads"));
            });
            List<String> second = drop(inbox, "second", 4);
            assertThat(topicsOf(second)).as("tagged with the edited taxonomy").containsOnly(List.of("parking", "roads"));
            assertThat(topicsOf(meanwhile)).as("while the edit travels, a post has the old or the new topics, nothing else")
                    .allSatisfy(topics -> assertThat(topics).isIn(List.of("parking"), List.of("parking", "roads")));

            Files.writeString(taxonomy, MISSPELT_KEY);
            String problem = catchThrowableOfType(TaxonomyException.class, () -> Taxonomy.parse(MISSPELT_KEY)).getMessage();
            awaitTrue("the invalid edit's dead letter", () -> !rejectedTaxonomies().isEmpty());
            assertThat(rejectedTaxonomies()).singleElement().satisfies(letter -> {
                assertThat(letter.raw()).isEqualTo(MISSPELT_KEY);
                assertThat(letter.reason()).isEqualTo(problem).contains("phrase");
                assertThat(letter.origin()).isEqualTo(taxonomy.toAbsolutePath().toString());
            });
            List<String> third = drop(inbox, "third", 4);
            assertThat(topicsOf(third)).as("the last valid taxonomy stays in force").containsOnly(List.of("parking", "roads"));

            // Hours later by event time: the watermark passes the earlier windows, which fire only if the taxonomy
            // stream, the enrich step's second input, does not hold event time back.
            minutes += 300;
            drop(inbox, "later", 4);
            // Both topics' windows fire at that watermark, in no particular order.
            awaitTrue("window statistics of both topics", () -> stats.collected().stream().map(TopicLocationStats::topic)
                    .collect(Collectors.toSet()).containsAll(List.of("parking", "roads")));
        } finally {
            job.cancel().get();
            // Before @TempDir deletes the folders the job still watches.
            awaitTrue("the job to stop", () -> job.getJobStatus().get().isGloballyTerminalState());
        }
    }

    /**
     * Drops a batch of posts, each about parking and a pothole in Bengaluru, into the input folder and waits until
     * all are enriched. Their ids reach the enrich subtasks in turn (posts are keyed by id before enrichment).
     *
     * @return the posts' ids
     */
    List<String> drop(Path inbox, String name, int count) throws Exception {
        List<String> ids = idsForEachSubtaskInTurn(name, count);
        List<String> lines = ids.stream().map(id -> Json.write(new Post(id, "forum", T0.plus(Duration.ofMinutes(minutes++)),
                "Parking near MG Road in Bengaluru is full again and the pothole there is huge", "en",
                new Author("a-" + id, "a" + id, 0, null), null, null, null, null, null, null, null, null))).toList();
        Path staged = Files.write(work.resolve("batch-" + batches + ".jsonl"), lines);
        Files.move(staged, inbox.resolve(staged.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        batches++;
        awaitTrue("batch " + name + " to be enriched", () -> enrichedById().keySet().containsAll(ids));
        return ids;
    }

    static List<String> idsForEachSubtaskInTurn(String name, int count) {
        List<String> ids = new ArrayList<>();
        int maxParallelism = KeyGroupRangeAssignment.computeDefaultMaxParallelism(PARALLELISM);
        for (int i = 0; ids.size() < count; i++) {
            String id = "forum:" + name + "-" + i;
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(id, maxParallelism, PARALLELISM) == ids.size() % PARALLELISM) {
                ids.add(id);
            }
        }
        return ids;
    }

    List<List<String>> topicsOf(List<String> ids) {
        Map<String, EnrichedPost> byId = enrichedById();
        return ids.stream().map(id -> byId.get(id).topics()).toList();
    }

    Map<String, EnrichedPost> enrichedById() {
        return enriched.collected().stream().map(PostChange::post).collect(Collectors.toMap(post -> post.post().id(), Function.identity(), (a, b) -> a));
    }

    List<DeadLetter> rejectedTaxonomies() {
        return deadLetters.collected().stream().filter(letter -> letter.stage().equals("taxonomy")).toList();
    }

    static void awaitTrue(String what, ThrowingCondition condition) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what);
            }
            Thread.sleep(50);
        }
    }

    @FunctionalInterface
    interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
