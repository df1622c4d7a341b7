package dev.earshot.startup;

import dev.earshot.config.Durations;
import dev.earshot.connectors.elasticsearch.ElasticsearchClients;
import java.io.IOException;
import java.time.Duration;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Asks {@code elasticsearch.url} once for its info ({@code GET /}), with a short timeout. Without it, the sinks find
 * out when they first write, and the run fails after its restarts with the cause deep in Flink's exception chain.
 */
public final class ElasticsearchReachability {

    private ElasticsearchReachability() {
    }

    public static void check(String urls, Duration timeout) {
        int millis = (int) timeout.toMillis();
        try (RestClient client = RestClient.builder(ElasticsearchClients.hosts(urls))
                .setRequestConfigCallback(config -> config.setConnectTimeout(millis).setSocketTimeout(millis)
                        .setConnectionRequestTimeout(millis))
                .build()) {
            client.performRequest(new Request("GET", "/"));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            throw new ServiceCheckException("Elasticsearch at " + urls + " (elasticsearch.url) answered HTTP " + status
                    + (status == 401 || status == 403 ? ": it needs credentials, which Earshot does not send; "
                    + "allow anonymous access for Earshot's indices or put a proxy in front" : "; is this Elasticsearch?"), e);
        } catch (IOException | RuntimeException e) {
            throw new ServiceCheckException("cannot reach Elasticsearch at " + urls + " (elasticsearch.url) within "
                    + Durations.format(timeout) + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "; check the address or start Elasticsearch", e);
        }
    }
}
