package dev.earshot.connectors.http;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.earshot.json.Json;
import dev.earshot.respond.alerts.IncidentThreads;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * What the alert delivery writer checkpoints, so that a restarted job continues its incidents' threads: each
 * channel's open threads (severity, quiet period) and, for slack-api channels, the {@code ts} of the message each
 * thread hangs from. Small: one entry per open incident and channel; resolved incidents leave it.
 *
 * @param threads open threads by channel name
 * @param slackThreads the thread's {@code ts} by {@code "<channel>|<incident id>"}
 * @param checkpointedAt when the state was taken, every message before it settled: a job restored from it may have
 *     posted the messages it replays since then; null in states written before it was kept
 * @param unheard the open threads, as {@code "<channel>|<incident id>"}, none of whose messages got through, with the
 *     highest severity of those that failed: their next message announces the incident
 *     ({@link dev.earshot.respond.alerts.UnheardIncidents}); absent in states written before it was kept
 */
public record AlertDeliveryState(Map<String, List<IncidentThreads.OpenThread>> threads, Map<String, String> slackThreads,
                                 Instant checkpointedAt, Map<String, Integer> unheard) {

    public AlertDeliveryState {
        threads = threads == null ? Map.of() : Map.copyOf(threads);
        slackThreads = slackThreads == null ? Map.of() : Map.copyOf(slackThreads);
        unheard = unheard == null ? Map.of() : Map.copyOf(unheard);
    }

    /** As canonical JSON, which tolerates fields added later. */
    static final class Serializer implements SimpleVersionedSerializer<AlertDeliveryState> {

        private static final TypeReference<AlertDeliveryState> TYPE = new TypeReference<>() {
        };

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(AlertDeliveryState state) throws IOException {
            return Json.mapper().writeValueAsBytes(state);
        }

        @Override
        public AlertDeliveryState deserialize(int version, byte[] serialized) throws IOException {
            return Json.mapper().readValue(serialized, TYPE);
        }
    }
}
