package dev.earshot.connectors.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.connectors.LocalPorts;
import dev.earshot.connectors.LoggedEvents;
import dev.earshot.model.RawRecord;
import java.net.URI;
import java.time.Duration;
import java.util.stream.LongStream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Jetstream feed against a local Jetstream that speaks WebSocket and sends Jetstream's event JSON. */
class JetstreamFeedTest {

    private static final long T0 = 1_795_000_000_000_000L;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100));

    private FakeJetstream jetstream;

    @BeforeEach
    void start() throws InterruptedException {
        jetstream = new FakeJetstream();
    }

    @AfterEach
    void stop() throws InterruptedException {
        jetstream.close();
    }

    private JetstreamFeed feed() {
        return new JetstreamFeed(BlueskyOptions.defaults().withEndpoint(jetstream.endpoint()).withReconnect(FAST));
    }

    @Test
    void passesPostCreatesDeletesAndEditsOnAsTheyCameSkipsIdentityAndAccountEventsAndPassesMalformedMessagesOn() throws Exception {
        jetstream.publish(FakeJetstream.postCreate(T0 + 1, "river rising at the bridge"));
        jetstream.publish(FakeJetstream.identity(T0 + 2));
        jetstream.publish(FakeJetstream.account(T0 + 3));
        jetstream.publish("{\"kind\":\"commit\",\"commit\":{\"operation\":\"create\"");
        jetstream.publish(FakeJetstream.postDelete(T0 + 5));
        jetstream.publish(FakeJetstream.postUpdate(T0 + 6, T0 + 1, "river over the bridge now"));
        try (Following following = new Following(feed(), null)) {
            following.awaitRecords(records -> records.size() == 4, WAIT);
            Thread.sleep(100); // the identity and account events must not show up late either

            assertThat(following.records()).extracting(RawRecord::value).containsExactly(
                    FakeJetstream.postCreate(T0 + 1, "river rising at the bridge"),
                    "{\"kind\":\"commit\",\"commit\":{\"operation\":\"create\"",
                    FakeJetstream.postDelete(T0 + 5),
                    FakeJetstream.postUpdate(T0 + 6, T0 + 1, "river over the bridge now"));
            assertThat(following.records()).extracting(RawRecord::origin).containsExactly(
                    "bluesky-jetstream cursor=" + (T0 + 1),
                    "bluesky-jetstream after cursor=" + (T0 + 3) + " (not a Jetstream event)",
                    "bluesky-jetstream cursor=" + (T0 + 5),
                    "bluesky-jetstream cursor=" + (T0 + 6));
            assertThat(following.cursor()).isEqualTo(Long.toString(T0 + 6));
            assertThat(jetstream.requests).containsExactly("/subscribe?wantedCollections=app.bsky.feed.post");
        }
    }

    @Test
    void aDroppedConnectionResumesFromTheCursorWithNothingLostAndNothingRepeated() throws Exception {
        LongStream.rangeClosed(1, 10).forEach(i -> jetstream.publish(FakeJetstream.postCreate(T0 + i, "post " + i)));
        jetstream.dropNextConnectionAfter(4);
        try (Following following = new Following(feed(), null)) {
            following.awaitRecords(records -> records.size() == 10, WAIT);
            jetstream.publish(FakeJetstream.postCreate(T0 + 11, "after the reconnect"));
            following.awaitRecords(records -> records.size() == 11, WAIT);

            assertThat(following.records()).extracting(RawRecord::origin)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 11).mapToObj(i -> "bluesky-jetstream cursor=" + (T0 + i)).toList());
            assertThat(jetstream.requests).containsExactly("/subscribe?wantedCollections=app.bsky.feed.post",
                    "/subscribe?wantedCollections=app.bsky.feed.post&cursor=" + (T0 + 4));
        }
    }

    @Test
    void aRestoredCursorReplaysOnlyWhatCameAfterIt() throws Exception {
        LongStream.rangeClosed(1, 6).forEach(i -> jetstream.publish(FakeJetstream.postCreate(T0 + i, "post " + i)));
        try (Following following = new Following(feed(), Long.toString(T0 + 4))) {
            following.awaitRecords(records -> records.size() == 2, WAIT);
            Thread.sleep(100);

            assertThat(following.records()).extracting(RawRecord::origin)
                    .containsExactly("bluesky-jetstream cursor=" + (T0 + 5), "bluesky-jetstream cursor=" + (T0 + 6));
            assertThat(jetstream.requests).containsExactly("/subscribe?wantedCollections=app.bsky.feed.post&cursor=" + (T0 + 4));
        }
    }

    @Test
    void aWrongEndpointStopsTheFeedWithAMessageNamingTheKey() throws Exception {
        BlueskyOptions wrong = BlueskyOptions.defaults().withReconnect(FAST)
                .withEndpoint(jetstream.endpoint().resolve("/firehose"));
        try (Following following = new Following(new JetstreamFeed(wrong), null)) {
            Throwable failure = following.awaitFailure(WAIT);

            assertThat(failure).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HTTP 404").hasMessageContaining("input.bluesky.endpoint");
            assertThat(jetstream.requests).hasSize(1);
        }
    }

    @Test
    void aRefusedConnectionIsLoggedWithTheHostAndWhy() throws Exception {
        int closed = LocalPorts.free();
        JetstreamFeed nowhere = new JetstreamFeed(BlueskyOptions.defaults()
                .withEndpoint(URI.create("ws://localhost:" + closed + "/subscribe")).withReconnect(FAST));
        try (LoggedEvents logged = new LoggedEvents(Reconnecting.class, Level.WARN); Following following = new Following(nowhere, null)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (logged.events().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            assertThat(logged.messages()).first().asString()
                    .startsWith("bluesky-jetstream localhost: connection refused by localhost:" + closed + " (ConnectException")
                    .contains("; reconnecting in ");
        }
    }
}
