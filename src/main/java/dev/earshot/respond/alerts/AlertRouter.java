package dev.earshot.respond.alerts;

import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every delivery decision for one alert version: which channels it goes to (topics, locations), whether it is
 * worth a message there (the incident's thread, severity, quiet period), and when it may be sent (the channel's
 * token bucket). Pure: time is passed in. Not thread-safe: one sink writer owns it.
 */
public final class AlertRouter {

    /** What becomes of an alert version on one channel. */
    public sealed interface Route {
        AlertChannel channel();

        /** Send it after {@code delay}, as this position in the incident's thread. */
        record Dispatch(AlertChannel channel, ThreadPosition position, Duration delay) implements Route {
        }

        /** Not worth a message here; nothing is lost (the alert is in the job's alert output). */
        record Skip(AlertChannel channel, String reason) implements Route {
        }

        /** An update worth a message, held back by the quiet period (it is in the job's alert output). */
        record HeldBack(AlertChannel channel, String reason) implements Route {
        }

        /**
         * Worth a message at {@code position}, but the channel's rate limit would hold it too long: a dead letter. It
         * still counts for its incident's thread, so the next version of a refused announcement is worth a message (and
         * announces the incident in its place).
         */
        record RateLimited(AlertChannel channel, ThreadPosition position, String reason) implements Route {
        }
    }

    private record ChannelState(AlertChannel channel, IncidentThreads threads, TokenBucket bucket) {
    }

    private final List<ChannelState> channels = new ArrayList<>();

    public AlertRouter(List<AlertChannel> channels, Instant now) {
        for (AlertChannel channel : channels) {
            this.channels.add(new ChannelState(channel, new IncidentThreads(channel), new TokenBucket(channel.rateLimit(), now)));
        }
    }

    /** The alert's route on each channel that covers its topic and location, in configuration order. */
    public List<Route> route(Alert alert, Instant now) {
        List<Route> routes = new ArrayList<>();
        for (ChannelState state : channels) {
            if (!state.channel().covers(alert)) {
                continue;
            }
            IncidentThreads.Decision decision = state.threads().decide(alert, now);
            if (decision instanceof IncidentThreads.Decision.Skip skip) {
                routes.add(new Route.Skip(state.channel(), skip.reason()));
                continue;
            }
            if (decision instanceof IncidentThreads.Decision.HoldBack held) {
                routes.add(new Route.HeldBack(state.channel(), held.reason()));
                continue;
            }
            routes.add(dispatch(state, alert, ((IncidentThreads.Decision.Post) decision).position(), now));
        }
        return routes;
    }

    /**
     * The routes of an alert version sent again to the channels named (a redelivery of dead letters): each gets it
     * whatever its incident thread says, as the thread stayed in the job that first sent it (a follow-up then starts
     * a message of its own), but within the channel's rate limit. The quiet period holds none back: each was worth a
     * message when the job sent it, and an incident's dead-lettered versions come together. Other channels are not
     * touched.
     */
    public List<Route> routeAgain(Alert alert, Instant now, Set<String> channelNames) {
        List<Route> routes = new ArrayList<>();
        for (ChannelState state : channels) {
            if (channelNames.contains(state.channel().name())) {
                IncidentThreads.Decision decision = state.threads().decide(alert, now);
                ThreadPosition position = decision instanceof IncidentThreads.Decision.Post post ? post.position()
                        : decision instanceof IncidentThreads.Decision.HoldBack held ? held.position()
                        : alert.status() == AlertStatus.RESOLVED ? new ThreadPosition(MessageKind.RESOLUTION, alert.severity())
                        : ThreadPosition.FIRST;
                routes.add(dispatch(state, alert, position, now));
            }
        }
        return routes;
    }

    /**
     * A dispatch at {@code position} when the channel's rate limit lets it through in time. Either way the message
     * counts for its thread: one that is not delivered is a dead letter, and the next message takes its place.
     */
    private static Route dispatch(ChannelState state, Alert alert, ThreadPosition position, Instant now) {
        state.threads().posted(alert, now);
        Optional<Duration> wait = state.bucket().reserve(now);
        if (wait.isEmpty()) {
            RateLimit limit = state.channel().rateLimit();
            return new Route.RateLimited(state.channel(), position, "rate limit: the channel allows " + limit.perMinute()
                    + " messages a minute (burst " + limit.burst() + ") and its queue is longer than maxWait "
                    + limit.maxWait().toSeconds() + "s");
        }
        return new Route.Dispatch(state.channel(), position, wait.get());
    }

    /** Each channel's open incident threads, by channel name, for a checkpoint. */
    public Map<String, List<IncidentThreads.OpenThread>> snapshot() {
        Map<String, List<IncidentThreads.OpenThread>> open = new LinkedHashMap<>();
        for (ChannelState state : channels) {
            open.put(state.channel().name(), state.threads().snapshot());
        }
        return open;
    }

    /** Continues a checkpoint's threads; those of channels no longer configured are dropped. */
    public void restore(Map<String, List<IncidentThreads.OpenThread>> open) {
        for (ChannelState state : channels) {
            state.threads().restore(open.getOrDefault(state.channel().name(), List.of()));
        }
    }
}
