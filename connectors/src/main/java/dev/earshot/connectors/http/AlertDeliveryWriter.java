package dev.earshot.connectors.http;

import dev.earshot.connectors.file.DeliveryLedger;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.DeadLetter;
import dev.earshot.respond.alerts.AlertChannel;
import dev.earshot.respond.alerts.AlertRouter;
import dev.earshot.respond.alerts.AlertRouter.Route;
import dev.earshot.respond.alerts.AlertsConfig;
import dev.earshot.respond.alerts.ChannelType;
import dev.earshot.respond.alerts.DeliveredVersions;
import dev.earshot.respond.alerts.DeliveryPolicy;
import dev.earshot.respond.alerts.IdempotencyKeys;
import dev.earshot.respond.alerts.IncidentThreads;
import dev.earshot.respond.alerts.MessageKind;
import dev.earshot.respond.alerts.SlackMessage;
import dev.earshot.respond.alerts.SlackMessageLookup;
import dev.earshot.respond.alerts.SlackPostMessage;
import dev.earshot.respond.alerts.ThreadPosition;
import dev.earshot.respond.alerts.UnheardIncidents;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
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
 * <p>On a slack-api channel, an incident's follow-ups reply in the thread of its first message: the {@code ts}
 * Slack answered for it is kept per channel and incident, and a follow-up's body is made only once the messages
 * before it in its thread are settled, so it knows the {@code ts}. When an incident's first message on a channel is
 * a dead letter (refused by the rate limit, or failed), the next version the channel is to hear is sent as the
 * incident's announcement once that failure is settled: an update as the first message, a resolution as one message
 * that the incident opened and is resolved ({@link UnheardIncidents}). What failed stays a dead letter, which
 * {@code redeliver} skips once a later version of its incident got through.
 *
 * <p>{@link #flush} waits for every outstanding message, so a checkpoint completes only once the alerts before
 * it are delivered or dead-lettered: at-least-once, and receivers deduplicate by {@code Idempotency-Key}. Slack's
 * Web API has none: a restored writer, until its first checkpoint, looks for each slack-api message in Slack before
 * posting it (the failed run may have posted it after the checkpoint), and adopts the one it finds
 * ({@link dev.earshot.respond.alerts.SlackMessageLookup}). The checkpointed state ({@link AlertDeliveryState}) holds
 * the open threads, their Slack {@code ts}, those none of whose messages got through, and when it was taken.
 */
public final class AlertDeliveryWriter implements StatefulSinkWriter<Alert, AlertDeliveryState> {

    /** The stage of this writer's dead letters. */
    public static final String STAGE = "deliver";
    /** Between the alert and the channel's name in a dead letter's origin. */
    private static final String TO_CHANNEL = " -> channel ";
    /** Before the alert's id and status in a dead letter's origin. */
    private static final String ORIGIN_PREFIX = "alert ";
    private static final Logger LOG = LoggerFactory.getLogger(AlertDeliveryWriter.class);

    /** What the writer has done so far. */
    public record Stats(long delivered, long retries, long deadLetters, long skipped) {
    }

    /**
     * One channel's messages (alert versions routed to it, rate-limited ones included), delivered and dead letters,
     * and the updates the quiet period held back (not messages: never sent, nor dead letters).
     */
    public record ChannelCounts(AtomicLong messages, AtomicLong delivered, AtomicLong deadLetters, AtomicLong heldBack) {
        ChannelCounts() {
            this(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
        }
    }

    private final AlertRouter router;
    private final List<AlertChannel> channels;
    private final DeliveryPolicy policy;
    private final Map<String, ChannelEndpoint> endpoints;
    private final SinkWriter<DeadLetter> deadLetterWriter;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final HttpDelivery delivery;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final Queue<DeadLetter> undelivered = new ConcurrentLinkedQueue<>();
    private final Map<String, CompletableFuture<?>> threadTails = new ConcurrentHashMap<>();
    /** The ts of the message each slack-api thread hangs from, by {@link #threadKey}. */
    private final Map<String, String> slackThreads = new ConcurrentHashMap<>();
    private final UnheardIncidents unheard = new UnheardIncidents();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Map<String, ChannelCounts> channelCounts = new HashMap<>();
    private final AtomicLong skipped = new AtomicLong();
    /** From a restore to the next checkpoint: the messages replayed meanwhile may be in Slack already. */
    private volatile boolean replaying;
    /** When the restored checkpoint was taken; null when it does not say. */
    private volatile Instant replayingSince;
    /** In a redelivery: the idempotency keys of the alert versions and channels to send again; null otherwise. */
    private Set<String> redelivering;
    /** Where each delivered message is recorded; null when nowhere. */
    private volatile DeliveryLedger.Recorder ledger;

    public AlertDeliveryWriter(AlertsConfig config, Map<String, ChannelEndpoint> endpoints,
                               SinkWriter<DeadLetter> deadLetterWriter, Clock clock) {
        this.endpoints = Map.copyOf(endpoints);
        this.deadLetterWriter = deadLetterWriter;
        this.clock = clock;
        this.router = new AlertRouter(config.channels(), clock.instant());
        this.channels = config.channels();
        this.policy = config.delivery();
        channels.forEach(channel -> channelCounts.put(channel.name(), new ChannelCounts()));
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
        for (Route route : routes(alert)) {
            AlertChannel channel = route.channel();
            if (route instanceof Route.Skip skip) {
                skipped.incrementAndGet();
                LOG.debug("Alert {} {} not posted to channel '{}': {}", alert.id(), alert.status(), channel.name(), skip.reason());
            } else if (route instanceof Route.HeldBack held) {
                skipped.incrementAndGet();
                channelCounts.get(channel.name()).heldBack().incrementAndGet();
                LOG.info("Alert {} {} held back from channel '{}': {}", alert.id(), alert.status(), channel.name(), held.reason());
            } else {
                ThreadPosition routed = route instanceof Route.Dispatch dispatch ? dispatch.position()
                        : ((Route.RateLimited) route).position();
                inFlight.acquire();
                channelCounts.get(channel.name()).messages().incrementAndGet();
                // one thread's messages go out in order: each is made and sent once the previous one is settled
                // and its outcome recorded, so that a Slack reply knows the ts its first message got, and a
                // follow-up knows whether it is to announce its incident instead
                String thread = threadKey(channel.name(), alert.id());
                CompletableFuture<?> previous = threadTails.getOrDefault(thread, CompletableFuture.completedFuture(null));
                CompletableFuture<Void> settled = previous.handle((ignored, failure) -> null)
                        .thenCompose(ignored -> sendInTurn(alert, route, routed, thread))
                        .handle((outcome, error) -> {
                            settle(alert, channel, thread, error == null ? outcome : new Outcome(routed,
                                    new HttpDelivery.Result(false, 0, error.getClass().getSimpleName(), null)));
                            inFlight.release();
                            return null;
                        });
                threadTails.put(thread, settled);
                settled.whenComplete((ignored, error) -> threadTails.remove(thread, settled));
            }
        }
    }

    /**
     * How one message ended, and the position in its thread it was sent as (or would have been); no result when it
     * was not worth sending.
     */
    private record Outcome(ThreadPosition position, HttpDelivery.Result result) {
    }

    /**
     * Sends a message once the messages before it in its thread are settled, as the position they leave it: an
     * incident's announcement if none of them got through. A message the rate limit refused is settled at once.
     */
    private CompletableFuture<Outcome> sendInTurn(Alert alert, Route route, ThreadPosition routed, String thread) {
        Optional<ThreadPosition> position = unheard.positionOf(thread, alert, routed, route.channel().minSeverity());
        if (position.isEmpty()) {
            return CompletableFuture.completedFuture(new Outcome(routed, null));
        }
        if (route instanceof Route.RateLimited limited) {
            return CompletableFuture.completedFuture(new Outcome(position.get(),
                    new HttpDelivery.Result(false, 0, limited.reason(), null)));
        }
        Route.Dispatch dispatch = (Route.Dispatch) route;
        return delivery.send(message(alert, dispatch.channel(), position.get(), thread), dispatch.delay())
                .thenApply(result -> new Outcome(position.get(), result));
    }

    /** Records how a message ended: in its thread, the counts, the ledger or the dead letters. */
    private void settle(Alert alert, AlertChannel channel, String thread, Outcome outcome) {
        HttpDelivery.Result result = outcome.result();
        boolean sent = result != null && result.delivered();
        if (channel.type() == ChannelType.SLACK_API) {
            followSlackThread(thread, outcome.position().kind(), result == null ? null : result.slackTs());
        }
        unheard.settled(thread, alert, outcome.position(), sent);
        if (result == null) {
            channelCounts.get(channel.name()).messages().decrementAndGet();
            skipped.incrementAndGet();
            LOG.info("Alert {} {} not posted to channel '{}': none of its incident's messages got through, and its highest "
                    + "severity is below the channel's minSeverity {}", alert.id(), alert.status(), channel.name(), channel.minSeverity());
        } else if (sent) {
            delivered.incrementAndGet();
            recordDelivery(alert, channel, result.found());
            channelCounts.get(channel.name()).delivered().incrementAndGet();
        } else {
            undeliverable(alert, channel, result.failure());
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

    /** Called after {@link #flush}, so no message is in flight. Threads the router forgot are dropped. */
    @Override
    public List<AlertDeliveryState> snapshotState(long checkpointId) {
        Map<String, List<IncidentThreads.OpenThread>> open = router.snapshot();
        Set<String> openKeys = new HashSet<>();
        open.forEach((channel, threads) -> threads.forEach(thread -> openKeys.add(threadKey(channel, thread.incidentId()))));
        slackThreads.keySet().retainAll(openKeys);
        replaying = redelivering != null;
        return List.of(new AlertDeliveryState(open, new HashMap<>(slackThreads), clock.instant(), unheard.snapshot(openKeys)));
    }

    /** Continues the threads of a checkpoint; called before the first {@link #write}. */
    void restore(AlertDeliveryState state) {
        router.restore(state.threads());
        slackThreads.putAll(state.slackThreads());
        unheard.restore(state.unheard());
        Instant since = state.checkpointedAt();
        replayingSince = !replaying ? since
                : replayingSince == null || since == null ? null : since.isBefore(replayingSince) ? since : replayingSince;
        replaying = true;
    }

    /**
     * Makes this writer send alert versions that were dead letters again: each only to the channels whose
     * {@link IdempotencyKeys} are in {@code keys}, whether or not the router (which has none of the job's threads)
     * would post it; a slack-api message is looked for first, back to the first attempt of the earliest of them.
     *
     * @param earliestRejection when the earliest of these versions became a dead letter
     */
    void redeliver(Set<String> keys, Instant earliestRejection) {
        redelivering = Set.copyOf(keys);
        replaying = true;
        replayingSince = earliestRejection.minus(policy.longestSettle());
    }

    /** Records each message delivered from now on in {@code ledger}. */
    void recordDeliveriesIn(DeliveryLedger.Recorder ledger) {
        this.ledger = ledger;
    }

    /** The channel a dead letter of this writer was for, from its origin; null for another dead letter. */
    public static String channelOf(DeadLetter letter) {
        return STAGE.equals(letter.stage()) ? channelIn(letter.origin()) : null;
    }

    /** The channel an origin of this writer (a dead letter's, a ledger record's) names; null where it names none. */
    public static String channelIn(String origin) {
        int at = origin == null ? -1 : origin.lastIndexOf(TO_CHANNEL);
        return at < 0 ? null : origin.substring(at + TO_CHANNEL.length());
    }

    /**
     * Adds to {@code versions} the alert version a ledger entry of this writer records (its origin names the incident,
     * status and channel); other entries add nothing.
     */
    public static void addDelivered(DeliveryLedger.Entry entry, DeliveredVersions versions) {
        String channel = STAGE.equals(entry.stage()) ? channelIn(entry.origin()) : null;
        if (channel == null || !entry.origin().startsWith(ORIGIN_PREFIX)) {
            return;
        }
        String[] idAndStatus = entry.origin().substring(ORIGIN_PREFIX.length(), entry.origin().lastIndexOf(TO_CHANNEL)).split(" ");
        if (idAndStatus.length == 2 && Arrays.stream(AlertStatus.values()).anyMatch(status -> status.name().equals(idAndStatus[1]))) {
            versions.add(channel, idAndStatus[0], AlertStatus.valueOf(idAndStatus[1]), entry.windowEnd());
        }
    }

    public Stats stats() {
        return new Stats(delivered.get(), delivery.retries(), deadLetters.get(), skipped.get());
    }

    /** Each channel's counts by its name, live: updated as messages settle. */
    public Map<String, ChannelCounts> channelCounts() {
        return Map.copyOf(channelCounts);
    }

    /** Slack messages found posted already (by a lost attempt or a failed run), which were not posted again. */
    public long repostsAvoided() {
        return delivery.repostsAvoided();
    }

    /** The router's routes; in a redelivery, to each channel the version is sent again to. */
    private List<Route> routes(Alert alert) {
        if (redelivering == null) {
            return router.route(alert, clock.instant());
        }
        Set<String> again = new HashSet<>();
        for (AlertChannel channel : channels) {
            if (redelivering.contains(IdempotencyKeys.of(alert, channel.name()))) {
                again.add(channel.name());
            }
        }
        return router.routeAgain(alert, clock.instant(), again);
    }

    private static String threadKey(String channel, String incidentId) {
        return channel + '|' + incidentId;
    }

    private HttpDelivery.Message message(Alert alert, AlertChannel channel, ThreadPosition position, String thread) {
        String threadTs = slackThreads.get(thread);
        String json = switch (channel.type()) {
            case SLACK -> SlackMessage.render(alert, position, channel.dashboardUrl());
            case SLACK_API -> SlackPostMessage.body(alert, position, channel, threadTs);
            case WEBHOOK -> Json.write(alert);
        };
        SlackMessageLookup.Query lookup = channel.type() != ChannelType.SLACK_API ? null : SlackMessageLookup.Query.of(alert,
                position, channel, threadTs, SlackMessageLookup.oldest(clock.instant(), replaying, replayingSince));
        return new HttpDelivery.Message(endpoints.get(channel.name()), json.getBytes(StandardCharsets.UTF_8),
                IdempotencyKeys.of(alert, channel.name()), position.kind().name(), lookup, replaying);
    }

    /**
     * A first message that got through starts its thread (again, if the router had forgotten it); a follow-up
     * posted top-level because its thread was unknown (restored from an earlier release's checkpoint) starts one; the
     * resolution ends it.
     */
    private void followSlackThread(String thread, MessageKind kind, String ts) {
        if (kind.endsThread()) {
            slackThreads.remove(thread);
        } else if (ts != null && kind == MessageKind.FIRST) {
            slackThreads.put(thread, ts);
        } else if (ts != null) {
            slackThreads.putIfAbsent(thread, ts);
        }
    }

    /** Called from any thread; the dead letter is written by the task thread at its next write or flush. */
    private void undeliverable(Alert alert, AlertChannel channel, String failure) {
        String reason = ChannelEndpoint.redact("channel '" + channel.name() + "' (" + channel.type().yamlName()
                + "): " + failure, endpoints.values());
        LOG.warn("Alert {} {} not delivered: {}", alert.id(), alert.status(), reason);
        undelivered.add(new DeadLetter(Json.write(alert), reason, STAGE, origin(alert, channel), clock.instant()));
        deadLetters.incrementAndGet();
        channelCounts.get(channel.name()).deadLetters().incrementAndGet();
    }

    /** @param found whether Slack held the message already, so that it was not sent again */
    private void recordDelivery(Alert alert, AlertChannel channel, boolean found) {
        DeliveryLedger.Recorder recorder = ledger;
        if (recorder != null) {
            DeliveryLedger.Entry entry = new DeliveryLedger.Entry(STAGE, IdempotencyKeys.of(alert, channel.name()),
                    origin(alert, channel), clock.instant(), alert.windowEnd());
            recorder.record(found ? entry.asFound() : entry);
        }
    }

    private static String origin(Alert alert, AlertChannel channel) {
        return ORIGIN_PREFIX + alert.id() + " " + alert.status() + TO_CHANNEL + channel.name();
    }

    private void writeDeadLetters() throws IOException, InterruptedException {
        for (DeadLetter letter; (letter = undelivered.poll()) != null; ) {
            deadLetterWriter.write(letter, null);
        }
    }
}
