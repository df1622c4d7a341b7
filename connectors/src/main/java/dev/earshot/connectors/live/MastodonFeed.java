package dev.earshot.connectors.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.connectors.Secrets;
import dev.earshot.model.RawRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Mastodon timeline over the streaming API's server-sent events. Each {@code update}, {@code status.update} and
 * {@code delete} event is passed on in the form Mastodon's WebSocket streaming API gives it,
 * {@code {"stream":["public"],"event":"update","payload":"<the data, as a JSON string>"}}, so that the parse stage
 * sees the event's kind; heartbeats and other events are dropped.
 *
 * <p>The cursor is the highest status id seen. After a reconnect (or a restore) the stream is opened first and
 * then the REST timeline is read from the cursor ({@code min_id}, page by page along the {@code Link: rel="prev"}
 * header), each backfilled status passed on as the plain status entity; statuses the reopened stream then repeats
 * are dropped, so that a dropped connection loses nothing and repeats nothing.
 */
public final class MastodonFeed implements LiveFeed {

    public static final String NAME = "mastodon";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Status ids remembered to drop what both the backfill and the reopened stream deliver. */
    private static final int REMEMBERED_IDS = 10_000;
    private static final Pattern PREV_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"prev\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Compares Mastodon ids: digits of growing length (snowflakes), so by length, then as text. */
    static final Comparator<String> ID_ORDER = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private final MastodonOptions options;
    private final Secrets secrets;

    public MastodonFeed(MastodonOptions options, Secrets secrets) {
        this.options = options;
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void follow(String cursor, Output output) throws InterruptedException {
        // Servers whose streaming API is on another host may redirect to it
        Session session = new Session(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build(),
                options.token(secrets), output, cursor);
        Reconnecting.forever(NAME, options.instance(), options.reconnect(), session::connect);
    }

    private final class Session {

        private final HttpClient client;
        private final String token;
        private final Output output;
        private final String host = options.instance().getHost();
        private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED_IDS;
            }
        };
        private String last;

        Session(HttpClient client, String token, Output output, String cursor) {
            this.client = client;
            this.token = token;
            this.output = output;
            this.last = cursor;
        }

        void connect(Reconnecting.Progress progress) throws IOException, InterruptedException {
            StreamLines lines = new StreamLines();
            try {
                HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = client.send(
                        request(options.streamUri()).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.ofPublisher());
                response.body().subscribe(lines);
                Reconnecting.check(response, NAME + " stream " + options.streamUri().getPath(), refusalHint());
                if (last != null) {
                    backfill(progress);
                }
                readEvents(lines, progress);
            } finally {
                lines.cancel();
            }
        }

        private void readEvents(StreamLines lines, Reconnecting.Progress progress) throws IOException, InterruptedException {
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.next(options.idleTimeout())) != null) {
                progress.delivered();
                if (line.isEmpty()) {
                    if (event != null && !data.isEmpty()) {
                        dispatch(event, data.toString());
                    }
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    continue; // a heartbeat comment
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    if (field.equals("event")) {
                        event = value;
                    } else if (field.equals("data")) {
                        data.append(data.isEmpty() ? "" : "\n").append(value);
                    }
                }
            }
        }

        private void dispatch(String event, String data) throws InterruptedException {
            switch (event) {
                case "update" -> {
                    Optional<String> id = statusId(data);
                    if (id.isEmpty()) {
                        output.emit(new RawRecord(envelope(event, data), origin("update", "(not a status)")), last);
                    } else if (seen.put(id.get(), Boolean.TRUE) == null) {
                        advanceTo(id.get());
                        output.emit(new RawRecord(envelope(event, data), origin("status", id.get())), last);
                    }
                }
                case "status.update" -> output.emit(new RawRecord(envelope(event, data),
                        origin("edit", statusId(data).orElse("(not a status)"))), last);
                case "delete" -> output.emit(new RawRecord(envelope(event, data), origin("delete", data)), last);
                default -> {
                    // notifications, filters and announcements are not posts
                }
            }
        }

        /** Reads the REST timeline from the cursor up to now, oldest first. */
        private void backfill(Reconnecting.Progress progress) throws IOException, InterruptedException {
            URI page = options.timelineUri(last);
            while (page != null) {
                HttpResponse<String> response = client.send(request(page).timeout(REQUEST_TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString());
                Reconnecting.check(response, NAME + " timeline " + page.getPath(), refusalHint());
                JsonNode statuses = JSON.readTree(response.body());
                if (!statuses.isArray()) {
                    throw new IOException(NAME + " timeline " + page.getPath() + " did not answer a list of statuses");
                }
                List<JsonNode> newer = new ArrayList<>();
                statuses.forEach(newer::add);
                newer.removeIf(status -> !status.path("id").isTextual());
                newer.sort(Comparator.comparing(status -> status.path("id").asText(), ID_ORDER));
                for (JsonNode status : newer) {
                    String id = status.path("id").asText();
                    if (ID_ORDER.compare(id, last) > 0 && seen.put(id, Boolean.TRUE) == null) {
                        last = id;
                        output.emit(new RawRecord(JSON.writeValueAsString(status), origin("status", id)), last);
                        progress.delivered();
                    }
                }
                page = newer.isEmpty() ? null : response.headers().firstValue("Link")
                        .map(PREV_LINK::matcher).filter(Matcher::find).map(link -> URI.create(link.group(1)))
                        .orElse(options.timelineUri(last));
            }
        }

        private void advanceTo(String id) {
            if (last == null || ID_ORDER.compare(id, last) > 0) {
                last = id;
            }
        }

        private HttpRequest.Builder request(URI uri) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("User-Agent", "earshot");
            return token == null ? request : request.header("Authorization", "Bearer " + token);
        }

        private String refusalHint() {
            return "(check input.mastodon.instance, the timeline, and the token in " + options.tokenEnv()
                    + " (input.mastodon.tokenEnv): streaming needs a user token since Mastodon 4.2)";
        }

        private String envelope(String event, String data) {
            ObjectNode envelope = JSON.createObjectNode();
            for (String part : options.streamName()) {
                envelope.withArray("stream").add(part);
            }
            envelope.put("event", event).put("payload", data);
            return envelope.toString();
        }

        private String origin(String kind, String id) {
            return NAME + " " + host + " " + kind + " " + id;
        }
    }

    private static Optional<String> statusId(String data) {
        try {
            JsonNode id = JSON.readTree(data).path("id");
            return id.isTextual() && !id.asText().isEmpty() ? Optional.of(id.asText()) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
