package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.enrich.LanguageScope;
import dev.earshot.flink.Counters;
import dev.earshot.model.AlertKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    @Test
    void lateDeadLettersComeWithTheOutOfOrdernessThatWouldHaveKeptThem() {
        long behind = Duration.ofDays(7).plusHours(11).plusMinutes(20).toMillis();
        String report = new RunSummary(Map.of(Counters.DEAD_LETTERS, 7_863L, Counters.LATE_POSTS, 7_863L,
                Counters.MOST_LATE_MILLIS, behind, Counters.MOST_LATE_ADVISABLE_MILLIS, behind))
                .finalReport(Duration.ofSeconds(26), Path.of("out"), LanguageScope.defaults());

        assertThat(report).contains("7,863 too late for their windows",
                "the most out of order was 7d 11h 20m behind the newest post read before it",
                "sort it by time or set stream.outOfOrderness to at least 8d");
    }

    @Test
    void aPostFarTooLateForAnyOutOfOrdernessIsExplainedInsteadOfAdvisingItsLateness() {
        long from1970 = Duration.ofDays(20_514).plusMinutes(3).toMillis();
        long behind = Duration.ofMinutes(40).toMillis();
        String onlyThatPost = new RunSummary(Map.of(Counters.DEAD_LETTERS, 1L, Counters.LATE_POSTS, 1L,
                Counters.MOST_LATE_MILLIS, from1970, Counters.IMPLAUSIBLY_LATE_POSTS, 1L))
                .finalReport(Duration.ofSeconds(20), null, LanguageScope.defaults());
        String withOthers = new RunSummary(Map.of(Counters.DEAD_LETTERS, 4L, Counters.LATE_POSTS, 4L,
                Counters.MOST_LATE_MILLIS, from1970, Counters.MOST_LATE_ADVISABLE_MILLIS, behind,
                Counters.IMPLAUSIBLY_LATE_POSTS, 1L))
                .finalReport(Duration.ofSeconds(20), null, LanguageScope.defaults());

        assertThat(onlyThatPost).contains("1 of them more than 30d behind (the most 20514d 3m): a post that far behind "
                + "usually has a wrong createdAt").doesNotContain("set stream.outOfOrderness");
        assertThat(withOthers).contains("the most out of order was 40m behind", "stream.outOfOrderness to at least 40m",
                "1 of them more than 30d behind");
    }

    @Test
    void unreadableInputIsDescribedForKafkaValuesAsWellAsFiles() {
        String report = new RunSummary(Map.of(Counters.DEAD_LETTERS, 3L, Counters.ITEMS_REJECTED, 3L,
                Counters.RECORDS_UNREADABLE, 3L)).finalReport(Duration.ofSeconds(1), null, LanguageScope.defaults());

        assertThat(report).contains("3 of them unreadable input (stage read: bytes that are not UTF-8 text, in a file or "
                + "a Kafka value, or a damaged file): each reason says where and how to fix it");
    }

    @Test
    void aRunWithNoLatePostsGivesNoHint() {
        String report = new RunSummary(Map.of(Counters.DEAD_LETTERS, 2L))
                .finalReport(Duration.ofSeconds(1), null, LanguageScope.defaults());

        assertThat(report).contains("dead letters    2: 0 rejected when read + 0 too late").doesNotContain("outOfOrderness").doesNotContain("unreadable");
    }

    @Test
    void unreadableInputIsNamedUnderTheDeadLetters() {
        String report = new RunSummary(Map.of(Counters.DEAD_LETTERS, 3L, Counters.ITEMS_REJECTED, 3L,
                Counters.RECORDS_UNREADABLE, 1L)).finalReport(Duration.ofSeconds(1), null, LanguageScope.defaults());

        assertThat(report).contains("3: 3 rejected when read + 0 too late", "1 of them unreadable input (stage read");
    }

    @Test
    void recordsHoldingSeveralPostsAreReconciledWithWhatTheyHeldAndTheDeadLettersWithTheirStages() {
        // x-v2.jsonl: 5 lines, one holding 4 posts and one the 2 rules of a stream-rules response; 1 post too late
        String report = new RunSummary(Map.of(Counters.RECORDS_READ, 5L, Counters.POSTS_VALID, 5L,
                Counters.ITEMS_REJECTED, 4L, Counters.DEAD_LETTERS, 5L, Counters.LATE_POSTS, 1L))
                .finalReport(Duration.ofSeconds(4), null, LanguageScope.defaults());

        assertThat(report).contains("  records read    5 holding 9 items: 5 posts + 0 edits + 0 deletions + 0 events "
                        + "that are not posts + 4 rejected (dead letters)",
                "  dead letters    5: 4 rejected when read + 1 too late for their windows + 0 at stage enrich or taxonomy");
    }

    @Test
    void postsOutsideTheLanguagesAreCountedBetweenTheDuplicatesAndTheEnrichedOnes() {
        String report = new RunSummary(Map.of(Counters.POSTS_VALID, 1_210L, Counters.DUPLICATES, 10L,
                Counters.POSTS_OUTSIDE_LANGUAGES, 1_150L, Counters.POSTS_ENRICHED, 50L))
                .finalReport(Duration.ofSeconds(3), null, new LanguageScope(List.of("en", "pt")));

        assertThat(report).contains("  posts read      1,210 valid: 10 duplicates processed once, 0 withheld as deleted, "
                + "1,150 outside enrich.languages (en, pt), 50 enriched");
    }

    @Test
    void eachDeliveryTargetSaysWhatWasDeliveredAndWhereTheRestIs() {
        Map<String, Object> counts = new HashMap<>(Map.of(Counters.HELPDESK_VERSIONS, 11L,
                Counters.HELPDESK_DELIVERED, 8L, Counters.HELPDESK_DEAD_LETTERS, 3L));
        counts.putAll(Map.of(Counters.alertMessages("ops-slack"), 10L, Counters.alertMessagesDelivered("ops-slack"), 10L,
                Counters.alertDeadLetters("ops-slack"), 0L, Counters.alertMessages("incident-bus"), 10L,
                Counters.alertMessagesDelivered("incident-bus"), 3L, Counters.alertDeadLetters("incident-bus"), 7L));

        List<String> lines = new RunSummary(counts, List.of(), 2, null).finalReport(Duration.ofSeconds(3), Path.of("output"),
                LanguageScope.defaults()).lines().toList();

        assertThat(lines).endsWith(
                "  helpdesk        8 of 11 ticket versions delivered, 3 dead letters  -> output/helpdesk-dead-letters-*.jsonl",
                "  alert channels  incident-bus 3 of 10 messages delivered, 7 dead letters · ops-slack 10 of 10 messages "
                        + "delivered  -> output/alert-delivery-dead-letters.jsonl");
    }

    @Test
    void theUpdatesAChannelsQuietPeriodHeldBackAreSaidOnItsLine() {
        String report = new RunSummary(Map.of(Counters.alertMessages("ops-slack"), 4L, Counters.alertMessagesDelivered("ops-slack"), 4L,
                Counters.alertDeadLetters("ops-slack"), 0L, Counters.alertUpdatesHeldBack("ops-slack"), 1L,
                Counters.alertMessages("incident-bus"), 4L, Counters.alertMessagesDelivered("incident-bus"), 4L,
                Counters.alertDeadLetters("incident-bus"), 0L, Counters.alertUpdatesHeldBack("incident-bus"), 0L))
                .finalReport(Duration.ofSeconds(3), Path.of("output"), LanguageScope.defaults());

        assertThat(report).endsWith("  alert channels  incident-bus 4 of 4 messages delivered · ops-slack 4 of 4 messages "
                + "delivered, 1 update held back by the quiet period");
        String restarted = new RunSummary(Map.of(Counters.alertMessages("ops-slack"), 4L, Counters.alertMessagesDelivered("ops-slack"), 4L,
                Counters.alertDeadLetters("ops-slack"), 0L, Counters.alertUpdatesHeldBack("ops-slack"), 1L, Counters.RESTARTS, 1L))
                .finalReport(Duration.ofSeconds(3), Path.of("output"), LanguageScope.defaults());
        assertThat(restarted).as("unlike deliveries, counted by the attempt's counters")
                .endsWith("1 update held back by the quiet period (since the last restart)");
    }

    @Test
    void deliveriesStillUnderWayWhenCountedAreSaidAndNoTargetNoLine() {
        String stopped = new RunSummary(Map.of(Counters.HELPDESK_VERSIONS, 5L, Counters.HELPDESK_DELIVERED, 2L,
                Counters.HELPDESK_DEAD_LETTERS, 0L), List.of(), 1, null).finalReport(Duration.ofSeconds(3), Path.of("out"),
                LanguageScope.defaults());
        String noRespond = new RunSummary(Map.of(Counters.TICKETS_OPENED, 3L)).finalReport(Duration.ofSeconds(3),
                Path.of("out"), LanguageScope.defaults());

        assertThat(stopped).endsWith("  helpdesk        2 of 5 ticket versions delivered, 3 still being delivered when counted");
        assertThat(noRespond).doesNotContain("helpdesk ", "alert channels");
    }

    @Test
    void ticketVersionsAddUpAndDeletionsOfUnseenPostsAreToldApart() {
        // edits-langs.jsonl: 3 tickets opened, one updated by a post and then by a deletion; one deletion of a post never seen
        String report = new RunSummary(Map.of(Counters.TICKETS_OPENED, 3L, Counters.TICKET_UPDATES, 2L,
                Counters.EDITS_APPLIED, 1L, Counters.DELETIONS_APPLIED, 2L, Counters.DELETIONS_OF_UNSEEN_POSTS, 1L,
                Counters.TICKET_POSTS_REMOVED, 1L)).finalReport(Duration.ofSeconds(3), null, LanguageScope.defaults());

        assertThat(report).contains("  edits           1 applied, 0 stale dropped (not newer than the version passed), "
                        + "0 withheld as deleted; 0 ticket posts edited",
                "  deletions       2 passed on (1 of posts not seen, for what earlier runs stored); 1 ticket post removed",
                "  tickets         3 opened, 2 updates, 0 closed (5 versions)");
    }

    @Test
    void oneOfAThingIsSingularAndASlowRateIsNotZero() {
        String report = new RunSummary(Map.of(Counters.RECORDS_READ, 1L, Counters.POSTS_VALID, 1L, Counters.DUPLICATES, 1L))
                .finalReport(Duration.ofSeconds(4), null, LanguageScope.defaults());

        assertThat(report).startsWith("Earshot finished in 4.0 s: 1 record, 0.3 records/s")
                .contains("1 valid: 1 duplicate processed once");
    }

    @Test
    void aPostWithheldBecauseItsDeletionCameFirstHasItsBucketAmongThePosts() {
        // edit-order.jsonl: 304 valid posts, one a repeat and one deleted before it came
        String report = new RunSummary(Map.of(Counters.POSTS_VALID, 304L, Counters.DUPLICATES, 1L,
                Counters.DELETED_POSTS_WITHHELD, 1L, Counters.POSTS_ENRICHED, 302L, Counters.DELETIONS_APPLIED, 1L,
                Counters.DELETIONS_OF_UNSEEN_POSTS, 1L)).finalReport(Duration.ofSeconds(3), null, LanguageScope.defaults());

        assertThat(report).contains("  posts read      304 valid: 1 duplicate processed once, 1 withheld as deleted, 0 "
                + "outside enrich.languages (en), 302 enriched", "  deletions       1 passed on (1 of posts not seen");
    }

    @Test
    void aStaleEditIsCountedWithTheEditsNotAsADuplicatePost() {
        // edit-valid-then-stale.jsonl: 301 valid posts, one a repeat; an edit applied, then an earlier one
        String report = new RunSummary(Map.of(Counters.POSTS_VALID, 301L, Counters.DUPLICATES, 1L,
                Counters.POSTS_ENRICHED, 300L, Counters.POSTS_EDITED, 2L, Counters.EDITS_APPLIED, 1L, Counters.STALE_EDITS, 1L,
                Counters.TICKET_POSTS_EDITED, 1L)).finalReport(Duration.ofSeconds(3), null, LanguageScope.defaults());

        assertThat(report).contains("  posts read      301 valid: 1 duplicate processed once, 0 withheld as deleted",
                "  edits           1 applied, 1 stale dropped (not newer than the version passed), 0 withheld as deleted; "
                        + "1 ticket post edited");
    }

    @Test
    void postsWhoseEnrichmentFailedAreNamedOnlyWhenThereAreSome() {
        String failed = new RunSummary(Map.of(Counters.POSTS_VALID, 5L, Counters.POSTS_ENRICHED, 3L,
                Counters.POSTS_NOT_ENRICHED, 2L, Counters.DEAD_LETTERS, 2L))
                .finalReport(Duration.ofSeconds(3), null, LanguageScope.defaults());
        String none = new RunSummary(Map.of(Counters.POSTS_VALID, 5L, Counters.POSTS_ENRICHED, 5L))
                .finalReport(Duration.ofSeconds(3), null, LanguageScope.defaults());

        assertThat(failed).contains("3 enriched, 2 failed enrichment (dead letters)");
        assertThat(none).contains("5 enriched").doesNotContain("failed enrichment");
    }

    @Test
    void aResumedRunCountsTheTicketPostsItEditedApartFromTheEditsItApplied() {
        // edit-split: the edit was applied before the stop; its post, read after the resume, reaches the ticket edited
        String report = new RunSummary(Map.of(Counters.RECORDS_READ, 61L, Counters.POSTS_VALID, 61L,
                Counters.POSTS_ENRICHED, 61L, Counters.TICKET_POSTS_EDITED, 1L, Counters.TICKETS_OPENED, 1L))
                .finalReport(Duration.ofSeconds(4), Path.of("out"), LanguageScope.defaults(), "SIGINT", true);

        assertThat(report).contains("  edits           0 applied, 0 stale dropped (not newer than the version passed), "
                + "0 withheld as deleted; 1 ticket post edited").doesNotContain("in tickets");
    }

    @Test
    void oneOfWhatARecordHoldsIsSingular() {
        String report = new RunSummary(Map.of(Counters.RECORDS_READ, 4L, Counters.POSTS_VALID, 1L, Counters.POSTS_EDITED, 1L,
                Counters.POSTS_DELETED, 1L, Counters.RECORDS_SKIPPED, 1L))
                .finalReport(Duration.ofSeconds(4), null, LanguageScope.defaults());

        assertThat(report).contains("  records read    4 holding 4 items: 1 post + 1 edit + 1 deletion + 1 event that is "
                + "not a post + 0 rejected (dead letters)");
    }

    @Test
    void aRestartAfterAFailureIsToldWhereItsCountsFallBack() {
        // run w1: 3 dead letters in the failed attempt, none after Flink restarted the job from its savepoint
        RunSummary summary = new RunSummary(Map.of(Counters.RESTARTS, 1L, Counters.RECORDS_READ, 400L,
                Counters.POSTS_VALID, 400L, Counters.POSTS_ENRICHED, 365L));

        assertThat(summary.progressLine(Duration.ofSeconds(106))).isEqualTo("[ 106s] read 400 records · 0 dead letters · "
                + "365 posts enriched · 0 window stats · 0 alerts · 0 tickets · restarted after a failure (once): counts "
                + "since the checkpoint it resumed from");
        assertThat(summary.finalReport(Duration.ofSeconds(126), null, LanguageScope.defaults()).lines().toList())
                .containsSequence("Earshot finished in 126.0 s: 400 records, 3.2 records/s",
                        "  Flink restarted the job after a failure (once, recovery.attempts): the counts are since the "
                                + "checkpoint it resumed from; the files also hold what was committed before it");
        assertThat(new RunSummary(Map.of(Counters.RESTARTS, 0L)).progressLine(Duration.ofSeconds(1))).doesNotContain("restart");
    }

    @Test
    void theSummaryNamesTheCauseOfEachRestart() {
        RunSummary summary = new RunSummary(Map.of(Counters.RESTARTS, 2L, Counters.RECORDS_READ, 0L), List.of(
                "restart 1 of 3 after: Sink: alerts (1/2): IOException: Elasticsearch refused the bulk request",
                "restart 1 of 3 after: enrich (2/2): OutOfMemoryError: Java heap space"), 1, null);

        assertThat(summary.finalReport(Duration.ofSeconds(60), null, LanguageScope.defaults()).lines().toList())
                .containsSequence("  Flink restarted the job after a failure (2 times, recovery.attempts): the counts are "
                                + "since the checkpoint it resumed from; the files also hold what was committed before it",
                        "    restart 1 of 3 after: Sink: alerts (1/2): IOException: Elasticsearch refused the bulk request",
                        "    restart 1 of 3 after: enrich (2/2): OutOfMemoryError: Java heap space",
                        "  records read    0 holding 0 items: 0 posts + 0 edits + 0 deletions + 0 events that are not "
                                + "posts + 0 rejected (dead letters)");
    }

    @Test
    void oneIncidentIsSingular() {
        String report = new RunSummary(Map.of(Counters.alertsOpened(AlertKind.VOLUME_SURGE), 1L))
                .finalReport(Duration.ofSeconds(4), null, LanguageScope.defaults());

        assertThat(report).contains("  alerts          1 incident: NEGATIVE_SPIKE 0 · PEER_OUTLIER 0 · VOLUME_SURGE 1");
    }

    /**
     * After a restart the counters hold only what the attempt since did; the deliveries come from the files that
     * recorded them, and the counters still tell what is under way.
     */
    @Test
    void afterARestartTheDeliveriesOfTheWholeRunAreSaidWithWhatIsStillUnderWay() {
        Map<String, Object> sinceTheRestart = Map.of(Counters.RESTARTS, 1L, Counters.HELPDESK_VERSIONS, 4L,
                Counters.HELPDESK_DELIVERED, 2L, Counters.HELPDESK_DEAD_LETTERS, 1L, Counters.alertMessages("ops-hook"), 1L,
                Counters.alertMessagesDelivered("ops-hook"), 1L, Counters.alertDeadLetters("ops-hook"), 0L);
        Map<String, DeliveryTally.Counts> wholeRun = Map.of(DeliveryTally.HELPDESK, new DeliveryTally.Counts(9, 1),
                DeliveryTally.channel("ops-hook"), new DeliveryTally.Counts(3, 0));

        RunSummary summary = new RunSummary(sinceTheRestart, List.of(), 1, wholeRun);

        assertThat(summary.finalReport(Duration.ofSeconds(3), Path.of("output"), LanguageScope.defaults()).lines().toList())
                .contains("  Flink restarted the job after a failure (once, recovery.attempts): the counts are since the "
                        + "checkpoint it resumed from; the files also hold what was committed before it (the deliveries "
                        + "count the whole run, from the files that record them)")
                .endsWith("  helpdesk        9 of 11 ticket versions delivered, 1 dead letter, 1 still being delivered when "
                                + "counted  -> output/helpdesk-dead-letters.jsonl",
                        "  alert channels  ops-hook 3 of 3 messages delivered");
        assertThat(summary.progressLine(Duration.ofSeconds(5))).isEqualTo("[   5s] read 0 records · 0 dead letters · 0 posts "
                + "enriched · 0 window stats · 0 alerts · 0 tickets · 12 delivered, 1 dead-lettered · restarted after a "
                + "failure (once): counts since the checkpoint it resumed from");
        assertThat(new RunSummary(sinceTheRestart).progressLine(Duration.ofSeconds(5))).as("without the files: the counters")
                .contains(" · 3 delivered, 1 dead-lettered");
    }

    /** A replay sent again what was delivered after its checkpoint: the channel shows it twice, and the summary says so. */
    @Test
    void theMessagesAReplaySentAgainAreSaidWithWhatStartedTheReplay() {
        Map<String, Object> counters = Map.of(Counters.alertMessages("ops-slack"), 4L, Counters.alertMessagesDelivered("ops-slack"), 4L);
        Map<String, DeliveryTally.Counts> delivered = Map.of(DeliveryTally.channel("ops-slack"), new DeliveryTally.Counts(4, 0, 1));

        assertThat(new RunSummary(counters, List.of(), 1, delivered).finalReport(Duration.ofSeconds(3), Path.of("output"),
                LanguageScope.defaults(), null, true)).endsWith("  alert channels  ops-slack 4 of 4 messages delivered, 1 sent "
                + "again after the resume");
        Map<String, Object> restartedTwice = new HashMap<>(counters);
        restartedTwice.put(Counters.RESTARTS, 2L);
        assertThat(new RunSummary(restartedTwice, List.of(), 1, delivered).deliveryLines(Path.of("output"), false))
                .endsWith("ops-slack 4 of 4 messages delivered, 1 sent again after the restarts");
    }

    @Test
    void aResumedRunSaysItsCountsStartAtTheResumeWhileItsFilesDoNot() {
        RunSummary summary = new RunSummary(Map.of(Counters.RECORDS_READ, 2L, Counters.POSTS_VALID, 2L));

        assertThat(summary.finalReport(Duration.ofSeconds(4), Path.of("out"), LanguageScope.defaults(), "SIGINT", true)
                .lines().toList()).containsSequence("Earshot stopped in 4.0 s: 2 records, 0.5 records/s",
                "  counts since the resume; the files also hold what earlier runs wrote");
        assertThat(summary.finalReport(Duration.ofSeconds(4), Path.of("out"), LanguageScope.defaults(), "SIGINT", false))
                .doesNotContain("since the resume");
    }

    @Test
    void theProgressLineCountsInTheSingularToo() {
        String progress = new RunSummary(Map.of(Counters.RECORDS_READ, 1_301L, Counters.DEAD_LETTERS, 1L,
                Counters.POSTS_ENRICHED, 1_204L, Counters.WINDOW_STATS, 1L, Counters.TICKETS_OPENED, 2L))
                .progressLine(Duration.ofSeconds(4));

        assertThat(progress).isEqualTo("[   4s] read 1,301 records · 1 dead letter · 1,204 posts enriched · 1 window stat"
                + " · 0 alerts · 2 tickets");
    }

    @Test
    void theHintRoundsUpToAUnitAPersonWouldWrite() {
        assertThat(RunSummary.roundedUp(Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(RunSummary.roundedUp(Duration.ofMinutes(59).plusSeconds(1))).isEqualTo(Duration.ofHours(1));
        assertThat(RunSummary.roundedUp(Duration.ofMinutes(61))).isEqualTo(Duration.ofHours(2));
        assertThat(RunSummary.roundedUp(Duration.ofHours(24))).isEqualTo(Duration.ofDays(1));
        assertThat(RunSummary.roundedUp(Duration.ofHours(25))).isEqualTo(Duration.ofDays(2));
    }
}
