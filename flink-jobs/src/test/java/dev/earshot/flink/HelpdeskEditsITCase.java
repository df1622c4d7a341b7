package dev.earshot.flink;

import static dev.earshot.flink.EditsAndDeletionsITCase.T0;
import static dev.earshot.flink.EditsAndDeletionsITCase.drop;
import static dev.earshot.flink.EditsAndDeletionsITCase.event;
import static dev.earshot.flink.EditsAndDeletionsITCase.read;
import static dev.earshot.flink.EditsAndDeletionsITCase.status;
import static dev.earshot.flink.TaxonomyReloadITCase.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.Secrets;
import dev.earshot.connectors.helpdesk.FakeFreshdesk;
import dev.earshot.connectors.helpdesk.FakeHelpdesk;
import dev.earshot.connectors.helpdesk.FakeZendesk;
import dev.earshot.connectors.helpdesk.WebhookDeliveryTest.FakeReceiver;
import dev.earshot.json.Json;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketPost;
import dev.earshot.respond.helpdesk.TicketText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edits and deletions of posts a helpdesk ticket already holds, through the whole job (configured by
 * {@code respond.helpdesk}) to each local helpdesk: the edited post's earlier text leaves the helpdesk and its new text
 * is shown, the deleted post's text leaves it and the helpdesk says why, and the helpdesk is asked nothing it would
 * refuse. How each helpdesk shows the change is its {@link Desk}'s to check.
 */
class HelpdeskEditsITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final String FIRST = "@CityCareDesk my car was towed from MG Road in Bengaluru, terrible service, call me on 98450 12345";
    static final String FIRST_EDITED = "@CityCareDesk my car was towed from MG Road in Bengaluru, terrible service, still waiting";
    static final String SECOND = "@CityCareDesk still no reply, this is awful, my neighbour Priya saw the tow truck";
    static final String EDITED_ID = "mastodon:101";
    static final String DELETED_ID = "mastodon:102";
    /** When Mastodon says the first post was edited. */
    static final Instant EDITED_AT = T0.plus(Duration.ofMinutes(25));

    @TempDir
    Path work;

    static Stream<Desk<?>> desks() {
        return Stream.of(new ZendeskDesk(), new FreshdeskDesk(), new WebhookDesk());
    }

    /** The desk is an argument JUnit closes after its case. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("desks")
    void anEditAndADeletionOfDeliveredPostsReachTheHelpdesk(Desk<?> desk) throws Exception {
        List<String> posts = List.of(
                event("update", status("101", "asha", T0, "<p>" + FIRST + "</p>", true)),
                event("update", status("102", "asha", T0.plus(Duration.ofMinutes(10)), "<p>" + SECOND + "</p>", true)),
                // Later than the out-of-orderness: the watermark passes both posts, the ticket holds them.
                event("update", status("900", "bystander", T0.plus(Duration.ofMinutes(30)), "<p>Lovely morning in Pune</p>", false)));
        List<String> changes = List.of(
                event("status.update", status("101", "asha", T0, "<p>" + FIRST_EDITED + "</p>", true)
                        .put("edited_at", EDITED_AT.toString())),
                event("delete", "102"),
                event("update", status("901", "bystander", T0.plus(Duration.ofMinutes(60)), "<p>Still a lovely day</p>", false)));
        EarshotConfig config = ConfigLoader.parse("respond:\n  helpdesk: " + desk.helpdeskConfig + "\n", "helpdesk-edits.yaml");
        Secrets secrets = new HashMap<>(desk.secrets)::get;
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
            // First the posts, until the helpdesk holds both; only then the edit and the deletion, so that they change
            // what the helpdesk already shows rather than a version it never received.
            drop(inbox, 0, posts);
            awaitTrue(desk + " to hold both posts", () -> desk.texts().stream().anyMatch(text -> text.contains(SECOND)));
            assertThat(desk.texts()).anyMatch(text -> text.contains(FIRST));
            drop(inbox, 1, changes);
            awaitTrue(desk + " to show the edit and the deletion", () -> desk.showsRemovalOf(DELETED_ID)
                    && desk.texts().stream().anyMatch(text -> text.contains(FIRST_EDITED)));
            // Drained: the job ends as at the end of its input, and its sinks flush their dead letters.
            job.stopWithSavepoint(true, work.resolve("savepoint").toUri().toString(), SavepointFormatType.CANONICAL).get();
            job.getJobExecutionResult().get();
        } finally {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
        }

        assertThat(desk.tickets()).isEqualTo(1);
        assertThat(desk.texts()).as("the earlier and the deleted texts are gone")
                .noneMatch(text -> text.contains(FIRST) || text.contains("98450") || text.contains(SECOND)
                        || text.contains("https://mastodon.social/@asha/102"));
        desk.assertShowsTheEditAndTheDeletion();
        assertThat(desk.fake.violations).as("requests the real helpdesk would refuse").isEmpty();
        assertThat(read(output, "helpdesk-dead-letters", DeadLetter.class)).isEmpty();
        assertThat(read(output, EarshotSinks.DEAD_LETTERS, DeadLetter.class)).isEmpty();
    }

    /** A local helpdesk the job delivers to, and what the test reads of it. */
    abstract static class Desk<F extends FakeHelpdesk> implements AutoCloseable {
        private final String name;
        final F fake;
        /** The {@code respond.helpdesk} section, as flow YAML. */
        final String helpdeskConfig;
        final Map<String, String> secrets;

        /** {@code helpdeskConfig}: the section for the fake's URL. */
        Desk(String name, F fake, UnaryOperator<String> helpdeskConfig, Map<String, String> secrets) {
            this.name = name;
            this.fake = fake;
            this.helpdeskConfig = helpdeskConfig.apply(fake.url());
            this.secrets = secrets;
        }

        /** The tickets the helpdesk holds. */
        abstract int tickets();

        /** Every text the helpdesk holds now, as an agent (or the webhook's receiver) can read it. */
        abstract List<String> texts();

        /** Whether the helpdesk says the post was removed: by its removal marker, for the helpdesks that hold text. */
        boolean showsRemovalOf(String postId) {
            return texts().stream().anyMatch(text -> text.contains(TicketText.REMOVED_MARKER + postId));
        }

        /** How this helpdesk shows the edit and the deletion, once the job has ended. */
        abstract void assertShowsTheEditAndTheDeletion();

        @Override
        public void close() {
            fake.close();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Zendesk cannot rewrite a comment: the earlier texts are redacted, and private comments show the changes. */
    static final class ZendeskDesk extends Desk<FakeZendesk> {
        ZendeskDesk() {
            super("zendesk", new FakeZendesk(),
                    url -> "{kind: zendesk, url: '" + url + "', emailEnv: ZENDESK_EMAIL, tokenEnv: ZENDESK_API_TOKEN}",
                    Map.of("ZENDESK_EMAIL", FakeZendesk.EMAIL, "ZENDESK_API_TOKEN", FakeZendesk.TOKEN));
        }

        @Override
        int tickets() {
            return fake.tickets.size();
        }

        @Override
        List<String> texts() {
            return comments().stream().map(comment -> comment.get("body").asText()).toList();
        }

        @Override
        void assertShowsTheEditAndTheDeletion() {
            List<ObjectNode> comments = comments();
            assertThat(comments).filteredOn(comment -> comment.get("body").asText().contains(FIRST_EDITED)).singleElement()
                    .satisfies(comment -> {
                        assertThat(comment.get("public").asBoolean(true)).isFalse();
                        assertThat(comment.get("body").asText()).contains("edited a post at " + EDITED_AT,
                                "edited at " + EDITED_AT, TicketText.POST_MARKER + EDITED_ID);
                    });
            assertThat(comments).filteredOn(comment -> comment.get("body").asText().contains(TicketText.REMOVED_MARKER + DELETED_ID))
                    .singleElement().satisfies(comment -> {
                        assertThat(comment.get("public").asBoolean(true)).isFalse();
                        assertThat(comment.get("body").asText()).contains("removed at the author's request");
                    });
        }

        /** The comments of the one ticket, as they stand: the fake changes them under its own lock. */
        private List<ObjectNode> comments() {
            synchronized (fake) {
                return fake.comments.values().stream().flatMap(List::stream).map(ObjectNode::deepCopy).toList();
            }
        }
    }

    /** Freshdesk rewrites the description or note holding a post: the new text, or the removal note, in its place. */
    static final class FreshdeskDesk extends Desk<FakeFreshdesk> {
        FreshdeskDesk() {
            super("freshdesk", new FakeFreshdesk(), url -> "{kind: freshdesk, url: '" + url + "', tokenEnv: FRESHDESK_API_KEY}",
                    Map.of("FRESHDESK_API_KEY", FakeFreshdesk.API_KEY));
        }

        @Override
        int tickets() {
            return fake.tickets.size();
        }

        /** The description, then the notes, as they stand: the fake changes them under its own lock. */
        @Override
        List<String> texts() {
            synchronized (fake) {
                return Stream.concat(fake.tickets.values().stream().map(ticket -> ticket.get("description")),
                        notes().stream().map(note -> note.get("body"))).map(JsonNode::asText).toList();
            }
        }

        /** The first post opened the ticket, so the description holds it; the second came in a note. */
        @Override
        void assertShowsTheEditAndTheDeletion() {
            synchronized (fake) {
                assertThat(fake.tickets.values()).singleElement().satisfies(ticket -> assertThat(ticket.get("description").asText())
                        .as("rewritten in place, the earlier text's fingerprint and the network's edit time on the marker")
                        .contains(FIRST_EDITED, "edited at " + EDITED_AT)
                        .containsPattern(Pattern.quote(TicketText.POST_MARKER + EDITED_ID) + "( text:[0-9a-f]{12}){2}"
                                + Pattern.quote(TicketText.EDITED + EDITED_AT) + "<"));
                assertThat(notes()).as("the deleted post's note rewritten in place, none added").singleElement().satisfies(note -> {
                    assertThat(note.get("private").asBoolean()).isTrue();
                    assertThat(note.get("body").asText()).contains("wrote again",
                            TicketText.REMOVED_NOTE + "<br>" + TicketText.REMOVED_MARKER + DELETED_ID);
                });
            }
        }

        private List<ObjectNode> notes() {
            return fake.notes.values().stream().flatMap(List::stream).toList();
        }
    }

    /** A webhook cannot change what it sent: the receiver gets each new version of the ticket, under its own key. */
    static final class WebhookDesk extends Desk<FakeReceiver> {
        WebhookDesk() {
            super("webhook", new FakeReceiver(), url -> "{kind: webhook, url: '" + url + "/hooks/tickets', tokenEnv: HOOK_TOKEN}",
                    Map.of("HOOK_TOKEN", FakeReceiver.TOKEN));
        }

        @Override
        int tickets() {
            return fake.latest.size();
        }

        /** The newest version of each ticket: what the receiver keeps. */
        @Override
        List<String> texts() {
            return fake.latest.values().stream().map(Json::write).toList();
        }

        @Override
        boolean showsRemovalOf(String postId) {
            return fake.latest.values().stream().anyMatch(ticket -> ticket.removedPostIds().contains(postId));
        }

        @Override
        void assertShowsTheEditAndTheDeletion() {
            List<FakeHelpdesk.Request> requests;
            synchronized (fake.requests) {
                requests = List.copyOf(fake.requests);
            }
            assertThat(requests).as("each version accepted once").allMatch(request -> request.status() == 202);
            assertThat(requests).extracting(request -> request.headers().get("idempotency-key")).doesNotHaveDuplicates();
            List<HandoffTicket> versions = requests.stream().map(request -> Json.read(request.body(), HandoffTicket.class)).toList();
            assertThat(versions).as("the posts one by one, the edit, the deletion")
                    .extracting(version -> version.posts().stream().map(post -> post.id() + " " + post.text()).toList(),
                            HandoffTicket::removedPostIds)
                    .containsExactly(
                            tuple(List.of(EDITED_ID + " " + FIRST), List.of()),
                            tuple(List.of(EDITED_ID + " " + FIRST, DELETED_ID + " " + SECOND), List.of()),
                            tuple(List.of(EDITED_ID + " " + FIRST_EDITED, DELETED_ID + " " + SECOND), List.of()),
                            tuple(List.of(EDITED_ID + " " + FIRST_EDITED), List.of(DELETED_ID)));
            assertThat(versions.get(versions.size() - 1).posts()).extracting(TicketPost::editedAt).containsExactly(EDITED_AT);
            assertThat(fake.latest.values()).containsExactly(versions.get(versions.size() - 1));
        }
    }
}
