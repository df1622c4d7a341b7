package dev.earshot.connectors.http;

import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.respond.alerts.AlertChannel;
import dev.earshot.respond.alerts.AlertRouter;
import dev.earshot.respond.alerts.AlertRouter.Route;
import dev.earshot.respond.alerts.AlertsConfig;
import dev.earshot.respond.alerts.ChannelType;
import dev.earshot.respond.alerts.IdempotencyKeys;
import dev.earshot.respond.alerts.SlackMessage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to people's channels. The {@link AlertRouter} decides (routing, threads, quiet period, rate
 * limit); this writer renders and hands each message to {@link HttpDelivery}, with at most
 * {@code delivery.maxInFlight} messages outstanding; the messages of one incident's thread on a channel go out one
 * after the other, in order: when that many are waiting, sending or backing off,
 * {@link #write} waits for one to finish, which holds the stream back by a bounded amount (each message is
 * settled within its attempts' timeouts and backoffs). A message that is not delivered becomes a dead letter
 * (stage {@value #STAGE}) written by the task thread to the dead-letter writer.
 *
 * <p>{@link #flush} waits for every outstanding message, so a checkpoint completes only once the alerts before
 * it are delivered or dead-lettered: at-least-once, and receivers deduplicate by {@code Idempotency-Key}.
 */
public final class AlertDeliveryWriter implements SinkWriter<Alert> {

    static final String STAGE = "deliver";
    private static final Logger LOG = LoggerFactory.getLogger(AlertDeliveryWriter.class);

    /** What the writer has done so far. */
    public record Stats(long delivered, long retries, long deadLetters, long skipped) {
    }

    private final AlertRouter router;
    private final Map<String, ChannelEndpoint> endpoints;
    private final SinkWriter<DeadLetter> deadLetterWriter;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final HttpDelivery delivery;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final Queue<DeadLetter> undelivered = new ConcurrentLinkedQueue<>();
    private final Map<String, CompletableFuture<?>> threadTails = new ConcurrentHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private long skipped;

    public AlertDeliveryWriter(AlertsConfig config, Map<String, ChannelEndpoint> endpoints,
                               SinkWriter<DeadLetter> deadLetterWriter, Clock clock) {
        this.endpoints = Map.copyOf(endpoints);
        this.deadLetterWriter = deadLetterWriter;
        this.clock = clock;
        this.router = new AlertRouter(config.channels(), clock.instant());
        this.maxInFlight = config.delivery().maxInFlight();
        this.inFlight = new Semaphore(maxInFlight);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "earshot-alert-delivery");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(config.delivery().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.delivery = new HttpDelivery(client, config.delivery(), scheduler, clock, endpoints.values().stream().toList());
    }

    @Override
    public void write(Alert alert, Context context) throws IOException, InterruptedException {
        writeDeadLetters();
        for (Route route : router.route(alert, clock.instant())) {
            AlertChannel channel = route.channel();
            if (route instanceof Route.Skip skip) {
                skipped++;
                LOG.debug("Alert {} {} not posted to channel '{}': {}", alert.id(), alert.status(), channel.name(), skip.reason());
            } else if (route instanceof Route.RateLimited limited) {
                undeliverable(alert, channel, limited.reason());
            } else if (route instanceof Route.Dispatch dispatch) {
                inFlight.acquire();
                HttpDelivery.Message message = new HttpDelivery.Message(endpoints.get(channel.name()),
                        body(alert, dispatch), IdempotencyKeys.of(alert, channel.name()), dispatch.position().kind().name());
                // one thread's messages go out in order: each waits until the previous one is settled
                String thread = channel.name() + '|' + alert.id();
                CompletableFuture<?> previous = threadTails.getOrDefault(thread, CompletableFuture.completedFuture(null));
                CompletableFuture<HttpDelivery.Result> settled = previous.handle((ignored, failure) -> null)
                        .thenCompose(ignored -> delivery.send(message, dispatch.delay()));
                threadTails.put(thread, settled);
                settled.whenComplete((result, error) -> {
                    threadTails.remove(thread, settled);
                    if (error != null) {
                        undeliverable(alert, channel, error.getClass().getSimpleName());
                    } else if (result.delivered()) {
                        delivered.incrementAndGet();
                    } else {
                        undeliverable(alert, channel, result.failure());
                    }
                    inFlight.release();
                });
            }
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
        writeDeadLetters();
        deadLetterWriter.flush(endOfInput);
    }

    @Override
    public void close() throws Exception {
        scheduler.shutdownNow();
        writeDeadLetters();
        deadLetterWriter.close();
    }

    public Stats stats() {
        return new Stats(delivered.get(), delivery.retries(), deadLetters.get(), skipped);
    }

    private static byte[] body(Alert alert, Route.Dispatch dispatch) {
        String json = dispatch.channel().type() == ChannelType.SLACK
                ? SlackMessage.render(alert, dispatch.position(), dispatch.channel().dashboardUrl())
                : Json.write(alert);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Called from any thread; the dead letter is written by the task thread at its next write or flush. */
    private void undeliverable(Alert alert, AlertChannel channel, String failure) {
        String reason = ChannelEndpoint.redact("channel '" + channel.name() + "' (" + channel.type().name().toLowerCase(Locale.ROOT)
                + "): " + failure, endpoints.values());
        LOG.warn("Alert {} {} not delivered: {}", alert.id(), alert.status(), reason);
        undelivered.add(new DeadLetter(Json.write(alert), reason, STAGE,
                "alert " + alert.id() + " " + alert.status() + " -> channel " + channel.name(), clock.instant()));
        deadLetters.incrementAndGet();
    }

    private void writeDeadLetters() throws IOException, InterruptedException {
        for (DeadLetter letter; (letter = undelivered.poll()) != null; ) {
            deadLetterWriter.write(letter, null);
        }
    }
}
