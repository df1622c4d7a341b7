package dev.earshot.connectors.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.model.RawRecord;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Bluesky's Jetstream over the JDK's WebSocket client. The cursor is the last event's {@code time_us}: a reconnect
 * or a restored job asks Jetstream to replay from it, and drops what it replays up to and including the cursor, so
 * that nothing is lost or repeated. Post commits (creates, edits and deletes) are passed on as their JSON text;
 * identity and account events and other operations only move the cursor. A message that is not a Jetstream event
 * is passed on as is for the parse stage to dead-letter.
 */
public final class JetstreamFeed implements LiveFeed {

    public static final String NAME = "bluesky-jetstream";
    private static final Set<String> OPERATIONS = Set.of("create", "update", "delete");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlueskyOptions options;

    public JetstreamFeed(BlueskyOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void follow(String cursor, Output output) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        long[] last = {cursor == null ? -1 : Long.parseLong(cursor)};
        Reconnecting.forever(NAME, options.endpoint(), options.reconnect(), progress -> connect(client, last, output, progress));
    }

    /** One connection, read until it closes or fails; {@code last[0]} is the cursor, -1 for none yet. */
    private void connect(HttpClient client, long[] last, Output output, Reconnecting.Progress progress)
            throws IOException, InterruptedException {
        LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        WebSocket socket = open(client, subscribeUri(last[0]), new Listener(messages));
        try {
            while (true) {
                Object message = messages.poll(options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (message == null) {
                    throw new IOException("no event for " + options.idleTimeout().toSeconds() + " s (idle timeout)");
                }
                if (message instanceof Closed) {
                    return;
                }
                if (message instanceof Throwable failure) {
                    throw failure instanceof IOException io ? io : new IOException(failure);
                }
                handle((String) message, last, output);
                progress.delivered();
                socket.request(1);
            }
        } finally {
            socket.abort();
        }
    }

    URI subscribeUri(long cursor) {
        String query = options.collections().stream()
                .map(collection -> "wantedCollections=" + URLEncoder.encode(collection, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(options.endpoint() + "?" + query + (cursor >= 0 ? "&cursor=" + cursor : ""));
    }

    private static WebSocket open(HttpClient client, URI uri, Listener listener) throws IOException, InterruptedException {
        try {
            return client.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(uri, listener)
                    .get(CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                Reconnecting.check(refused.getResponse(), NAME + " handshake",
                        "(check input.bluesky.endpoint: it should end in /subscribe)");
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no WebSocket handshake within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private void handle(String text, long[] last, Output output) throws InterruptedException {
        JsonNode event;
        try {
            event = JSON.readTree(text);
        } catch (IOException notJson) {
            event = null;
        }
        JsonNode time = event == null ? null : event.get("time_us");
        if (time == null || !time.canConvertToLong()) {
            String at = last[0] < 0 ? null : Long.toString(last[0]);
            output.emit(new RawRecord(text, NAME + " after cursor=" + at + " (not a Jetstream event)"), at);
            return;
        }
        long timeUs = time.asLong();
        if (timeUs <= last[0]) {
            return; // replayed from the cursor: already passed on
        }
        last[0] = timeUs;
        JsonNode commit = event.path("commit");
        if ("commit".equals(event.path("kind").asText())
                && options.collections().contains(commit.path("collection").asText())
                && OPERATIONS.contains(commit.path("operation").asText())) {
            output.emit(new RawRecord(text, NAME + " cursor=" + timeUs), Long.toString(timeUs));
        } else {
            output.advance(Long.toString(timeUs));
        }
    }

    /** The socket's end of a connection. */
    private record Closed(int status, String reason) {
    }

    /** Hands whole text messages to the feed's thread, which asks for the next one when it has handled this one. */
    private static final class Listener implements WebSocket.Listener {

        private final LinkedBlockingQueue<Object> messages;
        private final StringBuilder parts = new StringBuilder();

        Listener(LinkedBlockingQueue<Object> messages) {
            this.messages = messages;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                messages.add(parts.toString());
                parts.setLength(0);
            } else {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            messages.add(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            messages.add(error);
        }
    }
}
