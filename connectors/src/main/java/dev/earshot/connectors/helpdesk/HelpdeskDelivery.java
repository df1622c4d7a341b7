package dev.earshot.connectors.helpdesk;

import dev.earshot.connectors.Secrets;

import dev.earshot.connectors.file.DeliveryLedger;
import dev.earshot.connectors.http.AsyncFailures;
import dev.earshot.json.Json;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.HandoffTicket;
import dev.earshot.respond.helpdesk.DeliveredTicket;
import dev.earshot.respond.helpdesk.IdempotencyKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers ticket versions to a helpdesk without Flink: the versions of one ticket one after another (the create
 * must finish before its first comment), different tickets concurrently, at most {@code maxInFlight} versions at a
 * time. It remembers what each helpdesk ticket holds, and turns every failure into a dead letter (stage
 * {@value #STAGE}) with the ticket version and a reason free of credentials. Not thread-safe: one caller thread
 * submits; HTTP callbacks only touch the concurrent parts.
 */
public final class HelpdeskDelivery {

    public static final String STAGE = "helpdesk";
    private static final Logger LOG = LoggerFactory.getLogger(HelpdeskDelivery.class);

    private final HelpdeskApi api;
    private final HelpdeskSettings settings;
    private final DeliveryCounters counters;
    private final Clock clock;
    private final String origin;
    private final Semaphore inFlight;
    private final Map<String, DeliveredTicket> delivered = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> lastOfTicket = new HashMap<>();
    private final ConcurrentLinkedQueue<DeadLetter> deadLetters = new ConcurrentLinkedQueue<>();
    /** Where each delivered version is recorded; null when nowhere. */
    private volatile DeliveryLedger.Recorder ledger;

    public HelpdeskDelivery(HelpdeskSettings settings, Secrets secrets, Clock clock) {
        this.settings = settings;
        this.counters = new DeliveryCounters();
        this.clock = clock;
        this.api = HelpdeskApi.create(settings, secrets, counters, clock);
        this.origin = settings.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + settings.url();
        this.inFlight = new Semaphore(settings.maxInFlight());
    }

    /** Starts delivering {@code ticket} after the ticket's earlier versions; waits while maxInFlight are under way. */
    public void submit(HandoffTicket ticket) throws InterruptedException {
        inFlight.acquire();
        counters.versions.incrementAndGet();
        CompletableFuture<Void> previous = lastOfTicket.getOrDefault(ticket.id(), CompletableFuture.completedFuture(null));
        lastOfTicket.put(ticket.id(), previous.thenCompose(ignored -> deliverOne(ticket)));
    }

    private CompletableFuture<Void> deliverOne(HandoffTicket ticket) {
        CompletableFuture<DeliveredTicket> delivery;
        try {
            delivery = api.deliver(ticket, delivered.get(ticket.id()));
        } catch (RuntimeException e) {
            delivery = CompletableFuture.failedFuture(e);
        }
        return delivery.handle((state, error) -> {
            if (error == null) {
                delivered.put(ticket.id(), state);
                recordDelivery(ticket);
                counters.versionsDelivered.incrementAndGet();
            } else {
                Throwable cause = AsyncFailures.cause(error);
                if (cause instanceof DeliveryException partly && partly.heldAnyway() != null) {
                    delivered.put(ticket.id(), partly.heldAnyway());
                }
                String reason = cause instanceof DeliveryException ? cause.getMessage()
                        : origin + ": unexpected " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
                LOG.warn("Ticket {} {} not delivered to the helpdesk, written as a dead letter of stage {}: {}", ticket.id(),
                        ticket.status(), STAGE, reason);
                deadLetters.add(new DeadLetter(Json.write(ticket), reason, STAGE, origin, clock.instant()));
                counters.deadLetters.incrementAndGet();
            }
            inFlight.release();
            return null;
        });
    }

    /** Records each version delivered from now on in {@code ledger}, so that redeliver skips its dead letters. */
    public void recordDeliveriesIn(DeliveryLedger.Recorder ledger) {
        this.ledger = ledger;
    }

    /**
     * What a ticket version was, as its ledger record says it: "ticket t-1 CLOSED -> webhook https://…", for a person
     * reading the ledger; {@link IdempotencyKeys#version} alone tells versions apart, the CLOSED one included.
     *
     * @param helpdesk the helpdesk, as the origin of its dead letters names it
     */
    public static String ledgerOrigin(HandoffTicket ticket, String helpdesk) {
        return "ticket " + ticket.id() + " " + ticket.status() + " -> " + helpdesk;
    }

    private void recordDelivery(HandoffTicket ticket) {
        DeliveryLedger.Recorder recorder = ledger;
        if (recorder != null) {
            recorder.record(new DeliveryLedger.Entry(STAGE, IdempotencyKeys.version(ticket), ledgerOrigin(ticket, origin),
                    clock.instant()));
        }
    }

    /** Waits until every submitted version is delivered or dead-lettered. */
    public void awaitAll() {
        CompletableFuture.allOf(lastOfTicket.values().toArray(CompletableFuture[]::new)).join();
        lastOfTicket.clear();
    }

    /** The dead letters since the last call. */
    public List<DeadLetter> takeDeadLetters() {
        List<DeadLetter> taken = new ArrayList<>();
        for (DeadLetter letter; (letter = deadLetters.poll()) != null; ) {
            taken.add(letter);
        }
        return taken;
    }

    /** What each helpdesk ticket holds, leaving out tickets not delivered within forgetAfter; call after awaitAll. */
    public Map<String, DeliveredTicket> snapshot() {
        Instant oldest = clock.instant().minus(settings.forgetAfter());
        delivered.values().removeIf(ticket -> ticket.deliveredAt() != null && ticket.deliveredAt().isBefore(oldest));
        return Map.copyOf(delivered);
    }

    public void restore(Map<String, DeliveredTicket> state) {
        delivered.putAll(state);
        api.restored(state.keySet());
    }

    public DeliveryCounters counters() {
        return counters;
    }
}
