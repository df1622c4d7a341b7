package dev.earshot.connectors.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.connectors.Secrets;
import dev.earshot.model.RawRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twitter/X's API v2 filtered stream ({@code GET /2/tweets/search/stream}): newline-delimited JSON, one matched post
 * with its {@code includes} per line, which the parse stage's {@code twitter-v2} format reads; blank lines are
 * X's keep-alives, and lines of {@code {"errors":[...]}} (such as an operational disconnect) and malformed lines are
 * passed on so that the parse stage keeps them as dead letters with the reason.
 *
 * <p>The stream has no resume cursor. The cursor is the newest post's {@code created_at}; after a reconnect or a
 * restore, with {@code backfillMinutes} set, the stream is asked for the minutes since then ({@code backfill_minutes},
 * at most the configured value). Backfill repeats posts already read (X does not deduplicate it): the job's
 * deduplication by post id drops them. A gap longer than the backfill loses what was posted before it.
 *
 * <p>Back-off follows X's advice: after a network failure or a silent connection (no keep-alive for
 * {@code idleTimeout}) from 250 ms up to 16 s, after an HTTP error {@code reconnect} (5 s doubling up to 320 s), and
 * after a 429 until {@code x-rate-limit-reset}, or without it a minute, doubling.
 */
public final class XFilteredStreamFeed implements LiveFeed {

    public static final String NAME = "x-filtered-stream";
    private static final Logger LOG = LoggerFactory.getLogger(XFilteredStreamFeed.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** X's advice for network errors is linear steps of 250 ms up to 16 s; doubling reaches the same cap sooner. */
    private static final Backoff NETWORK_BACKOFF = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(16));
    /** X's advice for a 429 without a reset time: a minute, doubling; capped at the 15-minute rate-limit window. */
    private static final Duration RATE_LIMIT_WAIT = Duration.ofMinutes(1);
    private static final Duration RATE_LIMIT_WINDOW = Duration.ofMinutes(15);
    /** How long the body of a refusal is read for its reason. */
    private static final Duration REFUSAL_READ = Duration.ofSeconds(5);
    private static final int REFUSAL_CHARS = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final XOptions options;
    private final Secrets secrets;

    public XFilteredStreamFeed(XOptions options, Secrets secrets) {
        this.options = options;
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void follow(String cursor, Output output) throws InterruptedException {
        Session session = new Session(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build(),
                options.token(secrets), output, cursor == null ? null : Instant.parse(cursor));
        Reconnecting.forever(NAME, options.base(), options.reconnect(), NETWORK_BACKOFF, session::connect);
    }

    /**
     * The minutes of backfill to ask for after following the stream up to {@code newest}: the gap, rounded up, at most
     * {@code configured}; 0 without a cursor or with backfill off.
     */
    static int backfillMinutes(Instant newest, Instant now, int configured) {
        if (newest == null || configured == 0) {
            return 0;
        }
        long seconds = Math.max(Duration.between(newest, now).toSeconds(), 1);
        return (int) Math.min((seconds + 59) / 60, configured);
    }

    private final class Session {

        private final HttpClient client;
        private final String token;
        private final Output output;
        private Instant newest;
        private int rateLimitedInARow;

        Session(HttpClient client, String token, Output output, Instant newest) {
            this.client = client;
            this.token = token;
            this.output = output;
            this.newest = newest;
        }

        void connect(Reconnecting.Progress progress) throws IOException, InterruptedException {
            int backfill = backfillMinutes(newest, Instant.now(), options.backfillMinutes());
            if (newest != null && options.backfillMinutes() > 0
                    && Duration.between(newest, Instant.now()).compareTo(Duration.ofMinutes(backfill)) > 0) {
                LOG.info("{}: newest post read was at {}; backfill covers only the last {} min (or the stream was quiet)",
                        NAME, newest, backfill);
            }
            URI uri = options.streamUri(backfill);
            StreamLines lines = new StreamLines();
            try {
                HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = client.send(HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + token).header("User-Agent", "earshot").build(),
                        HttpResponse.BodyHandlers.ofPublisher());
                response.body().subscribe(lines);
                String what = NAME + " " + uri.getPath() + (backfill > 0 ? " (backfill " + backfill + " min)" : "");
                if (response.statusCode() / 100 != 2) {
                    what += refusalReason(lines);
                }
                if (response.statusCode() == 429) {
                    rateLimitedInARow++;
                    Duration doubling = RATE_LIMIT_WAIT.multipliedBy(1L << Math.min(rateLimitedInARow - 1, 4));
                    throw new Reconnecting.RateLimited(what + ": HTTP 429 Too Many Requests",
                            Reconnecting.retryAfter(response.headers(), Instant.now())
                                    .orElse(doubling.compareTo(RATE_LIMIT_WINDOW) < 0 ? doubling : RATE_LIMIT_WINDOW));
                }
                Reconnecting.check(response, what, "(check the bearer token in " + options.tokenEnv()
                        + " (input.x.tokenEnv) and that your X project's access level includes the filtered stream"
                        + (backfill > 0 ? " and backfill (else set input.x.backfillMinutes: 0)" : "") + ")");
                rateLimitedInARow = 0;
                readLines(lines, progress);
            } finally {
                lines.cancel();
            }
        }

        private void readLines(StreamLines lines, Reconnecting.Progress progress) throws IOException, InterruptedException {
            String line;
            while ((line = lines.next(options.idleTimeout())) != null) {
                progress.delivered();
                if (!line.isBlank()) {
                    dispatch(line);
                }
            }
        }

        private void dispatch(String line) throws InterruptedException {
            JsonNode tree;
            try {
                tree = JSON.readTree(line);
            } catch (IOException notJson) {
                output.emit(new RawRecord(line, origin("line", "(not JSON)")), cursor());
                return;
            }
            JsonNode data = tree.path("data");
            if (data.path("id").isTextual()) {
                advanceTo(data.path("created_at").asText(""));
                output.emit(new RawRecord(line, origin("post", data.path("id").asText())), cursor());
            } else if (tree.path("errors").isArray() && data.isMissingNode()) {
                JsonNode error = tree.path("errors").path(0);
                LOG.warn("{}: the stream sent an error: {} {}", NAME, error.path("title").asText(""), error.path("detail").asText(""));
                output.emit(new RawRecord(line, origin("error", error.path("title").asText("(untitled)"))), cursor());
            } else {
                output.emit(new RawRecord(line, origin("line", "(not a post)")), cursor());
            }
        }

        private void advanceTo(String createdAt) {
            try {
                Instant time = Instant.parse(createdAt);
                if (newest == null || time.isAfter(newest)) {
                    newest = time;
                }
            } catch (DateTimeParseException noTime) {
                // the parse stage reports the post's bad created_at; the cursor stays
            }
        }

        private String cursor() {
            return newest == null ? null : newest.toString();
        }

        private String origin(String kind, String id) {
            return NAME + " " + kind + " " + id;
        }
    }

    /** X's reason for a refusal, from the problem's {@code detail} or {@code title} (e.g. too many connections). */
    private static String refusalReason(StreamLines body) throws InterruptedException {
        StringBuilder text = new StringBuilder();
        try {
            for (String line = body.next(REFUSAL_READ); line != null && text.length() < REFUSAL_CHARS; line = body.next(REFUSAL_READ)) {
                text.append(line).append('\n');
            }
        } catch (IOException cutShort) {
            // what was read may still say why
        }
        try {
            JsonNode problem = JSON.readTree(text.toString());
            problem = problem.path("errors").isArray() ? problem.path("errors").path(0) : problem;
            String reason = problem.path("detail").asText(problem.path("title").asText(""));
            return reason.isEmpty() ? "" : " (" + reason + ")";
        } catch (IOException notJson) {
            return "";
        }
    }
}
