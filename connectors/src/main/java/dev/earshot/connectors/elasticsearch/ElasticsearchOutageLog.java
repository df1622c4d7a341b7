package dev.earshot.connectors.elasticsearch;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when Elasticsearch stops taking the writes of this JVM's writers, and when it takes them again: one WARN line
 * each, however many writers (one per index and subtask) retry meanwhile. Without it a stalled job is silent while
 * its documents wait out their back-off.
 */
final class ElasticsearchOutageLog {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSink.class);
    private static final Map<String, ElasticsearchOutageLog> BY_URLS = new ConcurrentHashMap<>();

    private final String urls;
    /** The writers that retry now; guarded by {@code this}. */
    private final Set<Object> retrying = new HashSet<>();
    private Instant since;

    private ElasticsearchOutageLog(String urls) {
        this.urls = urls;
    }

    static ElasticsearchOutageLog of(String urls) {
        return BY_URLS.computeIfAbsent(urls, ElasticsearchOutageLog::new);
    }

    /**
     * {@code writer} retries {@code what} after {@code problem}, for up to {@code bound}: the first writer to do so
     * says it.
     */
    synchronized void retrying(Object writer, String what, String problem, Duration bound) {
        if (retrying.isEmpty()) {
            since = Instant.now();
            LOG.warn("Elasticsearch at {} is not taking writes ({}): {} retried with back-off for up to {}; if it stays "
                    + "away longer the job restarts from its last checkpoint (recovery.*)", urls, problem, what,
                    seconds(bound));
        }
        retrying.add(writer);
    }

    /** Elasticsearch answered {@code writer} again: when no writer retries any more, says so. */
    synchronized void answered(Object writer) {
        if (retrying.remove(writer) && retrying.isEmpty()) {
            LOG.warn("Elasticsearch at {} takes writes again, after {} of retries", urls,
                    seconds(Duration.between(since, Instant.now())));
        }
    }

    /** {@code writer} closed without an answer (the job restarts or stops): the next one to retry says it again. */
    synchronized void closed(Object writer) {
        retrying.remove(writer);
    }

    private static String seconds(Duration duration) {
        double seconds = duration.toMillis() / 1000.0;
        return seconds < 10 ? String.format(Locale.ROOT, "%.1f s", seconds) : Math.round(seconds) + " s";
    }
}
