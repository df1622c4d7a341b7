package dev.earshot.connectors.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.connectors.Secrets;
import dev.earshot.model.RawRecord;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Mastodon feed against a local server that streams server-sent events and serves the REST timeline. */
class MastodonFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100));
    private static final Secrets TOKEN = name -> name.equals(MastodonOptions.TOKEN_ENV) ? FakeMastodon.TOKEN : null;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeMastodon mastodon;

    @BeforeEach
    void start() throws Exception {
        mastodon = new FakeMastodon();
    }

    @AfterEach
    void stop() {
        mastodon.close();
    }

    private MastodonFeed feed(Secrets secrets) {
        return new MastodonFeed(MastodonOptions.publicTimeline(mastodon.instance()).withReconnect(FAST), secrets);
    }

    private static String id(int n) {
        return "1135" + String.format("%014d", n);
    }

    @Test
    void passesEventsOnThroughHeartbeatsAndAfterADropBackfillsWhatItMissedOnceEach() throws Exception {
        for (int n = 3; n <= 7; n++) {
            mastodon.post(FakeMastodon.status(id(n), "posted while the stream was down " + n));
        }
        mastodon.script(":)\n\n", FakeMastodon.sse("update", FakeMastodon.status(id(1), "flood warning")),
                ":thump\n\n", FakeMastodon.sse("update", FakeMastodon.status(id(2), "road closed")),
                FakeMastodon.sse("delete", id(1)),
                FakeMastodon.sse("status.update", FakeMastodon.status(id(2), "road closed (edited)")),
                FakeMastodon.sse("update", "{\"id\":\"broken"),
                FakeMastodon.sse("notification", "{\"id\":\"77\",\"type\":\"mention\"}"),
                FakeMastodon.DROP);
        mastodon.refuseNextTimelineRequest(429);
        mastodon.script(FakeMastodon.sse("update", FakeMastodon.status(id(2), "never read: the backfill was refused")));
        mastodon.script(FakeMastodon.sse("update", FakeMastodon.status(id(6), "in the backfill too")), FakeMastodon.PAUSE,
                FakeMastodon.sse("update", FakeMastodon.status(id(9), "after the reconnect")));

        try (Following following = new Following(feed(TOKEN), null)) {
            following.awaitRecords(records -> records.size() == 11, WAIT);
            Thread.sleep(200);

            List<RawRecord> records = following.records();
            assertThat(records).extracting(RawRecord::origin).containsExactly(
                    "mastodon 127.0.0.1 status " + id(1), "mastodon 127.0.0.1 status " + id(2),
                    "mastodon 127.0.0.1 delete " + id(1), "mastodon 127.0.0.1 edit " + id(2),
                    "mastodon 127.0.0.1 update (not a status)",
                    "mastodon 127.0.0.1 status " + id(3), "mastodon 127.0.0.1 status " + id(4),
                    "mastodon 127.0.0.1 status " + id(5), "mastodon 127.0.0.1 status " + id(6),
                    "mastodon 127.0.0.1 status " + id(7), "mastodon 127.0.0.1 status " + id(9));
            JsonNode first = JSON.readTree(records.get(0).value());
            assertThat(first.path("stream").toString()).isEqualTo("[\"public\"]");
            assertThat(first.path("event").asText()).isEqualTo("update");
            assertThat(JSON.readTree(first.path("payload").asText()).path("content").asText()).isEqualTo("<p>flood warning</p>");
            assertThat(JSON.readTree(records.get(2).value()).path("payload").asText()).isEqualTo(id(1));
            assertThat(JSON.readTree(records.get(4).value()).path("payload").asText()).isEqualTo("{\"id\":\"broken");
            assertThat(JSON.readTree(records.get(5).value()).path("id").asText()).as("a backfilled status entity").isEqualTo(id(3));
            assertThat(following.cursor()).isEqualTo(id(9));
            assertThat(mastodon.requests).containsExactly(
                    "/api/v1/streaming/public",
                    "/api/v1/streaming/public", "/api/v1/timelines/public?min_id=" + id(2) + "&limit=40",
                    "/api/v1/streaming/public", "/api/v1/timelines/public?min_id=" + id(2) + "&limit=40",
                    "/api/v1/timelines/public?limit=40&min_id=" + id(5), "/api/v1/timelines/public?limit=40&min_id=" + id(7));
        }
    }

    @Test
    void aRestoredCursorIsBackfilledFromBeforeTheStreamIsRead() throws Exception {
        for (int n = 1; n <= 4; n++) {
            mastodon.post(FakeMastodon.status(id(n), "status " + n));
        }
        mastodon.script(FakeMastodon.sse("update", FakeMastodon.status(id(4), "also in the backfill")), FakeMastodon.PAUSE,
                FakeMastodon.sse("update", FakeMastodon.status(id(5), "new")));
        try (Following following = new Following(feed(TOKEN), id(2))) {
            following.awaitRecords(records -> records.size() == 3, WAIT);
            Thread.sleep(200);

            assertThat(following.records()).extracting(RawRecord::origin).containsExactly(
                    "mastodon 127.0.0.1 status " + id(3), "mastodon 127.0.0.1 status " + id(4), "mastodon 127.0.0.1 status " + id(5));
        }
    }

    @Test
    void aRefusedTokenStopsTheFeedWithAMessageNamingTheKey() throws Exception {
        try (Following following = new Following(feed(name -> "an-expired-token"), null)) {
            assertThat(following.awaitFailure(WAIT)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HTTP 401").hasMessageContaining("input.mastodon.tokenEnv")
                    .hasMessageNotContaining("an-expired-token");
        }
        try (Following following = new Following(feed(name -> null), null)) {
            assertThat(following.awaitFailure(WAIT)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("environment variable EARSHOT_MASTODON_TOKEN (input.mastodon.tokenEnv) is not set");
        }
    }

    @Test
    void hashtagAndListTimelinesUseTheirStreamingAndRestPaths() {
        MastodonOptions tag = MastodonOptions.publicTimeline(URI.create("https://mastodon.social/"))
                .withTimeline(MastodonOptions.Timeline.HASHTAG, "hochwasser", null);
        assertThat(tag.streamUri()).hasToString("https://mastodon.social/api/v1/streaming/hashtag?tag=hochwasser");
        assertThat(tag.timelineUri("42")).hasToString("https://mastodon.social/api/v1/timelines/tag/hochwasser?min_id=42&limit=40");
        MastodonOptions list = tag.withTimeline(MastodonOptions.Timeline.LIST, null, "13");
        assertThat(list.streamUri()).hasToString("https://mastodon.social/api/v1/streaming/list?list=13");
        assertThat(list.timelineUri("42")).hasToString("https://mastodon.social/api/v1/timelines/list/13?min_id=42&limit=40");
        assertThatThrownBy(() -> tag.withTimeline(MastodonOptions.Timeline.HASHTAG, "#hochwasser", null))
                .hasMessageStartingWith("input.mastodon.tag must be a hashtag without '#'");
        assertThatThrownBy(() -> MastodonOptions.publicTimeline(URI.create("mastodon.social")))
                .hasMessageStartingWith("input.mastodon.instance must be the server's https:// URL");
    }

    @Test
    void aRateLimitSaysHowLongToWaitInEitherHeader() {
        Instant now = Instant.parse("2026-11-24T21:40:00Z");
        assertThat(Reconnecting.retryAfter(headers(Map.of("Retry-After", "7")), now)).contains(Duration.ofSeconds(7));
        assertThat(Reconnecting.retryAfter(headers(Map.of("Retry-After", "Tue, 24 Nov 2026 21:41:00 GMT")), now))
                .contains(Duration.ofMinutes(1));
        assertThat(Reconnecting.retryAfter(headers(Map.of("X-RateLimit-Reset", "2026-11-24T21:45:00.000Z")), now))
                .contains(Duration.ofMinutes(5));
        assertThat(Reconnecting.retryAfter(headers(Map.of()), now)).isEmpty();
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                entry -> List.of(entry.getValue()))), (name, value) -> true);
    }
}
