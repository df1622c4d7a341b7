package dev.earshot.config;

import dev.earshot.connectors.elasticsearch.ElasticsearchSettings;
import dev.earshot.connectors.elasticsearch.RetryPolicy;
import java.io.Serializable;
import java.time.Duration;

/**
 * {@code elasticsearch} as a user writes it: only the URL is required; the rest falls back to
 * {@link ElasticsearchSettings#defaults}. Used when {@code output.to} lists {@code elasticsearch}.
 *
 * <pre>{@code
 * elasticsearch: { url: http://localhost:9200 }
 * }</pre>
 *
 * @param url one node URL, or several separated by commas
 * @param maxBytes bytes per bulk request
 */
public record ElasticsearchConfig(
        String url,
        Integer maxActions,
        Long maxBytes,
        Duration flushInterval,
        Integer maxConcurrentRequests,
        Integer retries,
        Duration initialBackoff,
        Duration maxBackoff,
        Boolean installTemplates) implements Serializable {

    public ElasticsearchConfig {
        // The address is checked on loading, so that `config FILE` refuses what `run` would (localhost:9200).
        if (url != null) {
            ElasticsearchSettings.nodes(url);
        }
    }

    /** Builds the connector's settings, which name the offending {@code elasticsearch.*} key when a value is wrong. */
    public ElasticsearchSettings toSettings() {
        if (url == null || url.isBlank()) {
            throw new ConfigException("elasticsearch.url is required, e.g. http://localhost:9200");
        }
        try {
            ElasticsearchSettings base = ElasticsearchSettings.defaults(url);
            RetryPolicy retry = base.retry();
            return new ElasticsearchSettings(url, or(maxActions, base.maxActions()), or(maxBytes, base.maxBytes()),
                    or(flushInterval, base.flushInterval()), or(maxConcurrentRequests, base.maxConcurrentRequests()),
                    retryPolicy(retry),
                    or(installTemplates, base.installTemplates()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private RetryPolicy retryPolicy(RetryPolicy defaults) {
        try {
            return new RetryPolicy(or(retries, defaults.maxRetries()), or(initialBackoff, defaults.initialBackoff()),
                    or(maxBackoff, defaults.maxBackoff()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("elasticsearch: " + e.getMessage() + " (keys retries, initialBackoff, maxBackoff)", e);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
