package dev.earshot.connectors.helpdesk;

import dev.earshot.model.HandoffTicket;
import dev.earshot.respond.helpdesk.TicketText;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Figures for the helpdesk adapters, printed, never asserted: the bundled stream's tickets into a local Zendesk,
 * then a larger load into a flaky one (a share of requests answered 503), median of several runs.
 *
 * <pre>
 * ./mvnw -q -o -pl src,connectors test-compile
 * java -cp "connectors/target/test-classes:connectors/target/classes:src/target/classes:$(cat /tmp/cp.txt)" \
 *     dev.earshot.connectors.helpdesk.HelpdeskBenchmark [conversations=300] [failureShare=0.3] [runs=5]
 * </pre>
 */
public final class HelpdeskBenchmark {

    private HelpdeskBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        double failureShare = args.length > 1 ? Double.parseDouble(args[1]) : 0.3;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<HandoffTicket> bundled = BundledTickets.versions();

        try (FakeZendesk zendesk = new FakeZendesk()) {
            HelpdeskDelivery delivery = delivery(zendesk);
            BundledTickets.deliverAll(delivery, bundled);
            HelpdeskDelivery replay = delivery(zendesk);
            BundledTickets.deliverAll(replay, bundled); // a replay without state, as after a restart from scratch
            System.out.printf(Locale.ROOT, "bundled stream: %d conversations, %d versions -> %d Zendesk tickets, %d comments "
                            + "(%d posts, %d duplicated); replay without state: %d found again, %d opened, %d comments%n",
                    bundled.stream().map(HandoffTicket::id).distinct().count(), bundled.size(), zendesk.tickets.size(),
                    zendesk.comments.values().stream().mapToInt(List::size).sum() - zendesk.tickets.size(),
                    markedPosts(zendesk).size(), markedPosts(zendesk).size() - new HashSet<>(markedPosts(zendesk)).size(),
                    replay.counters().ticketsFound(), replay.counters().ticketsOpened(), replay.counters().commentsAdded());
        }

        List<HandoffTicket> load = load(bundled, conversations);
        double[] perSecond = new double[runs];
        for (int run = 0; run < runs; run++) {
            try (FakeZendesk zendesk = new FakeZendesk()) {
                zendesk.failRandomly(failureShare);
                HelpdeskDelivery delivery = delivery(zendesk);
                long start = System.nanoTime();
                BundledTickets.deliverAll(delivery, load);
                double seconds = (System.nanoTime() - start) / 1e9;
                perSecond[run] = load.size() / seconds;
                DeliveryCounters c = delivery.counters();
                List<String> posts = markedPosts(zendesk);
                System.out.printf(Locale.ROOT, "run %d: %d versions of %d conversations, %.0f%% 503s: %.1f s, %.0f versions/s, "
                                + "%d requests, %d retries, %d dead letters, %d tickets opened, %d posts (%d duplicated)%n",
                        run + 1, load.size(), conversations, failureShare * 100, seconds, perSecond[run], c.requests(),
                        c.retries(), c.deadLetters(), zendesk.tickets.size(), posts.size(), posts.size() - new HashSet<>(posts).size());
            }
        }
        Arrays.sort(perSecond);
        System.out.printf(Locale.ROOT, "median: %.0f ticket versions/s (maxInFlight 8, backoff 50 ms..1 s, 6 attempts)%n",
                perSecond[runs / 2]);
    }

    private static HelpdeskDelivery delivery(FakeZendesk zendesk) {
        HelpdeskSettings settings = HelpdeskSettings.of(HelpdeskKind.ZENDESK, zendesk.url(), "ZENDESK_EMAIL", "ZENDESK_API_TOKEN")
                .withDelivery(8, Duration.ofSeconds(5), 6, Duration.ofMillis(50), Duration.ofSeconds(1));
        return new HelpdeskDelivery(settings, new HashMap<>(BundledTickets.ZENDESK_ENV)::get, Clock.systemUTC());
    }

    /** The bundled versions copied for {@code conversations} conversations, interleaved as a stream would carry them. */
    private static List<HandoffTicket> load(List<HandoffTicket> bundled, int conversations) {
        List<List<HandoffTicket>> perConversation = new ArrayList<>();
        for (int n = 0; n < conversations; n++) {
            String suffix = "-" + n;
            List<String> ids = bundled.stream().map(HandoffTicket::id).distinct().toList();
            String id = ids.get(n % ids.size());
            perConversation.add(bundled.stream().filter(t -> t.id().equals(id))
                    .map(t -> new HandoffTicket(t.id() + suffix, t.conversationKey() + suffix, t.status(), t.source(), t.customer(),
                            t.account(), t.posts().stream().map(p -> new dev.earshot.model.TicketPost(p.id() + suffix, p.createdAt(),
                                    p.text(), p.url(), p.sentimentScore(), p.label())).toList(), t.topics(), t.location(),
                            t.sentimentTrajectory(), t.priority(), t.linkedAlertIds(), t.reasons(), t.openedAt(), t.updatedAt()))
                    .toList());
        }
        List<HandoffTicket> interleaved = new ArrayList<>();
        for (int version = 0; version < 4; version++) {
            for (List<HandoffTicket> conversation : perConversation) {
                if (version < conversation.size()) {
                    interleaved.add(conversation.get(version));
                }
            }
        }
        return interleaved;
    }

    private static List<String> markedPosts(FakeZendesk zendesk) {
        return zendesk.comments.values().stream().flatMap(List::stream)
                .flatMap(c -> TicketText.markedPostIds(c.get("body").asText()).stream()).toList();
    }
}
