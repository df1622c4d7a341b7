package dev.earshot.flink;

import static dev.earshot.flink.EditsAndDeletionsITCase.T0;
import static dev.earshot.flink.EditsAndDeletionsITCase.drop;
import static dev.earshot.flink.EditsAndDeletionsITCase.event;
import static dev.earshot.flink.EditsAndDeletionsITCase.read;
import static dev.earshot.flink.EditsAndDeletionsITCase.status;
import static dev.earshot.flink.TaxonomyReloadITCase.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.Secrets;
import dev.earshot.connectors.helpdesk.FakeZendesk;
import dev.earshot.model.DeadLetter;
import dev.earshot.respond.helpdesk.TicketText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits and deletions of posts a helpdesk ticket already holds, through the whole job (configured by
 * {@code respond.helpdesk}) to the local Zendesk: the edited post's earlier text is redacted and its new text added in
 * a private comment, the deleted post's text is redacted and a private note says why, and Zendesk is asked nothing it
 * would refuse.
 */
class HelpdeskEditsITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final String FIRST = "@CityCareDesk my car was towed from MG Road in Bengaluru, terrible service, call me on 98450 12345";
    static final String FIRST_EDITED = "@CityCareDesk my car was towed from MG Road in Bengaluru, terrible service, still waiting";
    static final String SECOND = "@CityCareDesk still no reply, this is awful, my neighbour Priya saw the tow truck";

    private final FakeZendesk zendesk = new FakeZendesk();

    @TempDir
    Path work;

    @AfterEach
    void close() {
        zendesk.close();
    }

    @Test
    void anEditAndADeletionOfDeliveredPostsReachTheZendeskTicket() throws Exception {
        List<String> posts = List.of(
                event("update", status("101", "asha", T0, "<p>" + FIRST + "</p>", true)),
                event("update", status("102", "asha", T0.plus(Duration.ofMinutes(10)), "<p>" + SECOND + "</p>", true)),
                // Later than the out-of-orderness: the watermark passes both posts, the ticket holds them.
                event("update", status("900", "bystander", T0.plus(Duration.ofMinutes(30)), "<p>Lovely morning in Pune</p>", false)));
        List<String> changes = List.of(
                event("status.update", status("101", "asha", T0, "<p>" + FIRST_EDITED + "</p>", true)),
                event("delete", "102"),
                event("update", status("901", "bystander", T0.plus(Duration.ofMinutes(60)), "<p>Still a lovely day</p>", false)));
        EarshotConfig config = ConfigLoader.parse("respond:\n  helpdesk: {kind: zendesk, url: '" + zendesk.url()
                + "', emailEnv: ZENDESK_EMAIL, tokenEnv: ZENDESK_API_TOKEN}\n", "helpdesk-edits.yaml");
        Secrets secrets = new HashMap<>(Map.of("ZENDESK_EMAIL", FakeZendesk.EMAIL, "ZENDESK_API_TOKEN", FakeZendesk.TOKEN))::get;
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Path output = work.resolve("output");
        FileSource<String> records = FileSource.forRecordStreamFormat(new TextLineInputFormat("UTF-8"),
                new org.apache.flink.core.fs.Path(inbox.toUri())).monitorContinuously(Duration.ofMillis(100)).build();
        // One channel end to end, so that the watermark's progress between the records is the data's, not the threads':
        // at parallelism 2 the edit could reach the tickets before the watermark had passed the posts it edits.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        new EarshotJob(config, RecordSource.lines(records, "inbox", 1), List.of(EarshotSinks.jsonLines(output)), secrets)
                .build(env);
        JobClient job = env.executeAsync("helpdesk edits and deletions");
        try {
            // First the posts, until Zendesk holds both; only then the edit and the deletion, so that they change
            // what Zendesk already shows rather than a version it never received.
            drop(inbox, 0, posts);
            awaitTrue("Zendesk to hold both posts", () -> bodies().stream().anyMatch(body -> body.contains(SECOND)));
            assertThat(bodies()).anyMatch(body -> body.contains(FIRST));
            drop(inbox, 1, changes);
            awaitTrue("Zendesk to show the edit and the deletion", () -> bodies().stream().anyMatch(body -> body.contains(FIRST_EDITED))
                    && bodies().stream().anyMatch(body -> body.contains(TicketText.REMOVED_MARKER + "mastodon:102")));
            // Drained: the job ends as at the end of its input, and its sinks flush their dead letters.
            job.stopWithSavepoint(true, work.resolve("savepoint").toUri().toString(), SavepointFormatType.CANONICAL).get();
            job.getJobExecutionResult().get();
        } finally {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
        }

        assertThat(zendesk.tickets).hasSize(1);
        List<ObjectNode> comments = comments();
        assertThat(bodies()).as("the earlier and the deleted texts are redacted")
                .noneMatch(body -> body.contains(FIRST) || body.contains("98450") || body.contains(SECOND)
                        || body.contains("https://mastodon.social/@asha/102"));
        assertThat(comments).filteredOn(comment -> comment.get("body").asText().contains(FIRST_EDITED)).singleElement()
                .satisfies(comment -> {
                    assertThat(comment.get("public").asBoolean(true)).isFalse();
                    assertThat(comment.get("body").asText()).contains("edited a post", TicketText.POST_MARKER + "mastodon:101");
                });
        assertThat(comments).filteredOn(comment -> comment.get("body").asText().contains(TicketText.REMOVED_MARKER + "mastodon:102"))
                .singleElement().satisfies(comment -> {
                    assertThat(comment.get("public").asBoolean(true)).isFalse();
                    assertThat(comment.get("body").asText()).contains("removed at the author's request");
                });
        assertThat(zendesk.violations).as("requests the real Zendesk would refuse").isEmpty();
        assertThat(read(output, "helpdesk-dead-letters", DeadLetter.class)).isEmpty();
        assertThat(read(output, EarshotSinks.DEAD_LETTERS, DeadLetter.class)).isEmpty();
    }

    /** The comments of the one ticket, as they stand: the fake changes them under its own lock. */
    private List<ObjectNode> comments() {
        synchronized (zendesk) {
            return zendesk.comments.values().stream().flatMap(List::stream).map(ObjectNode::deepCopy).toList();
        }
    }

    private List<String> bodies() {
        return comments().stream().map(comment -> comment.get("body").asText()).toList();
    }
}
