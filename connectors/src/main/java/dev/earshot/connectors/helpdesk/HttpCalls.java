package dev.earshot.connectors.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.earshot.connectors.http.AsyncFailures;
import dev.earshot.connectors.http.ConnectFailures;
import dev.earshot.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON requests to one helpdesk with the JDK HttpClient, retried the way helpdesk APIs ask:
 * <ul>
 *   <li>429 and 503 with {@code Retry-After}: wait that long, and hold back every other request to the same
 *       helpdesk too, since the limit is per account;</li>
 *   <li>{@code X-Rate-Limit-Remaining: 0} with a {@code ratelimit-reset} or {@code Retry-After}: hold back
 *       before the limit is hit;</li>
 *   <li>408, 429, 5xx, timeouts and connection errors: exponential backoff with jitter, up to maxAttempts;</li>
 *   <li>any other 4xx (401 bad credentials, 403, 404, 422 invalid ticket): no retry, a {@link DeliveryException}.</li>
 * </ul>
 * Messages never hold the credentials: everything shown passes the {@link Redactor}.
 */
final class HttpCalls {

    private static final Logger LOG = LoggerFactory.getLogger(HttpCalls.class);
    private static final int SHOWN_BODY_CHARS = 300;

    private final String helpdesk;
    private final HttpClient client;
    private final HelpdeskSettings settings;
    private final String authorization;
    private final Redactor redactor;
    private final DeliveryCounters counters;
    private final Clock clock;
    /** Epoch millis before which no request starts: the helpdesk asked us to wait. */
    private final AtomicLong pausedUntil = new AtomicLong();

    HttpCalls(String helpdesk, HttpClient client, HelpdeskSettings settings, String authorization, Redactor redactor,
              DeliveryCounters counters, Clock clock) {
        this.helpdesk = helpdesk;
        this.client = client;
        this.settings = settings;
        this.authorization = authorization;
        this.redactor = redactor;
        this.counters = counters;
        this.clock = clock;
    }

    /** Sends {@code body} (or nothing when null) and returns the response's JSON (NullNode when empty). */
    CompletableFuture<JsonNode> send(String method, URI uri, JsonNode body, Map<String, String> headers) {
        // a refusal of a request carrying custom fields is most likely about them: say where they are configured
        boolean customFields = body != null && body.findValue("custom_fields") != null;
        return attempt(method, uri, body == null ? null : Json.write(body), customFields, headers, 1);
    }

    private CompletableFuture<JsonNode> attempt(String method, URI uri, String body, boolean customFields,
                                                Map<String, String> headers, int n) {
        long wait = pausedUntil.get() - clock.millis();
        if (wait > 0) {
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> attempt(method, uri, body, customFields, headers, n));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        counters.requests.incrementAndGet();
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> outcome(method, uri, customFields, response, error, n))
                .thenCompose(outcome -> outcome.retryAfter == null
                        ? CompletableFuture.completedFuture(outcome.json)
                        : retry(method, uri, body, customFields, headers, n, outcome));
    }

    private CompletableFuture<JsonNode> retry(String method, URI uri, String body, boolean customFields,
                                              Map<String, String> headers, int n, Outcome outcome) {
        counters.retries.incrementAndGet();
        LOG.debug("{}: {} {} failed ({}), retry {} in {} ms", helpdesk, method, uri.getPath(), outcome.problem, n,
                outcome.retryAfter.toMillis());
        return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(outcome.retryAfter.toMillis(), TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> attempt(method, uri, body, customFields, headers, n + 1));
    }

    /** A response as JSON, or the wait before the next attempt; throws when there is nothing more to try. */
    private Outcome outcome(String method, URI uri, boolean customFields, HttpResponse<String> response, Throwable error,
                            int n) {
        String what = helpdesk + ": " + method + " " + ConnectFailures.shown(uri);
        if (error != null) {
            Throwable cause = AsyncFailures.cause(error);
            String problem = cause instanceof HttpTimeoutException
                    ? "no answer within " + settings.requestTimeout().toMillis() + " ms"
                    : ConnectFailures.describe(cause, uri);
            if (!(cause instanceof IOException)) {
                throw new DeliveryException(redactor.redact(what + " failed: " + problem));
            }
            return retryOrGiveUp(what, problem, n, null);
        }
        int status = response.statusCode();
        noteRateLimit(response);
        if (status >= 200 && status < 300) {
            String text = response.body();
            return new Outcome(text == null || text.isBlank() ? NullNode.getInstance() : Json.read(text, JsonNode.class), null, null);
        }
        String problem = "HTTP " + status + shown(response.body());
        if (status == 408 || status == 429 || status >= 500) {
            Optional<Duration> asked = retryAfter(response);
            if (status == 429 || status == 503) {
                asked.ifPresent(this::pauseFor);
            }
            return retryOrGiveUp(what, problem, n, asked.orElse(null));
        }
        throw new DeliveryException(redactor.redact(what + " was refused: " + problem + hint(status, customFields)), status);
    }

    private Outcome retryOrGiveUp(String what, String problem, int n, Duration asked) {
        if (n >= settings.maxAttempts()) {
            throw new DeliveryException(redactor.redact(what + " failed " + n + " times; last: " + problem));
        }
        return new Outcome(null, asked != null ? asked : backoff(n), redactor.redact(problem));
    }

    /** Exponential backoff with "equal jitter": half the step for sure, the other half at random. */
    private Duration backoff(int failures) {
        long step = Math.min(settings.maxBackoff().toMillis(),
                settings.initialBackoff().toMillis() << Math.min(failures - 1, 30));
        return Duration.ofMillis(step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1));
    }

    private void noteRateLimit(HttpResponse<String> response) {
        Optional<String> remaining = response.headers().firstValue("X-Rate-Limit-Remaining");
        if (remaining.isPresent() && remaining.get().trim().equals("0")) {
            response.headers().firstValue("ratelimit-reset").flatMap(HttpCalls::seconds)
                    .or(() -> retryAfter(response))
                    .ifPresent(this::pauseFor);
        }
    }

    private void pauseFor(Duration duration) {
        long until = clock.millis() + duration.toMillis();
        pausedUntil.accumulateAndGet(until, Math::max);
    }

    private Optional<Duration> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> seconds(value).or(() -> httpDate(value)));
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<Duration> httpDate(String value) {
        try {
            Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(Duration.ofMillis(Math.max(0, at.toEpochMilli() - clock.millis())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String shown(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return ": " + (oneLine.length() > SHOWN_BODY_CHARS ? oneLine.substring(0, SHOWN_BODY_CHARS) + "…" : oneLine);
    }

    private static String hint(int status, boolean customFields) {
        return switch (status) {
            case 401 -> " (check the credentials in respond.helpdesk.emailEnv/tokenEnv)";
            case 403 -> " (the API user may not do this)";
            case 422 -> customFields ? " (the helpdesk rejected the ticket's fields; check respond.helpdesk custom fields)" : "";
            default -> "";
        };
    }

    private record Outcome(JsonNode json, Duration retryAfter, String problem) {
    }
}
