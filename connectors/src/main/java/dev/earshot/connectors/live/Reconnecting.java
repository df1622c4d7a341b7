package dev.earshot.connectors.live;

import dev.earshot.connectors.http.ConnectFailures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry loop the feeds share: a dropped connection or a server error waits out the {@link Backoff}, a 429 waits
 * what the server asked for ({@code Retry-After}, else {@code X-RateLimit-Reset} or X's {@code x-rate-limit-reset}),
 * and a refusal that retrying cannot fix (a bad token, an unknown path) stops the source with the reason.
 */
final class Reconnecting {

    private static final Logger LOG = LoggerFactory.getLogger(Reconnecting.class);

    /** One connection or poll; it marks {@link Progress} when it passes events on, which resets the back-off. */
    @FunctionalInterface
    interface Attempt {
        void run(Progress progress) throws IOException, InterruptedException;
    }

    /** Whether an attempt got anywhere. */
    static final class Progress {

        private boolean delivered;

        void delivered() {
            delivered = true;
        }
    }

    /** The server asked us to slow down. */
    static final class RateLimited extends IOException {

        final Duration wait;

        RateLimited(String message, Duration wait) {
            super(message);
            this.wait = wait;
        }
    }

    /** The server answered with an error status that a later attempt may not meet (408, 5xx). */
    static final class ServerError extends IOException {

        ServerError(String message) {
            super(message);
        }
    }

    private Reconnecting() {
    }

    /**
     * Runs attempts until interrupted; after a connection that delivered events ends cleanly the next starts at once.
     * Its log lines name the feed and the endpoint's host.
     */
    static void forever(String feed, URI endpoint, Backoff backoff, Attempt attempt) throws InterruptedException {
        forever(feed, endpoint, backoff, backoff, attempt);
    }

    /**
     * As {@link #forever(String, URI, Backoff, Attempt)}, with one back-off after server errors and rate limits and
     * another after network failures (refused or dropped connections, silence), for servers that ask for different ones.
     */
    static void forever(String feed, URI endpoint, Backoff backoff, Backoff networkBackoff, Attempt attempt)
            throws InterruptedException {
        String where = feed + " " + endpoint.getHost();
        int failures = 0;
        while (true) {
            Progress progress = new Progress();
            try {
                attempt.run(progress);
                failures = progress.delivered ? 0 : failures + 1;
                if (failures > 0) {
                    Duration wait = backoff.delay(failures);
                    LOG.info("{}: connection ended without events; reconnecting in {} ms", where, wait.toMillis());
                    Thread.sleep(wait.toMillis());
                }
            } catch (RateLimited e) {
                Duration wait = e.wait.compareTo(backoff.initialDelay()) < 0 ? backoff.initialDelay() : e.wait;
                LOG.warn("{}: {}; waiting {} ms", where, e.getMessage(), wait.toMillis());
                Thread.sleep(wait.toMillis());
            } catch (IOException e) {
                failures = progress.delivered ? 1 : failures + 1;
                Duration wait = (e instanceof ServerError ? backoff : networkBackoff).delay(failures);
                LOG.warn("{}: {}; reconnecting in {} ms (failure {} in a row)", where, ConnectFailures.describe(e, endpoint),
                        wait.toMillis(), failures);
                Thread.sleep(wait.toMillis());
            }
        }
    }

    /**
     * Passes a 2xx; throws {@link RateLimited} for 429, an {@link IOException} (retried) for 408 and 5xx, and an
     * {@link IllegalStateException} (the source stops) for any other status, with {@code hint} saying what to fix.
     */
    static void check(HttpResponse<?> response, String what, String hint) throws IOException {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        if (status == 429) {
            throw new RateLimited(what + ": HTTP 429 Too Many Requests",
                    retryAfter(response.headers(), Instant.now()).orElse(Duration.ZERO));
        }
        if (status == 408 || status / 100 == 5) {
            throw new ServerError(what + ": HTTP " + status);
        }
        throw new IllegalStateException(what + ": HTTP " + status + " " + hint);
    }

    /**
     * How long a 429 asks us to wait, from {@code Retry-After} (seconds or a date), else {@code X-RateLimit-Reset} or
     * X's {@code x-rate-limit-reset}.
     */
    static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        Optional<Instant> until = headers.firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(now.plusSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException notSeconds) {
                return parseTime(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            }
        }).or(() -> headers.firstValue("X-RateLimit-Reset").or(() -> headers.firstValue("x-rate-limit-reset")).flatMap(value -> {
            try {
                // Mastodon sends an ISO-8601 time; some servers send epoch seconds
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.trim())));
            } catch (NumberFormatException notEpoch) {
                return parseTime(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
        }));
        return until.map(time -> time.isAfter(now) ? Duration.between(now, time) : Duration.ZERO);
    }

    private static Optional<Instant> parseTime(String value, DateTimeFormatter format) {
        try {
            return Optional.of(format == DateTimeFormatter.RFC_1123_DATE_TIME
                    ? ZonedDateTime.parse(value.trim(), format).toInstant()
                    : OffsetDateTime.parse(value.trim(), format).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
