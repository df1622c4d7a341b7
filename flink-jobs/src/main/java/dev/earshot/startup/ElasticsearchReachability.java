package dev.earshot.startup;

import dev.earshot.config.Durations;
import dev.earshot.connectors.elasticsearch.ElasticsearchClients;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.earshot.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Asks {@code elasticsearch.url} once for its info ({@code GET /}), with a short timeout, and checks that the answer
 * is Elasticsearch's, not a web page or Kibana's. Without it, the sinks find
 * out when they first write, and the run fails after its restarts with the cause deep in Flink's exception chain.
 */
public final class ElasticsearchReachability {

    private static final String NOT_ELASTICSEARCH = "; set elasticsearch.url to Elasticsearch's own HTTP address "
            + "(port 9200 unless changed), not Kibana's or a web page's";

    private ElasticsearchReachability() {
    }

    public static void check(String urls, Duration timeout) {
        int millis = (int) timeout.toMillis();
        Response response;
        String body;
        try (RestClient client = RestClient.builder(ElasticsearchClients.hosts(urls))
                .setRequestConfigCallback(config -> config.setConnectTimeout(millis).setSocketTimeout(millis)
                        .setConnectionRequestTimeout(millis))
                .build()) {
            response = client.performRequest(new Request("GET", "/"));
            body = body(response);
            if (isElasticsearch(response, body)) {
                return;
            }
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            String answer = bodyOrNothing(e.getResponse());
            if (status != 401 && status != 403 && isElasticsearch(e.getResponse(), answer)) {
                // a node without the root endpoint (the integ-test distribution has no rest-root module) answers 405
                return;
            }
            throw new ServiceCheckException("Elasticsearch at " + urls + " (elasticsearch.url) answered HTTP " + status
                    + " with " + found(e.getResponse(), answer)
                    + (status == 401 || status == 403 ? ": it needs credentials, which Earshot does not send; "
                    + "allow anonymous access for Earshot's indices or put a proxy in front" : NOT_ELASTICSEARCH), e);
        } catch (IOException | RuntimeException e) {
            throw new ServiceCheckException("cannot reach Elasticsearch at " + urls + " (elasticsearch.url) within "
                    + Durations.format(timeout) + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "; check the address or start Elasticsearch", e);
        }
        throw new ServiceCheckException("the server at " + urls + " (elasticsearch.url) is not Elasticsearch: it answered "
                + "GET / with HTTP " + response.getStatusLine().getStatusCode() + " and " + found(response, body)
                + ", without Elasticsearch's version" + NOT_ELASTICSEARCH, null);
    }

    /**
     * Elasticsearch 7.14 and later name themselves in a header on every answer, which its Java client checks too;
     * its {@code GET /} also gives a {@code version.number}.
     */
    private static boolean isElasticsearch(Response response, String body) {
        if ("Elasticsearch".equals(response.getHeader("X-elastic-product"))) {
            return true;
        }
        try {
            return Json.mapper().readTree(body).path("version").path("number").isTextual();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** What the server sent: its content type and the start of its body, e.g. text/html "<html>...". */
    private static String found(Response response, String body) {
        String type = response.getEntity() == null || response.getEntity().getContentType() == null ? "no content type"
                : response.getEntity().getContentType().getValue();
        String text = body.replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? type + " and an empty body"
                : type + " \"" + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "\"";
    }

    private static String body(Response response) throws IOException {
        return response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
    }

    private static String bodyOrNothing(Response response) {
        try {
            return body(response);
        } catch (IOException e) {
            return "";
        }
    }
}
