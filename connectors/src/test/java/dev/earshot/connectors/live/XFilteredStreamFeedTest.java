package dev.earshot.connectors.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.connectors.Secrets;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.Post;
import dev.earshot.model.RawRecord;
import dev.earshot.parse.ParseParams;
import dev.earshot.parse.ParseResult;
import dev.earshot.parse.PostParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** X's filtered stream against a local server that streams the real payload format, keep-alives, errors and refusals. */
class XFilteredStreamFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100));
    private static final Secrets TOKEN = name -> name.equals(XOptions.TOKEN_ENV) ? FakeX.TOKEN : null;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPERATIONAL_DISCONNECT = "{\"errors\":[{\"title\":\"operational-disconnect\","
            + "\"disconnect_type\":\"UpstreamOperationalDisconnect\",\"detail\":\"This stream has been disconnected upstream"
            + " for operational reasons.\",\"type\":\"https://api.x.com/2/problems/operational-disconnect\"}]}";
    private static final String STREAM_PATH = "/2/tweets/search/stream?tweet.fields=created_at,lang,author_id,"
            + "conversation_id,in_reply_to_user_id,referenced_tweets,geo,entities,public_metrics,edit_history_tweet_ids,"
            + "note_tweet&expansions=author_id,in_reply_to_user_id,geo.place_id,referenced_tweets.id"
            + "&user.fields=username,name,location,public_metrics&place.fields=full_name,country_code,geo,name,place_type";

    private FakeX x;
    /** The stream lines of the fixture (real X payloads), posted in the last minute, newest last. */
    private List<String> lines;
    private Instant newestPost;

    @BeforeEach
    void start() throws Exception {
        x = new FakeX();
        List<String> fixture;
        try (InputStream in = getClass().getResourceAsStream("/x/filtered-stream-posts.jsonl")) {
            fixture = new java.util.ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
        java.util.Collections.reverse(fixture); // a search answers newest first, a stream sends oldest first
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        newestPost = now.minusSeconds(20);
        lines = new java.util.ArrayList<>();
        for (int i = 0; i < fixture.size(); i++) {
            lines.add(postedAt(fixture.get(i), newestPost.minusSeconds(10L * (fixture.size() - 1 - i))));
        }
    }

    @AfterEach
    void stop() {
        x.close();
    }

    private static String postedAt(String line, Instant time) throws IOException {
        ObjectNode tree = (ObjectNode) JSON.readTree(line);
        ((ObjectNode) tree.get("data")).put("created_at", time.toString());
        return tree.toString();
    }

    private XFilteredStreamFeed feed(XOptions options, Secrets secrets) {
        return new XFilteredStreamFeed(options.withBase(x.base()).withReconnect(FAST), secrets);
    }

    @Test
    void passesPostsOnThroughKeepAlivesAndAfterADropAndA429ReconnectsWithBackfillOfTheGap() throws Exception {
        String malformed = "{\"data\":{\"id\":\"1276035977375477760\",\"text\":\"cut off";
        x.script(FakeX.KEEP_ALIVE, lines.get(0), FakeX.KEEP_ALIVE, FakeX.KEEP_ALIVE, lines.get(1), OPERATIONAL_DISCONNECT,
                malformed, FakeX.DROP);
        long resetEpochSecond = Instant.now().getEpochSecond() + 2;
        x.refuse(429, Map.of("x-rate-limit-limit", "50", "x-rate-limit-remaining", "0",
                "x-rate-limit-reset", Long.toString(resetEpochSecond)),
                "{\"title\":\"ConnectionException\",\"detail\":\"This stream is currently at the maximum allowed connection"
                        + " limit.\",\"connection_issue\":\"TooManyConnections\",\"type\":\"https://api.x.com/2/problems/streaming-connection\"}");
        x.script(lines.get(2), FakeX.KEEP_ALIVE, lines.get(3));

        try (Following following = new Following(feed(XOptions.defaults().withBackfillMinutes(5), TOKEN), null)) {
            following.awaitRecords(records -> records.size() == 6, WAIT);
            Thread.sleep(200);

            List<RawRecord> records = following.records();
            assertThat(records).extracting(RawRecord::origin).containsExactly(
                    "x-filtered-stream post 1275653067283759104", "x-filtered-stream post 1275763727908798470",
                    "x-filtered-stream error operational-disconnect", "x-filtered-stream line (not JSON)",
                    "x-filtered-stream post 1275882613572583424", "x-filtered-stream post 1276035977375477760");
            assertThat(records.get(0).value()).isEqualTo(lines.get(0));
            assertThat(following.cursor()).isEqualTo(newestPost.toString());

            List<FakeX.Request> requests = x.requests;
            assertThat(requests).extracting(FakeX.Request::pathAndQuery).containsExactly(
                    STREAM_PATH, STREAM_PATH + "&backfill_minutes=1", STREAM_PATH + "&backfill_minutes=1");
            assertThat(requests).extracting(FakeX.Request::authorization).containsOnly("Bearer " + FakeX.TOKEN);
            assertThat(requests.get(2).atMillis()).as("the reconnect waited for x-rate-limit-reset")
                    .isGreaterThanOrEqualTo(resetEpochSecond * 1000);

            List<ParseResult> parsed = records.stream()
                    .flatMap(record -> new PostParser(ParseParams.defaults()).parse(record.value()).stream()).toList();
            assertThat(parsed.get(2)).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> assertThat(invalid.reason())
                    .isEqualTo("twitter-v2: the API sent an error, not a post: operational-disconnect: This stream has been"
                            + " disconnected upstream for operational reasons."));
            assertThat(parsed.get(3)).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> {
                assertThat(invalid.raw()).isEqualTo(malformed);
                assertThat(invalid.reason()).startsWith("not valid JSON");
            });
            Post reply = ((ParseResult.Valid) parsed.get(5)).post();
            assertThat(reply.id()).isEqualTo("twitter:1276035977375477760");
            assertThat(reply.createdAt()).isEqualTo(newestPost);
            assertThat(reply.author().id()).isEqualTo("63046977");
            assertThat(reply.author().handle()).isEqualTo("happycamper");
            assertThat(reply.replyToId()).isEqualTo("twitter:1275653067283759104");
            assertThat(reply.replyToHandle()).isEqualTo("snowman");
            assertThat(reply.conversationId()).isEqualTo("twitter:1273733248749690880");
            assertThat(reply.place()).isEqualTo("Manhattan, NY");
            assertThat(reply.geo()).isEqualTo(new GeoPoint(40.75, -73.99));
            assertThat(reply.mentions()).containsExactly("snowman");
            assertThat(((ParseResult.Valid) parsed.get(1)).post().place()).as("a place without coordinates").isEqualTo("Manhattan, NY");
        }
    }

    @Test
    void aRestoredCursorAsksForTheGapAsBackfillButNoMoreThanConfiguredAndNoneWhenOff() throws Exception {
        x.script(lines.get(3));
        x.script(lines.get(3));
        String restored = Instant.now().minusSeconds(150).toString();
        try (Following following = new Following(feed(XOptions.defaults().withBackfillMinutes(5), TOKEN), restored)) {
            following.awaitRecords(records -> records.size() == 1, WAIT);
        }
        try (Following following = new Following(feed(XOptions.defaults().withBackfillMinutes(2), TOKEN), restored)) {
            following.awaitRecords(records -> records.size() == 1, WAIT);
        }
        try (Following following = new Following(feed(XOptions.defaults(), TOKEN), restored)) {
            awaitRequests(3);
        }
        assertThat(x.requests).extracting(FakeX.Request::pathAndQuery).containsExactly(
                STREAM_PATH + "&backfill_minutes=3", STREAM_PATH + "&backfill_minutes=2", STREAM_PATH);
    }

    @Test
    void aSilentConnectionIsAStallThatIsReopened() throws Exception {
        x.script(lines.get(0), FakeX.SILENCE);
        x.script(lines.get(1));
        XOptions options = XOptions.defaults().withIdleTimeout(Duration.ofMillis(400));
        try (Following following = new Following(feed(options, TOKEN), null)) {
            following.awaitRecords(records -> records.size() == 2, WAIT);
        }
        assertThat(x.requests).hasSize(2);
    }

    @Test
    void aRefusedOrMissingTokenStopsTheFeedNamingTheKeyAndNeverTheToken() throws Exception {
        try (Following following = new Following(feed(XOptions.defaults(), name -> "an-expired-token"), null)) {
            assertThat(following.awaitFailure(WAIT)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HTTP 401").hasMessageContaining("(Unauthorized)")
                    .hasMessageContaining("input.x.tokenEnv").hasMessageNotContaining("an-expired-token");
        }
        try (Following following = new Following(feed(XOptions.defaults(), name -> null), null)) {
            assertThat(following.awaitFailure(WAIT)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("environment variable EARSHOT_X_BEARER_TOKEN (input.x.tokenEnv) is not set");
        }
    }

    @Test
    void backfillCoversTheGapRoundedUpToWholeMinutesWithinTheConfiguredCap() {
        Instant now = Instant.parse("2026-11-24T21:40:00Z");
        assertThat(XFilteredStreamFeed.backfillMinutes(now.minusSeconds(30), now, 5)).isEqualTo(1);
        assertThat(XFilteredStreamFeed.backfillMinutes(now.minusSeconds(61), now, 5)).isEqualTo(2);
        assertThat(XFilteredStreamFeed.backfillMinutes(now.minus(Duration.ofHours(1)), now, 5)).isEqualTo(5);
        assertThat(XFilteredStreamFeed.backfillMinutes(now.minusSeconds(30), now, 0)).isZero();
        assertThat(XFilteredStreamFeed.backfillMinutes(null, now, 5)).isZero();
        assertThat(XFilteredStreamFeed.backfillMinutes(now.plusSeconds(5), now, 5)).as("a clock behind the post's").isEqualTo(1);
    }

    @Test
    void optionsTakeTheDefaultsAndNameTheKeyOfABadValue() {
        XOptions defaults = XOptions.defaults();
        assertThat(defaults.base()).isEqualTo(URI.create("https://api.x.com"));
        assertThat(defaults.tokenEnv()).isEqualTo("EARSHOT_X_BEARER_TOKEN");
        assertThat(defaults.backfillMinutes()).isZero();
        assertThat(defaults.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.reconnect()).isEqualTo(new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(320)));
        assertThat(defaults.streamUri(0)).hasToString("https://api.x.com" + STREAM_PATH);
        assertThatThrownBy(() -> defaults.withBackfillMinutes(6))
                .hasMessageStartingWith("input.x.backfillMinutes must be 0 (no backfill) to 5, the API's maximum, was 6");
        assertThatThrownBy(() -> defaults.withBase(URI.create("api.x.com")))
                .hasMessageStartingWith("input.x.base must be the API's https:// URL");
        assertThatThrownBy(() -> new XOptions(null, "my token", null, null, null))
                .hasMessageStartingWith("input.x.tokenEnv must name an environment variable");
        assertThatThrownBy(() -> defaults.withIdleTimeout(Duration.ZERO)).hasMessageStartingWith("input.x.idleTimeout must be more than 0");
    }

    private void awaitRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (x.requests.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
    }
}
