package dev.earshot.connectors.http;

import dev.earshot.respond.alerts.ChannelType;
import dev.earshot.respond.alerts.DeliveryPolicy;
import dev.earshot.respond.alerts.RetryAfter;
import dev.earshot.respond.alerts.SlackPostMessage;
import dev.earshot.respond.alerts.WebhookSignature;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one message with retries: exponential backoff with jitter, {@code Retry-After} honoured on 429 and 503,
 * the same {@code Idempotency-Key} on every attempt, and a fresh webhook signature per attempt. A slack-api
 * channel's requests carry its bot token, and its answers are read as Slack's ({@link SlackPostMessage#read}): an
 * HTTP 200 may still be an error. Never blocks the caller: attempts run on the HTTP client's threads and waits on
 * the scheduler.
 */
final class HttpDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(HttpDelivery.class);
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    static final String MESSAGE_HEADER = "X-Earshot-Message";
    private static final int BODY_SHOWN = 200;

    /**
     * One message to one endpoint.
     *
     * @param position FIRST, UPDATE or RESOLUTION, sent as {@value #MESSAGE_HEADER}
     */
    record Message(ChannelEndpoint endpoint, byte[] body, String idempotencyKey, String position) {
    }

    /**
     * How a message ended: delivered, or the reason it was not (secrets already removed).
     *
     * @param slackTs the {@code ts} Slack's Web API gave the posted message; null for other channels and failures
     */
    record Result(boolean delivered, int attempts, String failure, String slackTs) {
    }

    private final HttpClient client;
    private final DeliveryPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final List<ChannelEndpoint> endpoints;
    private final AtomicLong retries = new AtomicLong();

    HttpDelivery(HttpClient client, DeliveryPolicy policy, ScheduledExecutorService scheduler, Clock clock,
                 List<ChannelEndpoint> endpoints) {
        this.client = client;
        this.policy = policy;
        this.scheduler = scheduler;
        this.clock = clock;
        this.endpoints = List.copyOf(endpoints);
    }

    /** Starts delivering after {@code delay} (a rate limit's wait); the future completes when it is settled. */
    CompletableFuture<Result> send(Message message, Duration delay) {
        CompletableFuture<Result> settled = new CompletableFuture<>();
        schedule(() -> attempt(message, 1, settled), delay, message, 0, settled);
        return settled;
    }

    /** Retries so far, over all messages. */
    long retries() {
        return retries.get();
    }

    private void attempt(Message message, int attempt, CompletableFuture<Result> settled) {
        CompletableFuture<HttpResponse<String>> response;
        try {
            response = client.sendAsync(request(message), HttpResponse.BodyHandlers.ofString())
                    // the client's timeout covers the response headers; this bounds the body too
                    .orTimeout(policy.requestTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            settled.complete(new Result(false, attempt, redact("the request could not be built: " + e.getClass().getSimpleName()), null));
            return;
        }
        response.whenComplete((answer, error) -> {
            String failure;
            boolean retryable;
            Optional<Duration> retryAfter = Optional.empty();
            if (error != null) {
                failure = describe(error);
                retryable = true;
            } else {
                int status = answer.statusCode();
                if (message.endpoint().channel().type() == ChannelType.SLACK_API) {
                    // redacted before it is read, as read() may shorten the body and cut a secret beyond recognition
                    SlackPostMessage.Answer slack = SlackPostMessage.read(status, redact(answer.body()));
                    if (slack instanceof SlackPostMessage.Answer.Posted posted) {
                        settled.complete(new Result(true, attempt, null, posted.ts()));
                        return;
                    }
                    SlackPostMessage.Answer.Refused refused = (SlackPostMessage.Answer.Refused) slack;
                    failure = refused.failure();
                    retryable = refused.retryable();
                } else if (status / 100 == 2) {
                    settled.complete(new Result(true, attempt, null, null));
                    return;
                } else {
                    failure = "HTTP " + status + bodyOf(answer);
                    retryable = DeliveryPolicy.isRetryable(status);
                }
                if (status == 429 || status == 503) {
                    retryAfter = RetryAfter.parse(answer.headers().firstValue("Retry-After").orElse(null), clock.instant());
                }
            }
            DeliveryPolicy.Next next = policy.afterFailure(attempt, failure, retryable, retryAfter,
                    ThreadLocalRandom.current().nextDouble());
            if (next instanceof DeliveryPolicy.Next.Retry retry) {
                retries.incrementAndGet();
                LOG.warn("Alert delivery to channel '{}': attempt {} of {} failed ({}); retrying in {} ms",
                        message.endpoint().channel().name(), attempt, policy.maxAttempts(), redact(failure), retry.delay().toMillis());
                schedule(() -> attempt(message, attempt + 1, settled), retry.delay(), message, attempt, settled);
            } else {
                settled.complete(new Result(false, attempt, redact(((DeliveryPolicy.Next.GiveUp) next).reason()), null));
            }
        });
    }

    private HttpRequest request(Message message) {
        HttpRequest.Builder request = HttpRequest.newBuilder(message.endpoint().url())
                .timeout(policy.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Earshot")
                .header(IDEMPOTENCY_HEADER, message.idempotencyKey())
                .header(MESSAGE_HEADER, message.position())
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        byte[] key = message.endpoint().signingKey();
        if (key != null) {
            long timestamp = clock.instant().getEpochSecond();
            request.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(key, timestamp, message.body()));
        }
        if (message.endpoint().botToken() != null) {
            request.header("Authorization", "Bearer " + message.endpoint().botToken());
        }
        return request.build();
    }

    private void schedule(Runnable task, Duration delay, Message message, int attempts, CompletableFuture<Result> settled) {
        try {
            scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            settled.complete(new Result(false, attempts, "the sink closed before channel '"
                    + message.endpoint().channel().name() + "' got the message", null));
        }
    }

    private String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "no answer within requestTimeout " + policy.requestTimeout().toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "cannot connect" + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Redacted before it is shortened, which could cut a secret beyond recognition. */
    private String bodyOf(HttpResponse<String> answer) {
        String body = answer.body() == null ? "" : redact(answer.body()).strip().replaceAll("\\s+", " ");
        if (body.isEmpty()) {
            return "";
        }
        return ": " + (body.length() <= BODY_SHOWN ? body : body.substring(0, BODY_SHOWN) + "…");
    }

    private String redact(String text) {
        return ChannelEndpoint.redact(text, endpoints);
    }
}
