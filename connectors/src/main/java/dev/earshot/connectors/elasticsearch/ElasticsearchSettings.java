package dev.earshot.connectors.elasticsearch;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How the Elasticsearch sink connects and batches. A bulk request is sent when it holds {@code maxActions}
 * documents or {@code maxBytes}, or {@code flushInterval} after its first document, whichever comes first; at
 * most {@code maxConcurrentRequests} are in flight, after which the sink back-pressures the job.
 *
 * @param urls one or more nodes, comma-separated, e.g. {@code http://localhost:9200}
 * @param installTemplates whether each writer installs its index template before its first write (idempotent);
 *                         off when an operator installs them with {@code earshot es setup}
 */
public record ElasticsearchSettings(String urls, int maxActions, long maxBytes, Duration flushInterval,
                                    int maxConcurrentRequests, RetryPolicy retry, boolean installTemplates)
        implements Serializable {

    public ElasticsearchSettings {
        nodes(urls);
        if (maxActions < 1) {
            throw new IllegalArgumentException("elasticsearch.maxActions must be >= 1, was " + maxActions + "; e.g. 1000");
        }
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("elasticsearch.maxBytes must be >= 1024, was " + maxBytes + "; e.g. 5242880 (5 MB)");
        }
        if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("elasticsearch.flushInterval must be positive, was " + flushInterval + "; e.g. 1s");
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException(
                    "elasticsearch.maxConcurrentRequests must be >= 1, was " + maxConcurrentRequests + "; e.g. 2");
        }
        if (retry == null) {
            throw new IllegalArgumentException("elasticsearch.retry is required");
        }
    }

    /** 1,000 documents or 5 MB per bulk request, sent at least every second, two in flight, templates installed. */
    public static ElasticsearchSettings defaults(String urls) {
        return new ElasticsearchSettings(urls, 1000, 5L << 20, Duration.ofSeconds(1), 2, RetryPolicy.defaults(), true);
    }

    public ElasticsearchSettings withRetry(RetryPolicy retry) {
        return new ElasticsearchSettings(urls, maxActions, maxBytes, flushInterval, maxConcurrentRequests, retry, installTemplates);
    }

    public ElasticsearchSettings withBatches(int maxActions, long maxBytes, Duration flushInterval, int maxConcurrentRequests) {
        return new ElasticsearchSettings(urls, maxActions, maxBytes, flushInterval, maxConcurrentRequests, retry, installTemplates);
    }

    /** The nodes of {@link #urls()}; each must be an http(s) URL with a host. */
    public static List<URI> nodes(String urls) {
        if (urls == null || urls.isBlank()) {
            throw new IllegalArgumentException("elasticsearch.url is required, e.g. http://localhost:9200");
        }
        return Arrays.stream(urls.split(",")).map(String::strip).map(url -> {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("elasticsearch.url: '" + url + "' is not a URL; e.g. http://localhost:9200", e);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "elasticsearch.url: '" + url + "' must be http(s)://host[:port]; e.g. http://localhost:9200");
            }
            return uri;
        }).toList();
    }
}
