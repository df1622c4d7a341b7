package dev.earshot.connectors.http;

import dev.earshot.respond.alerts.ChannelType;
import dev.earshot.respond.alerts.DeliveryPolicy;
import dev.earshot.respond.alerts.RetryAfter;
import dev.earshot.respond.alerts.SlackMessageLookup;
import dev.earshot.respond.alerts.SlackPostMessage;
import dev.earshot.respond.alerts.WebhookSignature;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 * HTTP 200 may still be an error; as Slack has no idempotency key, an attempt that may repeat a message Slack
 * stored first looks for it ({@link SlackMessageLookup}). Never blocks the caller: attempts run on the HTTP
 * client's threads and waits on the scheduler.
 */
final class HttpDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(HttpDelivery.class);
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    static final String MESSAGE_HEADER = "X-Earshot-Message";
    private static final int BODY_SHOWN = 200;

    /**
     * One message to one endpoint.
     *
     * @param position FIRST, UPDATE, RESOLUTION or OPENED_AND_RESOLVED, sent as {@value #MESSAGE_HEADER}
     * @param lookup slack-api: how to find the message in Slack when an attempt may have posted it; null for the others
     * @param lookFirst whether to look for it before the first attempt too (a replay from a checkpoint)
     */
    record Message(ChannelEndpoint endpoint, byte[] body, String idempotencyKey, String position,
                   SlackMessageLookup.Query lookup, boolean lookFirst) {
    }

    /**
     * How a message ended: delivered, or the reason it was not (secrets already removed).
     *
     * @param slackTs the {@code ts} Slack's Web API gave the posted message; null for other channels and failures
     * @param found whether Slack held the message already (a lookup found it), so that it was not posted again
     */
    record Result(boolean delivered, int attempts, String failure, String slackTs, boolean found) {

        Result(boolean delivered, int attempts, String failure, String slackTs) {
            this(delivered, attempts, failure, slackTs, false);
        }
    }

    private final HttpClient client;
    private final DeliveryPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final List<ChannelEndpoint> endpoints;
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong repostsAvoided = new AtomicLong();
    /** Channels whose lookups Slack refuses for good (a missing scope): they post without looking, as before. */
    private final Set<String> lookupsRefused = ConcurrentHashMap.newKeySet();

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
        schedule(() -> attempt(message, 1, message.lookFirst(), settled), delay, message, 0, settled);
        return settled;
    }

    /** Retries so far, over all messages. */
    long retries() {
        return retries.get();
    }

    /** Slack messages found posted already, which were not posted again. */
    long repostsAvoided() {
        return repostsAvoided.get();
    }

    /**
     * One attempt. When Slack may hold the message already ({@code look}: an earlier attempt may have posted it, or
     * the writer replays from a checkpoint), a slack-api message is first looked for, and adopted when found.
     */
    private void attempt(Message message, int attempt, boolean look, CompletableFuture<Result> settled) {
        SlackMessageLookup.Query query = message.lookup();
        if (!look || query == null || lookupsRefused.contains(query.channel().name())) {
            post(message, attempt, look, settled);
            return;
        }
        lookUp(message.endpoint(), query, null, 1).whenComplete((looked, error) -> {
            if (error != null) {
                failed(message, attempt, true, query.method() + ": " + describe(error), true, Optional.empty(), settled);
            } else if (looked.outcome() instanceof SlackMessageLookup.Outcome.Found found) {
                repostsAvoided.incrementAndGet();
                LOG.info("Alert delivery to channel '{}': Slack holds the message already (ts {}, found by {}); not posting it again",
                        query.channel().name(), found.ts(), query.method());
                settled.complete(new Result(true, attempt, null, found.ts(), true));
            } else if (looked.outcome() instanceof SlackMessageLookup.Outcome.Failed failed) {
                failed(message, attempt, true, failed.failure(), true, looked.retryAfter(), settled);
            } else {
                if (looked.outcome() instanceof SlackMessageLookup.Outcome.Unavailable unavailable
                        && (!unavailable.lasting() || lookupsRefused.add(query.channel().name()))) {
                    LOG.warn(redact(unavailable.warning()));
                }
                post(message, attempt, true, settled);
            }
        });
    }

    /** What a lookup found, and the wait Slack asked for when it throttled it. */
    private record Looked(SlackMessageLookup.Outcome outcome, Optional<Duration> retryAfter) {
    }

    /** Reads page after page of Slack's answer until the message is found or the pages end. */
    private CompletableFuture<Looked> lookUp(ChannelEndpoint endpoint, SlackMessageLookup.Query query, String cursor, int page) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(query.url(cursor)))
                    .timeout(policy.requestTimeout())
                    .header("User-Agent", "Earshot")
                    .header("Authorization", "Bearer " + endpoint.botToken())
                    .GET()
                    .build();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .orTimeout(policy.requestTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)
                .thenCompose(answer -> {
                    SlackMessageLookup.Outcome outcome = query.read(answer.statusCode(), redact(answer.body()), page);
                    return outcome instanceof SlackMessageLookup.Outcome.NextPage next
                            ? lookUp(endpoint, query, next.cursor(), page + 1)
                            : CompletableFuture.completedFuture(new Looked(outcome, retryAfter(answer)));
                });
    }

    /** @param look whether the message was looked for before this attempt, which then looks again if it fails */
    private void post(Message message, int attempt, boolean look, CompletableFuture<Result> settled) {
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
            boolean mayHavePosted;
            Optional<Duration> retryAfter = Optional.empty();
            if (error != null) {
                failure = describe(error);
                retryable = true;
                // unless it never connected, the request may have reached the endpoint before the answer was lost
                Throwable cause = AsyncFailures.cause(error);
                mayHavePosted = !(cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException);
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
                    mayHavePosted = refused.mayHavePosted();
                } else if (status / 100 == 2) {
                    settled.complete(new Result(true, attempt, null, null));
                    return;
                } else {
                    failure = "HTTP " + status + bodyOf(answer);
                    retryable = DeliveryPolicy.isRetryable(status);
                    mayHavePosted = false;
                }
                retryAfter = retryAfter(answer);
            }
            failed(message, attempt, look || mayHavePosted, failure, retryable, retryAfter, settled);
        });
    }

    /** After a failed attempt: another one, or the message is settled undelivered. */
    private void failed(Message message, int attempt, boolean look, String failure, boolean retryable,
                        Optional<Duration> retryAfter, CompletableFuture<Result> settled) {
        DeliveryPolicy.Next next = policy.afterFailure(attempt, failure, retryable, retryAfter,
                ThreadLocalRandom.current().nextDouble());
        if (next instanceof DeliveryPolicy.Next.Retry retry) {
            retries.incrementAndGet();
            LOG.warn("Alert delivery to channel '{}': attempt {} of {} failed ({}); retrying in {} ms",
                    message.endpoint().channel().name(), attempt, policy.maxAttempts(), redact(failure), retry.delay().toMillis());
            schedule(() -> attempt(message, attempt + 1, look, settled), retry.delay(), message, attempt, settled);
        } else {
            settled.complete(new Result(false, attempt, redact(((DeliveryPolicy.Next.GiveUp) next).reason()), null));
        }
    }

    /** The wait a 429 or 503 asks for. */
    private Optional<Duration> retryAfter(HttpResponse<String> answer) {
        int status = answer.statusCode();
        return status == 429 || status == 503
                ? RetryAfter.parse(answer.headers().firstValue("Retry-After").orElse(null), clock.instant())
                : Optional.empty();
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
        Throwable cause = AsyncFailures.cause(error);
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
