package dev.earshot.respond.alerts;

import static dev.earshot.model.AlertStatus.OPEN;
import static dev.earshot.model.AlertStatus.RESOLVED;
import static dev.earshot.model.AlertStatus.UPDATED;
import static dev.earshot.respond.alerts.AlertFixtures.BENGALURU;
import static dev.earshot.respond.alerts.AlertFixtures.alert;
import static dev.earshot.respond.alerts.AlertFixtures.parking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.Alert;
import dev.earshot.respond.alerts.AlertRouter.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Routing, threads, the quiet period and rate limits, on a fake clock. */
class AlertRouterTest {

    private static final Instant T0 = Instant.parse("2026-03-04T06:00:00Z");
    private static final RateLimit GENEROUS = new RateLimit(600.0, 100, Duration.ofMinutes(5));

    private static AlertChannel channel(String name, List<String> topics, List<String> locations, int minSeverity,
                                        RateLimit limit, Duration quietPeriod, int maxPerIncident) {
        return new AlertChannel(name, ChannelType.SLACK, "URL_" + name.toUpperCase().replace('-', '_'), null, null, null, null, topics,
                locations, minSeverity, null, limit, quietPeriod, maxPerIncident);
    }

    private static AlertChannel everything(String name) {
        return channel(name, List.of(), List.of(), 1, GENEROUS, Duration.ofHours(1), 3);
    }

    @Test
    void topicsAndLocationsChooseTheChannelsByIdOrNameInAnyCase() {
        AlertChannel parkingBengaluru = channel("parking-blr", List.of("parking"), List.of("bengaluru"), 1, GENEROUS, Duration.ofHours(1), 3);
        AlertChannel mumbai = channel("mumbai", List.of(), List.of("geonames:1275339"), 1, GENEROUS, Duration.ofHours(1), 3);
        AlertChannel all = everything("all");
        AlertRouter router = new AlertRouter(List.of(parkingBengaluru, mumbai, all), T0);

        assertThat(channels(router.route(parking("a", OPEN, 5), T0))).containsExactly("parking-blr", "all");
        assertThat(channels(router.route(alert("b", OPEN, "public_transport", "geonames:1275339", "Mumbai", 5), T0)))
                .containsExactly("mumbai", "all");
        assertThat(channels(router.route(alert("c", OPEN, "waste", BENGALURU, "Bengaluru", 5), T0))).containsExactly("all");
    }

    @Test
    void anIncidentIsOneThreadFirstUpdatesOnSeverityChangesThenItsResolution() {
        AlertRouter router = new AlertRouter(List.of(everything("ops")), T0);

        assertThat(only(router.route(parking("a", OPEN, 5), T0))).isEqualTo(dispatch(MessageKind.FIRST, null));
        assertThat(only(router.route(parking("a", OPEN, 5), T0.plusSeconds(60))))
                .isEqualTo(new Route.Skip(everything("ops"), "the incident was already announced"));
        assertThat(only(router.route(parking("a", UPDATED, 5), T0.plusSeconds(1800))))
                .isEqualTo(new Route.Skip(everything("ops"), "severity unchanged at 5"));
        assertThat(only(router.route(parking("a", UPDATED, 7), T0.plusSeconds(3600)))).isEqualTo(dispatch(MessageKind.UPDATE, 5));
        assertThat(only(router.route(parking("a", RESOLVED, 7), T0.plusSeconds(5400)))).isEqualTo(dispatch(MessageKind.RESOLUTION, 7));
        assertThat(only(router.route(parking("a", RESOLVED, 7), T0.plusSeconds(7200))))
                .isEqualTo(new Route.Skip(everything("ops"), "the incident was never announced on this channel"));
    }

    @Test
    void aRedeliveryGoesOnlyToTheNamedChannelsWhateverTheirThreadsSayButWithinTheirRateLimits() {
        AlertChannel tight = channel("tight", List.of(), List.of(), 1, new RateLimit(1.0, 1, Duration.ZERO),
                Duration.ofHours(1), 3);
        AlertRouter router = new AlertRouter(List.of(everything("ops"), everything("other"), tight), T0);

        assertThat(router.routeAgain(parking("a", RESOLVED, 7), T0, Set.of("ops")))
                .as("the resolution of an incident this router never announced still goes, as a resolution")
                .containsExactly(new Route.Dispatch(everything("ops"), new ThreadPosition(MessageKind.RESOLUTION, 7), Duration.ZERO));
        assertThat(router.routeAgain(parking("b", OPEN, 5), T0, Set.of("tight"))).singleElement()
                .isInstanceOf(Route.Dispatch.class);
        assertThat(router.routeAgain(parking("c", OPEN, 5), T0, Set.of("tight"))).singleElement()
                .isInstanceOf(Route.RateLimited.class);
        assertThat(router.route(parking("d", OPEN, 5), T0))
                .as("a job's routing goes on as before: 'other' was not touched, 'tight' spent its token")
                .contains(new Route.Dispatch(everything("other"), ThreadPosition.FIRST, Duration.ZERO))
                .filteredOn(route -> route.channel().equals(tight)).singleElement().isInstanceOf(Route.RateLimited.class);
    }

    @Test
    void aRedeliveredIncidentStaysOneThreadHoweverManyOfItsUpdatesComeAtOnce() {
        AlertRouter router = new AlertRouter(List.of(everything("ops")), T0);
        List<Alert> deadLetters = List.of(parking("a", OPEN, 5), parking("a", UPDATED, 6), parking("a", UPDATED, 7),
                parking("a", UPDATED, 8), parking("a", RESOLVED, 8));

        assertThat(deadLetters.stream().map(alert -> only(router.routeAgain(alert, T0, Set.of("ops")))).toList())
                .as("the quiet period (3 an hour) holds back none, and the fourth message is an update, not a new thread")
                .containsExactly(dispatch(MessageKind.FIRST, null), dispatch(MessageKind.UPDATE, 5), dispatch(MessageKind.UPDATE, 6),
                        dispatch(MessageKind.UPDATE, 7), dispatch(MessageKind.RESOLUTION, 8));
    }

    @Test
    void aRestoredRouterContinuesTheThreadsItsSnapshotHeld() {
        AlertChannel ops = channel("ops", List.of(), List.of(), 1, GENEROUS, Duration.ofHours(1), 2);
        AlertRouter before = new AlertRouter(List.of(ops, everything("gone")), T0);
        before.route(parking("a", OPEN, 3), T0);
        before.route(parking("a", UPDATED, 4), T0.plusSeconds(600));
        before.route(parking("b", OPEN, 5), T0);
        before.route(parking("b", RESOLVED, 5), T0.plusSeconds(60));

        AlertRouter after = new AlertRouter(List.of(ops), T0.plusSeconds(900));
        after.restore(before.snapshot());

        assertThat(after.snapshot().get("ops")).extracting(IncidentThreads.OpenThread::incidentId).containsExactly("a");
        assertThat(after.snapshot()).containsOnlyKeys("ops");
        assertThat(only(after.route(parking("a", UPDATED, 6), T0.plusSeconds(1200))))
                .as("the quiet period still counts the two messages before the restart")
                .isEqualTo(new Route.HeldBack(ops, "quiet period: 2 messages on this incident within 60 min"));
        assertThat(only(after.route(parking("a", RESOLVED, 6), T0.plusSeconds(1300))))
                .isEqualTo(new Route.Dispatch(ops, new ThreadPosition(MessageKind.RESOLUTION, 4), Duration.ZERO));
        assertThat(only(after.route(parking("b", UPDATED, 6), T0.plusSeconds(1300))))
                .as("a resolved incident's thread was closed, so a new version starts one")
                .isEqualTo(new Route.Dispatch(ops, ThreadPosition.FIRST, Duration.ZERO));
    }

    @Test
    void aReplayedIncidentHoldsBackItsLastUpdateAndStillSendsItsResolution() {
        // qa5 defect 2: a -s 1200 replay hands the delivery writer 3.5 h of one incident's versions within 13 s
        AlertChannel ops = channel("ops", List.of(), List.of(), 1, RateLimit.defaults(), Duration.ofHours(1), 3);
        AlertRouter router = new AlertRouter(List.of(ops), T0);
        List<Route> routes = List.of(only(router.route(parking("a", OPEN, 6), T0)),
                only(router.route(parking("a", UPDATED, 7), T0.plusMillis(2_640))),
                only(router.route(parking("a", UPDATED, 5), T0.plusMillis(7_230))),
                only(router.route(parking("a", UPDATED, 3), T0.plusMillis(10_200))),
                only(router.route(parking("a", RESOLVED, 3), T0.plusMillis(13_230))));

        assertThat(routes).containsExactly(
                new Route.Dispatch(ops, ThreadPosition.FIRST, Duration.ZERO),
                new Route.Dispatch(ops, new ThreadPosition(MessageKind.UPDATE, 6), Duration.ZERO),
                new Route.Dispatch(ops, new ThreadPosition(MessageKind.UPDATE, 7), Duration.ZERO),
                new Route.HeldBack(ops, "quiet period: 3 messages on this incident within 60 min"),
                new Route.Dispatch(ops, new ThreadPosition(MessageKind.RESOLUTION, 5), Duration.ZERO));
    }

    @Test
    void theQuietPeriodCapsUpdatesPerIncidentButNeverHoldsBackTheResolution() {
        AlertChannel ops = channel("ops", List.of(), List.of(), 1, GENEROUS, Duration.ofHours(1), 2);
        AlertRouter router = new AlertRouter(List.of(ops), T0);
        router.route(parking("a", OPEN, 3), T0);
        assertThat(only(router.route(parking("a", UPDATED, 4), T0.plusSeconds(600)))).isInstanceOf(Route.Dispatch.class);

        Route third = only(router.route(parking("a", UPDATED, 6), T0.plusSeconds(1200)));
        assertThat(third).isEqualTo(new Route.HeldBack(ops, "quiet period: 2 messages on this incident within 60 min"));
        assertThat(only(router.route(parking("a", UPDATED, 6), T0.plusSeconds(3601))))
                .as("the first message left the period").isEqualTo(new Route.Dispatch(ops, new ThreadPosition(MessageKind.UPDATE, 4), Duration.ZERO));
        assertThat(only(router.route(parking("a", RESOLVED, 6), T0.plusSeconds(3700)))).isInstanceOf(Route.Dispatch.class);
    }

    @Test
    void minSeverityStartsAThreadWhoseFollowUpsThenGoThereWhateverTheirSeverity() {
        AlertChannel urgent = channel("urgent", List.of(), List.of(), 6, GENEROUS, Duration.ofHours(1), 3);
        AlertRouter router = new AlertRouter(List.of(urgent), T0);

        assertThat(only(router.route(parking("a", OPEN, 4), T0)))
                .isEqualTo(new Route.Skip(urgent, "severity 4 is below the channel's minSeverity 6"));
        assertThat(only(router.route(parking("a", UPDATED, 7), T0.plusSeconds(1800))))
                .as("the first version severe enough opens the thread")
                .isEqualTo(new Route.Dispatch(urgent, ThreadPosition.FIRST, Duration.ZERO));
        assertThat(only(router.route(parking("a", UPDATED, 5), T0.plusSeconds(3600))))
                .isEqualTo(new Route.Dispatch(urgent, new ThreadPosition(MessageKind.UPDATE, 7), Duration.ZERO));
        assertThat(only(router.route(parking("b", OPEN, 2), T0))).isInstanceOf(Route.Skip.class);
        assertThat(only(router.route(parking("b", RESOLVED, 2), T0.plusSeconds(60))))
                .isEqualTo(new Route.Skip(urgent, "the incident was never announced on this channel"));
    }

    @Test
    void theRateLimitDelaysMessagesThenRefusesThemBeyondMaxWait() {
        AlertChannel slow = channel("slow", List.of(), List.of(), 1, new RateLimit(1.0, 2, Duration.ofMinutes(2)), Duration.ofHours(1), 3);
        AlertRouter router = new AlertRouter(List.of(slow), T0);

        assertThat(delayOf(router.route(parking("a", OPEN, 5), T0))).isEqualTo(Duration.ZERO);
        assertThat(delayOf(router.route(parking("b", OPEN, 5), T0))).isEqualTo(Duration.ZERO);
        assertThat(delayOf(router.route(parking("c", OPEN, 5), T0))).isEqualTo(Duration.ofMinutes(1));
        assertThat(delayOf(router.route(parking("d", OPEN, 5), T0))).isEqualTo(Duration.ofMinutes(2));
        Route refused = only(router.route(parking("e", OPEN, 5), T0));
        assertThat(refused).isInstanceOf(Route.RateLimited.class);
        assertThat(((Route.RateLimited) refused).reason())
                .isEqualTo("rate limit: the channel allows 1.0 messages a minute (burst 2) and its queue is longer than maxWait 120s");
        assertThat(only(router.route(parking("e", UPDATED, 7), T0.plusSeconds(60))))
                .as("a refused first message started the thread: its follow-up follows it")
                .isEqualTo(new Route.Dispatch(slow, new ThreadPosition(MessageKind.UPDATE, 5), Duration.ofMinutes(2)));
    }

    @Test
    void anAnnouncementTheRateLimitRefusedStillCountsForItsThreadSoItsUpdatesAndResolutionFollowIt() {
        AlertChannel tight = channel("tight", List.of(), List.of(), 1, new RateLimit(1.0, 1, Duration.ZERO), Duration.ofHours(1), 3);
        AlertRouter router = new AlertRouter(List.of(tight), T0);
        assertThat(only(router.route(parking("a", OPEN, 5), T0))).isInstanceOf(Route.Dispatch.class);

        assertThat(only(router.route(parking("b", OPEN, 5), T0))).isEqualTo(new Route.RateLimited(tight, ThreadPosition.FIRST,
                "rate limit: the channel allows 1.0 messages a minute (burst 1) and its queue is longer than maxWait 0s"));
        assertThat(only(router.route(parking("b", UPDATED, 7), T0.plusSeconds(60))))
                .as("an update to the router; the writer sends it as the announcement if that failed")
                .isEqualTo(new Route.Dispatch(tight, new ThreadPosition(MessageKind.UPDATE, 5), Duration.ZERO));
        assertThat(only(router.route(parking("c", OPEN, 6), T0.plusSeconds(60)))).isInstanceOf(Route.RateLimited.class);
        assertThat(only(router.route(parking("c", RESOLVED, 6), T0.plusSeconds(120))))
                .as("not skipped as never announced: the announcement is a dead letter, and its resolution follows it")
                .isEqualTo(new Route.Dispatch(tight, new ThreadPosition(MessageKind.RESOLUTION, 6), Duration.ZERO));
        assertThat(router.snapshot().get("tight")).extracting(IncidentThreads.OpenThread::incidentId).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void eachChannelKeepsItsOwnThreadsAndLimits() {
        AlertChannel quiet = channel("quiet", List.of(), List.of(), 8, GENEROUS, Duration.ofHours(1), 3);
        AlertRouter router = new AlertRouter(List.of(everything("ops"), quiet), T0);

        List<Route> open = router.route(parking("a", OPEN, 5), T0);
        assertThat(open.get(0)).isInstanceOf(Route.Dispatch.class);
        assertThat(open.get(1)).isInstanceOf(Route.Skip.class);
        List<Route> worse = router.route(parking("a", UPDATED, 9), T0.plusSeconds(60));
        assertThat(((Route.Dispatch) worse.get(0)).position()).isEqualTo(new ThreadPosition(MessageKind.UPDATE, 5));
        assertThat(((Route.Dispatch) worse.get(1)).position()).isEqualTo(ThreadPosition.FIRST);
    }

    private static Route.Dispatch dispatch(MessageKind kind, Integer previousSeverity) {
        return new Route.Dispatch(everything("ops"), new ThreadPosition(kind, previousSeverity), Duration.ZERO);
    }

    private static Route only(List<Route> routes) {
        assertThat(routes).hasSize(1);
        return routes.get(0);
    }

    private static Duration delayOf(List<Route> routes) {
        return ((Route.Dispatch) only(routes)).delay();
    }

    private static List<String> channels(List<Route> routes) {
        return routes.stream().map(route -> route.channel().name()).toList();
    }
}
