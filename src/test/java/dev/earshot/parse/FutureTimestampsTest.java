package dev.earshot.parse;

import static dev.earshot.parse.PlatformFormatsTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A post dated implausibly far after it was read is a dead letter, so that its wrong clock cannot move event time. */
class FutureTimestampsTest {

    /** The parser's clock, fixed: the parse stage passes the wall clock when it reads each record. */
    private static final Instant READ_AT = Instant.parse("2026-11-25T12:00:00Z");

    private final PostParser parser = new PostParser(ParseParams.defaults());

    static String canonical(String createdAt) {
        return "{\"id\":\"x:1\",\"source\":\"x\",\"createdAt\":\"" + createdAt + "\",\"text\":\"Parking full again\","
                + "\"author\":{\"id\":\"a\"}}";
    }

    private ParseResult parsed(String raw) {
        List<ParseResult> results = parser.parse(raw, READ_AT);
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void aPostDatedYearsAheadIsADeadLetterNamingTheFieldTheLimitAndTheFix() {
        String raw = canonical("2099-01-01T00:00:00Z");

        assertThat(parsed(raw)).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> {
            assertThat(invalid.raw()).isEqualTo(raw);
            assertThat(invalid.reason()).isEqualTo("createdAt 2099-01-01T00:00:00Z is 26,334 days after the time it was"
                    + " read (2026-11-25T12:00:00Z), more than the limit of 15m (parse.maxFutureSkew): fix the clock that"
                    + " dated the post, or raise the limit");
        });
    }

    @Test
    void clockSkewUpToTheLimitIsAccepted() {
        assertThat(parsed(canonical("2026-11-25T12:15:00Z"))).as("exactly the limit ahead").isInstanceOf(ParseResult.Valid.class);
        assertThat(parsed(canonical("2026-11-25T12:15:01Z"))).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid ->
                assertThat(invalid.reason()).startsWith("createdAt 2026-11-25T12:15:01Z is 15m 1s after the time it was read"));
        PostParser lenient = new PostParser(new ParseParams(10_000, ParseParams.AUTO, null, Duration.ofHours(6)));
        assertThat(lenient.parse(canonical("2026-11-25T17:30:00Z"), READ_AT)).singleElement()
                .as("5h 30m ahead, as a clock set to India's time but labelled UTC").isInstanceOf(ParseResult.Valid.class);
        assertThat(parsed(canonical("2026-11-25T17:30:00Z"))).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid ->
                assertThat(invalid.reason()).contains("is 5h 30m after"));
    }

    @Test
    void oldPostsAreNotThisStagesConcern() {
        // A replayed file is dated in the past; a post from 1970 is only late, which the windows' stage reports.
        assertThat(parsed(canonical("2015-02-24T11:35:52Z"))).isInstanceOf(ParseResult.Valid.class);
        assertThat(parsed(canonical("1970-01-01T00:00:00Z"))).isInstanceOf(ParseResult.Valid.class);
    }

    @Test
    void anEditDatedAheadIsRefusedToo() {
        // Deduplication keeps the newest edit by editedAt: one dated 2099 would make every real later edit look stale.
        String event = fixture("mastodon-status-update-event.txt").replace("2026-03-04T10:42:07.512Z", "2099-03-04T10:42:07.512Z");

        assertThat(parsed(event)).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid ->
                assertThat(invalid.reason()).startsWith("mastodon: editedAt 2099-03-04T10:42:07.512Z is 26,396 days after"));
        assertThat(parsed(fixture("mastodon-status-update-event.txt"))).isInstanceOf(ParseResult.Edited.class);
    }

    @Test
    void aBlueskyPostMayNotBeDatedAfterJetstreamReceivedIt() {
        // Jetstream's time_us is 2026-03-04T06:40:00Z; the author's app wrote createdAt. A replay of an old dump is
        // read months later, so only time_us shows that a post dated 2026-03-06 was dated ahead.
        String create = fixture("bluesky-jetstream-create.json");
        String datedAhead = create.replace("2026-03-04T05:00:00.000Z", "2026-03-06T05:00:00.000Z");

        assertThat(parsed(create)).isInstanceOf(ParseResult.Valid.class);
        assertThat(parsed(datedAhead)).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid ->
                assertThat(invalid.reason()).isEqualTo("bluesky-jetstream: createdAt 2026-03-06T05:00:00Z is 1d 22h 20m"
                        + " after its network received it (2026-03-04T06:40:00Z), more than the limit of 15m"
                        + " (parse.maxFutureSkew): fix the clock that dated the post, or raise the limit"));
        assertThat(parser.parse(datedAhead)).as("without a read time, time_us still bounds it").singleElement()
                .isInstanceOf(ParseResult.Invalid.class);
    }

    @Test
    void theLimitMustBePositive() {
        assertThatThrownBy(() -> new ParseParams(10_000, ParseParams.AUTO, null, Duration.ZERO))
                .hasMessageStartingWith("parse.maxFutureSkew must be a positive duration such as 15m, was 0s")
                .hasMessageContaining("3650d");
        assertThatThrownBy(() -> new ParseParams(10_000, ParseParams.AUTO, null, Duration.ofMinutes(-5)))
                .hasMessageStartingWith("parse.maxFutureSkew must be a positive duration such as 15m, was -5m");
        assertThat(ParseParams.defaults().maxFutureSkew()).isEqualTo(Duration.ofMinutes(15));
        assertThat(ParseParams.defaults().withCsv(CsvColumns.airline()).maxFutureSkew()).isEqualTo(Duration.ofMinutes(15));
    }
}
