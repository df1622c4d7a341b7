package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.config.ConfigLoader;
import dev.earshot.config.EarshotConfig;
import dev.earshot.connectors.file.JsonLinesFileSink;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.LocationLevel;
import dev.earshot.model.PostChange;
import dev.earshot.model.PostDeletion;
import dev.earshot.model.StatsView;
import dev.earshot.model.TicketPost;
import dev.earshot.model.TicketStatus;
import dev.earshot.model.TopicLocationStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mastodon edits and deletions through the whole job: an edit replaces its post in the ticket and in the store of
 * posts, as does a boost that carries a newer version than the job passed, while an earlier edit arriving after it is
 * dropped; a deletion removes its post from the ticket and the store and is listed in deletions.jsonl, and a post
 * deleted before it arrived is never published. Posts outside {@code enrich.languages} reach no window or ticket.
 */
class EditsAndDeletionsITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final Instant T0 = Instant.parse("2026-03-04T05:00:00Z");

    @TempDir
    Path work;

    /** A Mastodon streaming event as the WebSocket API sends it. */
    static String event(String event, Object payload) {
        ObjectNode record = Json.mapper().createObjectNode().put("stream", "public").put("event", event);
        return (payload instanceof String id ? record.put("payload", id) : record.set("payload", (ObjectNode) payload)).toString();
    }

    static ObjectNode status(String id, String author, Instant at, String html, boolean toCityCare) {
        ObjectNode status = Json.mapper().createObjectNode().put("id", id).put("created_at", at.toString())
                .put("content", html).put("language", "en").put("url", "https://mastodon.social/@" + author + "/" + id);
        status.putObject("account").put("id", "acct-" + author).put("acct", author).put("followers_count", 12);
        if (toCityCare) {
            status.putArray("mentions").addObject().put("id", "acct-citycare").put("acct", "CityCareDesk");
        }
        return status;
    }

    @Test
    void editsReplaceDeletionsRemoveAndADeletionBeforeItsPostWithholdsIt() throws Exception {
        ObjectNode first = status("101", "asha", T0, "<p>@CityCareDesk my car was towed again from MG Road in Bengaluru, "
                + "terrible service, still waiting</p>", true);
        ObjectNode second = status("102", "asha", T0.plus(Duration.ofMinutes(10)),
                "<p>@CityCareDesk still no reply, this is awful and my phone number is 98450 12345</p>", true);
        ObjectNode firstEdited = status("101", "asha", T0, "<p>@CityCareDesk my car was towed again from MG Road in Bengaluru, "
                + "terrible service, still waiting (edited: third time this month)</p>", true)
                .put("edited_at", T0.plus(Duration.ofMinutes(20)).toString());
        // Asha edits again; that edit's own event never reaches the job, a boost of the status as it is now does.
        ObjectNode firstEditedAgain = status("101", "asha", T0, "<p>@CityCareDesk my car was towed again from MG Road in "
                + "Bengaluru, terrible service, still waiting (edited: fourth time, fined 1,500)</p>", true)
                .put("edited_at", T0.plus(Duration.ofMinutes(45)).toString());
        ObjectNode boost = status("501", "neha", T0.plus(Duration.ofMinutes(50)), "", false);
        boost.set("reblog", firstEditedAgain);
        ObjectNode deletedEarly = status("201", "ravi", T0.plus(Duration.ofMinutes(40)),
                "<p>@CityCareDesk worst service ever, towed and fined, disgusting</p>", true);
        List<String> lines = List.of(
                event("update", first),
                event("update", second),
                // Later than the out-of-orderness: the watermark passes both posts, the ticket holds them.
                event("update", status("900", "bystander", T0.plus(Duration.ofMinutes(30)), "<p>Lovely morning in Pune</p>", false)),
                event("status.update", firstEdited),
                event("delete", "102"),
                event("delete", "201"),
                event("update", deletedEarly),
                event("update", first),
                event("update", boost),
                // The first edit again, after the newer version: it must not bring its text back.
                event("status.update", firstEdited),
                event("update", status("901", "bystander", T0.plus(Duration.ofMinutes(60)), "<p>Still a lovely day</p>", false)));
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Path output = work.resolve("output");
        CollectingSink<HandoffTicket> ticketVersions = new CollectingSink<>();
        CollectingSink<PostChange> posts = new CollectingSink<>();
        FileSource<String> records = FileSource.forRecordStreamFormat(new TextLineInputFormat("UTF-8"),
                new org.apache.flink.core.fs.Path(inbox.toUri())).monitorContinuously(Duration.ofMillis(100)).build();
        // One channel end to end, so that the watermark's progress between the records is the data's, not the threads'.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        new EarshotJob(EarshotConfig.defaults(), RecordSource.lines(records, "inbox", 1), List.of(EarshotSinks.jsonLines(output),
                new EarshotSinks(new CollectingSink<Alert>(), ticketVersions, null,
                        new CollectingSink<TopicLocationStats>(), posts, null, null))).build(env);
        JobClient job = env.executeAsync("edits and deletions");
        Map<String, Object> counters;
        try {
            // First the posts, until the ticket holds both of Asha's; then the edit and the deletions.
            drop(inbox, 0, lines.subList(0, 3));
            TaxonomyReloadITCase.awaitTrue("the ticket to hold both posts", () -> ticketVersions.collected().size() == 2);
            drop(inbox, 1, lines.subList(3, lines.size()));
            TaxonomyReloadITCase.awaitTrue("the last post", () -> posts.collected().size() == 8);
            // Drained: the job ends as at the end of its input, writing out its files and counters.
            job.stopWithSavepoint(true, work.resolve("savepoint").toUri().toString(), SavepointFormatType.CANONICAL).get();
            counters = job.getJobExecutionResult().get().getAllAccumulatorResults();
        } finally {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
        }

        List<HandoffTicket> tickets = read(output, EarshotSinks.TICKETS, HandoffTicket.class);
        assertThat(tickets).extracting(HandoffTicket::status).containsExactly(
                TicketStatus.OPEN, TicketStatus.UPDATED, TicketStatus.UPDATED, TicketStatus.UPDATED, TicketStatus.UPDATED);
        assertThat(tickets).extracting(HandoffTicket::conversationKey).containsOnly("mastodon|citycaredesk|acct-asha");
        assertThat(tickets.get(1).posts()).extracting(TicketPost::id).containsExactly("mastodon:101", "mastodon:102");
        assertThat(tickets.get(2).posts()).extracting(TicketPost::text).satisfiesExactly(
                text -> assertThat(text).endsWith("(edited: third time this month)"),
                text -> assertThat(text).contains("still no reply"));
        assertThat(tickets.get(3).posts()).extracting(TicketPost::id).containsExactly("mastodon:101");
        HandoffTicket latest = tickets.get(4);
        assertThat(latest.posts()).as("the boost's newer version replaced the first edit, which did not come back")
                .singleElement().satisfies(post -> {
                    assertThat(post.text()).endsWith("(edited: fourth time, fined 1,500)");
                    assertThat(post.editedAt()).isEqualTo(T0.plus(Duration.ofMinutes(45)));
                });
        assertThat(latest.sentimentTrajectory()).hasSize(1);
        assertThat(latest.reasons()).contains("1 post removed at the author's request (deleted on the network)");
        assertThat(Json.write(latest)).doesNotContain("still no reply", "98450");

        assertThat(read(output, EarshotSinks.DELETIONS, PostDeletion.class)).containsExactly(
                new PostDeletion("mastodon:102", "mastodon", null, null, T0.plus(Duration.ofMinutes(10))),
                new PostDeletion("mastodon:201", "mastodon", null, null, null));
        assertThat(read(output, EarshotSinks.DEAD_LETTERS, DeadLetter.class)).isEmpty();

        assertThat(posts.collected()).as("what a store of posts applies, in order per post").satisfiesExactly(
                change -> assertThat(change.post().post().id()).isEqualTo("mastodon:101"),
                change -> assertThat(change.post().post().id()).isEqualTo("mastodon:102"),
                change -> assertThat(change.post().post().id()).isEqualTo("mastodon:900"),
                change -> assertThat(change.post().post().text()).endsWith("(edited: third time this month)"),
                change -> assertThat(change.deletion().postId()).isEqualTo("mastodon:102"),
                change -> assertThat(change.deletion().postId()).isEqualTo("mastodon:201"),
                change -> assertThat(change.post().post().text()).endsWith("(edited: fourth time, fined 1,500)"),
                change -> assertThat(change.post().post().id()).isEqualTo("mastodon:901"));

        assertThat(counters).containsEntry(Counters.POSTS_EDITED, 2L).containsEntry(Counters.EDITS_APPLIED, 2L)
                .containsEntry(Counters.POSTS_DELETED, 2L).containsEntry(Counters.DELETIONS_APPLIED, 2L)
                .containsEntry(Counters.DELETED_POSTS_WITHHELD, 1L).containsEntry(Counters.DUPLICATES, 2L)
                .containsEntry(Counters.STALE_EDITS, 1L)
                .containsEntry(Counters.TICKET_POSTS_EDITED, 2L).containsEntry(Counters.TICKET_POSTS_REMOVED, 1L)
                .containsEntry(Counters.TICKETS_OPENED, 1L).containsEntry(Counters.POSTS_ENRICHED, 4L);
        assertThat((long) counters.get(Counters.TICKETS_OPENED) + (long) counters.get(Counters.TICKET_UPDATES)
                + (long) counters.getOrDefault(Counters.TICKETS_CLOSED, 0L))
                .as("every ticket version is counted, those an edit or a deletion wrote too").isEqualTo(tickets.size());
        assertThat((long) counters.get(Counters.DUPLICATES) + (long) counters.get(Counters.DELETED_POSTS_WITHHELD)
                + (long) counters.get(Counters.POSTS_ENRICHED)).as("each valid post is a duplicate (the boost too), withheld "
                + "or enriched").isEqualTo(counters.get(Counters.POSTS_VALID));
        assertThat(counters).as("mastodon:201 was never seen: its deletion is passed on, but as one of an unseen post")
                .containsEntry(Counters.DELETIONS_OF_UNSEEN_POSTS, 1L);
    }

    /**
     * An edit that overtakes its post (Kafka partitions, two sources) loses nothing: the post is counted once, ticketed,
     * and the store and the ticket end with the edit, exactly as when the post comes first.
     */
    @Test
    void aPostWhoseEditOvertookItIsCountedOnceAndTicketedAsWhenItCameFirst() throws Exception {
        String post = event("update", status("101", "asha", T0, "<p>@CityCareDesk my car was towed again from MG Road in "
                + "Bengaluru, terrible service, still waiting</p>", true));
        String edit = event("status.update", status("101", "asha", T0, "<p>@CityCareDesk my car was towed again from MG "
                + "Road in Bengaluru, terrible service, still waiting (edited: third time this month)</p>", true)
                .put("edited_at", T0.plus(Duration.ofMinutes(20)).toString()));
        String later = event("update", status("900", "bystander", T0.plus(Duration.ofMinutes(30)), "<p>Lovely morning in Pune</p>", false));

        LanguageRun editFirst = runWithLanguages(Files.write(work.resolve("edit-first.jsonl"), List.of(edit, post, later)), "[en]");
        LanguageRun postFirst = runWithLanguages(Files.write(work.resolve("post-first.jsonl"), List.of(post, edit, later)), "[en]");

        assertThat(editFirst.counters()).containsEntry(Counters.POSTS_ENRICHED, 2L).containsEntry(Counters.DUPLICATES, 0L)
                .as("applied on arrival, as an edit of a post forgotten, and again after its post, but counted once")
                .containsEntry(Counters.EDITS_APPLIED, 1L).containsEntry(Counters.TICKETS_OPENED, 1L);
        assertThat(editFirst.parkingInBengaluru()).isEqualTo(1);
        assertThat(editFirst.stats()).containsExactlyInAnyOrderElementsOf(postFirst.stats());
        assertThat(editFirst.posts()).extracting(change -> change.post().post().text()).as("what a store of posts applies")
                .satisfiesExactly(
                        text -> assertThat(text).endsWith("(edited: third time this month)"),
                        text -> assertThat(text).endsWith("still waiting"),
                        text -> assertThat(text).endsWith("(edited: third time this month)"),
                        text -> assertThat(text).contains("Lovely morning"));
        assertThat(editFirst.ticketVersions()).as("the ticket opens on the venting post and ends with its edit, in either order")
                .isEqualTo(postFirst.ticketVersions())
                .last().asString().startsWith("OPEN").endsWith("(edited: third time this month)]");
        assertThat(editFirst.deadLetters()).isEmpty();
    }

    /** The same Mastodon stream, read with {@code enrich.languages: [en]} (the default), then with every language. */
    @Test
    void postsOutsideTheLanguagesAreLeftOutOfWindowsAndTicketsAndTheirEditsFollowTheFirstVersion() throws Exception {
        Path input = Files.write(work.resolve("posts.jsonl"), List.of(
                event("update", status("101", "asha", T0, "<p>@CityCareDesk my car was towed again from MG Road in Bengaluru, "
                        + "terrible service, still waiting</p>", true)),
                event("update", status("102", "ravi", T0.plus(Duration.ofMinutes(5)),
                        "<p>Parking at the mall in Bengaluru is awful, towed again</p>", false)),
                event("update", status("301", "joao", T0.plus(Duration.ofMinutes(10)),
                        "<p>@CityCareDesk rebocaram meu carro de novo na MG Road em Bengaluru, péssimo 😡 #parking</p>", true)
                        .put("language", "pt")),
                event("update", status("301", "joao", T0.plus(Duration.ofMinutes(10)),
                        "<p>@CityCareDesk rebocaram meu carro de novo na MG Road em Bengaluru, péssimo 😡 #parking</p>", true)
                        .put("language", "pt")),
                event("update", status("302", "maria", T0.plus(Duration.ofMinutes(15)),
                        "<p>Estacionamento em Bengaluru é horrível 😡 #parking</p>", false).put("language", "pt-BR")),
                event("status.update", status("302", "maria", T0.plus(Duration.ofMinutes(15)),
                        "<p>Parking in Bengaluru is terrible 😡 #parking</p>", false)),
                event("status.update", status("102", "ravi", T0.plus(Duration.ofMinutes(5)),
                        "<p>Estacionamento no shopping em Bengaluru é péssimo, rebocado de novo</p>", false).put("language", "pt")),
                event("delete", "302")));

        LanguageRun english = runWithLanguages(input, "[en]");
        LanguageRun every = runWithLanguages(input, "['*']");

        assertThat(every.parkingInBengaluru()).as("read in every language, the Portuguese posts count").isEqualTo(4);
        assertThat(every.ticketedConversations()).as("and the Portuguese venting post opens a ticket")
                .containsExactlyInAnyOrder("mastodon|citycaredesk|acct-asha", "mastodon|citycaredesk|acct-joao");
        assertThat(every.counters()).containsEntry(Counters.POSTS_OUTSIDE_LANGUAGES, 0L).containsEntry(Counters.POSTS_ENRICHED, 4L)
                .containsEntry(Counters.EDITS_APPLIED, 2L);

        assertThat(english.parkingInBengaluru()).as("read in English, only the English posts count").isEqualTo(2);
        assertThat(english.ticketedConversations()).containsExactly("mastodon|citycaredesk|acct-asha");
        assertThat(english.counters()).as("the edit of the post left out is not applied, nor counted as applied")
                .containsEntry(Counters.POSTS_OUTSIDE_LANGUAGES, 2L)
                .containsEntry(Counters.DUPLICATES, 1L).containsEntry(Counters.POSTS_ENRICHED, 2L)
                .containsEntry(Counters.EDITS_APPLIED, 1L).containsEntry(Counters.DELETIONS_APPLIED, 1L)
                .containsEntry(Counters.DELETIONS_OF_UNSEEN_POSTS, 0L);
        assertThat(english.deadLetters()).as("nothing is wrong with a post in another language").isEmpty();
        assertThat(english.posts()).as("the English post edited into Portuguese replaces its stored version; the "
                + "Portuguese post edited into English stays out, and its deletion removes nothing but passes").satisfiesExactly(
                change -> assertThat(change.post().post().id()).isEqualTo("mastodon:101"),
                change -> assertThat(change.post().post().id()).isEqualTo("mastodon:102"),
                change -> assertThat(change.post().post().text()).startsWith("Estacionamento no shopping"),
                change -> assertThat(change.deletion().postId()).isEqualTo("mastodon:302"));
        assertThat(english.deletions()).extracting(PostDeletion::postId).containsExactly("mastodon:302");
    }

    record LanguageRun(List<TopicLocationStats> stats, List<HandoffTicket> tickets, List<PostChange> posts,
                       List<PostDeletion> deletions, List<DeadLetter> deadLetters, Map<String, Object> counters) {

        /** The most posts a parking window of Bengaluru counted. */
        long parkingInBengaluru() {
            return stats.stream().filter(cell -> cell.topic().equals("parking") && cell.locationName().equals("Bengaluru"))
                    .filter(cell -> cell.level() == LocationLevel.CITY && cell.view() == StatsView.SLIDING)
                    .mapToLong(TopicLocationStats::posts).max().orElse(0);
        }

        /** Each version of the tickets: its status and its posts' texts. */
        List<String> ticketVersions() {
            return tickets.stream().map(ticket -> ticket.status() + " " + ticket.posts().stream().map(TicketPost::text).toList())
                    .toList();
        }

        Set<String> ticketedConversations() {
            return tickets.stream().map(HandoffTicket::conversationKey).collect(Collectors.toSet());
        }
    }

    static LanguageRun runWithLanguages(Path input, String languages) throws Exception {
        CollectingSink<TopicLocationStats> stats = new CollectingSink<>();
        CollectingSink<HandoffTicket> tickets = new CollectingSink<>();
        CollectingSink<PostChange> posts = new CollectingSink<>();
        CollectingSink<PostDeletion> deletions = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        new EarshotJob(ConfigLoader.parse("enrich: { languages: " + languages + " }", "test"), RecordSource.file(input, "test"),
                new EarshotSinks(new CollectingSink<Alert>(), tickets, deadLetters, stats, posts, deletions, null)).build(env);
        Map<String, Object> counters = env.execute("languages " + languages).getAllAccumulatorResults();
        return new LanguageRun(stats.collected(), tickets.collected(), posts.collected(), deletions.collected(),
                deadLetters.collected(), counters);
    }

    /** Adds a file to the monitored {@code inbox} in one move, so the source never reads half of it. */
    static void drop(Path inbox, int batch, List<String> lines) throws Exception {
        Path staged = Files.write(inbox.resolveSibling("batch-" + batch + ".jsonl"), lines);
        Files.move(staged, inbox.resolve(staged.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    static <T> List<T> read(Path dir, String name, Class<T> type) throws Exception {
        try (var lines = Files.lines(JsonLinesFileSink.fileOf(dir, name))) {
            return lines.map(line -> Json.read(line, type)).toList();
        }
    }
}
