package dev.earshot.respond.helpdesk;

import static dev.earshot.respond.helpdesk.HelpdeskRequestsTest.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.HandoffTicket;
import dev.earshot.model.SentimentLabel;
import dev.earshot.model.TicketPost;
import dev.earshot.model.TicketPriority;
import dev.earshot.model.TicketStatus;
import dev.earshot.respond.helpdesk.ReplayReopening.StatusSet;
import dev.earshot.respond.helpdesk.ReplayReopening.Verdict;
import dev.earshot.respond.helpdesk.ReplayReopening.Written;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A restored writer's read-back found the replayed posts delivered already: the ticket goes back to open only if the
 * agents finished it before Earshot's comment or note holding them was added.
 */
class ReplayReopeningTest {

    private static final TicketPost FIRST = new TicketPost("mastodon:1", Instant.parse("2026-03-03T16:00:00Z"),
            "day one without tap water", "https://mastodon.example/@a/1", -0.8, SentimentLabel.NEGATIVE);
    private static final TicketPost SECOND = new TicketPost("mastodon:2", Instant.parse("2026-03-03T16:45:00Z"),
            "day two without tap water", "https://mastodon.example/@a/2", -0.96, SentimentLabel.NEGATIVE);
    private static final HandoffTicket TWO = ticket(TicketStatus.UPDATED, TicketPriority.HIGH, FIRST, SECOND);

    private static final Instant RESOLVED = Instant.parse("2026-03-03T17:00:00Z");
    private static final Instant NOTE_ADDED = Instant.parse("2026-03-03T17:05:00Z");
    private static final Instant RESOLVED_AFTER_READING = Instant.parse("2026-03-03T17:30:00Z");

    @Test
    void resolvedBeforeTheNoteHoldingThePostsReopens() {
        assertThat(ReplayReopening.verdict(true, RESOLVED, NOTE_ADDED)).isEqualTo(Verdict.REOPEN);
        assertThat(ReplayReopening.freshdesk(4, null, RESOLVED, null, NOTE_ADDED)).isEqualTo(Verdict.REOPEN);
        assertThat(ReplayReopening.freshdesk(3, RESOLVED, null, null, NOTE_ADDED)).as("pending since").isEqualTo(Verdict.REOPEN);
        assertThat(ReplayReopening.freshdesk(5, null, RESOLVED.minusSeconds(600), RESOLVED, NOTE_ADDED)).as("closed")
                .isEqualTo(Verdict.REOPEN);
        assertThat(ReplayReopening.zendesk(List.of(new StatusSet("new", RESOLVED.minusSeconds(3600)),
                new StatusSet("solved", RESOLVED)), NOTE_ADDED)).isEqualTo(Verdict.REOPEN);
    }

    @Test
    void resolvedAfterTheNoteIsLeftAsItIs() {
        assertThat(ReplayReopening.verdict(true, RESOLVED_AFTER_READING, NOTE_ADDED)).isEqualTo(Verdict.FINISHED_AFTER_THE_POSTS);
        assertThat(ReplayReopening.verdict(true, NOTE_ADDED, NOTE_ADDED)).as("the same second: an agent may have read them")
                .isEqualTo(Verdict.FINISHED_AFTER_THE_POSTS);
        assertThat(ReplayReopening.freshdesk(4, null, RESOLVED_AFTER_READING, null, NOTE_ADDED))
                .isEqualTo(Verdict.FINISHED_AFTER_THE_POSTS);
        assertThat(ReplayReopening.freshdesk(5, null, RESOLVED, RESOLVED_AFTER_READING, NOTE_ADDED))
                .as("resolved before, but closed after the note: the time of the status it has counts")
                .isEqualTo(Verdict.FINISHED_AFTER_THE_POSTS);
        assertThat(ReplayReopening.zendesk(List.of(new StatusSet("solved", RESOLVED), new StatusSet("open", NOTE_ADDED),
                new StatusSet("solved", RESOLVED_AFTER_READING)), NOTE_ADDED)).isEqualTo(Verdict.FINISHED_AFTER_THE_POSTS);
    }

    @Test
    void withoutAStatusChangeTimeTheTicketIsLeftAndTheVerdictSaysSo() {
        assertThat(ReplayReopening.verdict(true, null, NOTE_ADDED)).isEqualTo(Verdict.NO_STATUS_CHANGE_TIME);
        assertThat(ReplayReopening.freshdesk(4, null, null, null, NOTE_ADDED)).as("stats without resolved_at")
                .isEqualTo(Verdict.NO_STATUS_CHANGE_TIME);
        assertThat(ReplayReopening.zendesk(List.of(), NOTE_ADDED)).as("no status event in the audits")
                .isEqualTo(Verdict.NO_STATUS_CHANGE_TIME);
        assertThat(ReplayReopening.verdict(true, RESOLVED, null)).as("a note without its time")
                .isEqualTo(Verdict.NO_STATUS_CHANGE_TIME);
    }

    @Test
    void aStatusThatNewPostsDoNotReopenIsLeft() {
        assertThat(ReplayReopening.freshdesk(2, null, RESOLVED, null, NOTE_ADDED)).isEqualTo(Verdict.NOT_FINISHED);
        assertThat(ReplayReopening.freshdesk(6, null, null, null, NOTE_ADDED)).as("a custom status").isEqualTo(Verdict.NOT_FINISHED);
        assertThat(ReplayReopening.zendesk(List.of(new StatusSet("solved", RESOLVED), new StatusSet("hold", RESOLVED)), NOTE_ADDED))
                .isEqualTo(Verdict.NOT_FINISHED);
        assertThat(ReplayReopening.zendesk(List.of(new StatusSet("closed", RESOLVED)), NOTE_ADDED))
                .as("closed takes no update; a follow-up takes later posts").isEqualTo(Verdict.NOT_FINISHED);
    }

    @Test
    void thePostsWereAddedWhenTheLastTextMarkingAnyOfThemWas() {
        List<Written> written = List.of(
                new Written(TicketText.body(TWO, List.of(FIRST), true), RESOLVED.minusSeconds(3600)),
                new Written(TicketText.body(TWO, List.of(SECOND), false), NOTE_ADDED),
                new Written("An agent's note, after", RESOLVED_AFTER_READING),
                new Written(TicketText.body(TWO, List.of(SECOND), false), null));

        assertThat(ReplayReopening.lastHolding(written, List.of(SECOND.id()))).isEqualTo(NOTE_ADDED);
        assertThat(ReplayReopening.lastHolding(written, List.of(FIRST.id(), SECOND.id()))).isEqualTo(NOTE_ADDED);
        assertThat(ReplayReopening.lastHolding(written, List.of("mastodon:9"))).isNull();
    }

    @Test
    void helpdeskTimesAreReadWithOrWithoutAnOffset() {
        assertThat(ReplayReopening.time("2026-03-04T05:12:01Z")).isEqualTo(Instant.parse("2026-03-04T05:12:01Z"));
        assertThat(ReplayReopening.time("2014-07-28T16:20:03+05:30")).isEqualTo(Instant.parse("2014-07-28T10:50:03Z"));
        assertThat(ReplayReopening.time(null)).isNull();
        assertThat(ReplayReopening.time("null")).isNull();
        assertThat(ReplayReopening.time("yesterday")).isNull();
    }
}
