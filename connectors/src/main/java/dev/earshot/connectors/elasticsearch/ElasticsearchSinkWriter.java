package dev.earshot.connectors.elasticsearch;

import dev.earshot.connectors.SinkContexts;

import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import dev.earshot.json.Json;
import dev.earshot.model.DeadLetter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The writer of {@link ElasticsearchSink}; see there for what it guarantees. */
final class ElasticsearchSinkWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);
    static final String STAGE = "elasticsearch";

    /** One try of one document version, or of a deletion ({@code json} null); a retry is a new try of the same. */
    private record Attempt(String index, String id, byte[] json, int retry) {

        boolean delete() {
            return json == null;
        }

        String key() {
            return index + '/' + id;
        }

        Attempt next() {
            return new Attempt(index, id, json, retry + 1);
        }
    }

    private final IndexRoute<T> route;
    private final RetryPolicy retryPolicy;
    private final ElasticsearchTransport transport;
    private final ElasticsearchClient searcher;
    private final BulkIngester<Attempt> ingester;
    /**
     * The one thread that hands documents to the ingester, retries and waiting versions included. The task thread
     * never calls into the ingester itself: its locks do not answer interrupts, so a task blocked there while
     * Elasticsearch is away could not be cancelled, and Flink would give up on the whole TaskManager.
     */
    private final ScheduledExecutorService feeder;
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final SinkWriter<DeadLetter> refused;

    private final int maxInFlight;
    private final int batchSize;
    /** Ids to delete whose index is not known: looked up in {@code template-*} a batch at a time. */
    private final Set<String> unlocated = new LinkedHashSet<>();
    private final Counter deleted;
    private final Counter written;
    private final Counter refusedCount;
    private final Counter retries;

    private final Object lock = new Object();
    /** Per document key, the version Elasticsearch has not answered for yet. Guarded by {@link #lock}. */
    private final Map<String, Attempt> inFlight = new HashMap<>();
    /** Per document key, the newest version that arrived while another was in flight. Guarded by {@link #lock}. */
    private final Map<String, Attempt> waiting = new HashMap<>();
    /** Filled by the listener's thread, drained into {@link #refused} by the task thread. */
    private final Queue<DeadLetter> refusedDocuments = new ConcurrentLinkedQueue<>();
    private volatile IOException failure;
    private final ElasticsearchOutageLog outage;
    /** Whether this writer retries documents that got no answer or a transient one; set by the listener's threads. */
    private volatile boolean retrying;

    private ElasticsearchSinkWriter(ElasticsearchSettings settings, IndexRoute<T> route, ElasticsearchTransport transport,
                                    SinkWriter<DeadLetter> refused, MetricGroup metrics) {
        this.route = route;
        this.maxInFlight = settings.maxActions() * (settings.maxConcurrentRequests() + 1);
        this.batchSize = settings.maxActions();
        // Counted on the client's threads, hence thread-safe counters.
        this.written = metrics.counter("elasticsearchDocumentsWritten", new ThreadSafeSimpleCounter());
        this.refusedCount = metrics.counter("elasticsearchDocumentsRefused", new ThreadSafeSimpleCounter());
        this.retries = metrics.counter("elasticsearchRetries", new ThreadSafeSimpleCounter());
        this.deleted = metrics.counter("elasticsearchDocumentsDeleted", new ThreadSafeSimpleCounter());
        this.retryPolicy = settings.retry();
        this.transport = new AnswersOffTheIoThread(transport, route.template());
        this.searcher = ElasticsearchClients.client(this.transport);
        this.refused = refused;
        this.outage = ElasticsearchOutageLog.of(settings.urls());
        this.feeder = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "elasticsearch-feeder-" + route.template());
            thread.setDaemon(true);
            return thread;
        });
        this.ingester = BulkIngester.of(b -> b.client(ElasticsearchClients.asyncClient(this.transport))
                .maxOperations(settings.maxActions())
                .maxSize(settings.maxBytes())
                .maxConcurrentRequests(settings.maxConcurrentRequests())
                .flushInterval(settings.flushInterval().toMillis(), TimeUnit.MILLISECONDS)
                .listener(new Listener()));
    }

    static <T> ElasticsearchSinkWriter<T> open(ElasticsearchSettings settings, IndexRoute<T> route,
                                              SinkWriter<DeadLetter> refused, MetricGroup metrics) throws IOException {
        ElasticsearchTransport transport = ElasticsearchClients.transport(settings.urls());
        if (settings.installTemplates()) {
            try {
                installTemplate(settings, route.template(), transport);
            } catch (IOException | RuntimeException e) {
                transport.close();
                throw e;
            }
        }
        return new ElasticsearchSinkWriter<>(settings, route, transport, refused, metrics);
    }

    /**
     * Installs the route's index template. While Elasticsearch does not answer, it waits with the back-off of the
     * bulk writes (interruptibly, so that the job can still be cancelled or stopped): a job restarting during an
     * outage then rides out as much of it on each restart as its writes did, rather than spending its restarts at once.
     */
    private static void installTemplate(ElasticsearchSettings settings, String template, ElasticsearchTransport transport)
            throws IOException {
        RetryPolicy policy = settings.retry();
        ElasticsearchOutageLog outage = ElasticsearchOutageLog.of(settings.urls());
        Object installer = new Object();
        try {
            for (int retry = 0; ; retry++) {
                try {
                    IndexTemplates.install(ElasticsearchClients.client(transport), List.of(template));
                    outage.answered(installer);
                    return;
                } catch (IOException | ElasticsearchException e) {
                    if (!isTransient(e) || !policy.allowsRetry(retry)) {
                        throw new IOException("cannot install index template " + template + " at " + settings.urls()
                                + (retry == 0 ? "" : " after " + (retry + 1) + " tries") + ": " + e.getMessage()
                                + " (is Elasticsearch running there? check elasticsearch.url)", e);
                    }
                    outage.retrying(installer, "installing index template " + template + " is",
                            String.valueOf(e), policy.totalBackoff());
                    Thread.sleep(policy.backoff(retry + 1).toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for Elasticsearch at " + settings.urls()
                    + " to install index template " + template);
        } finally {
            outage.closed(installer);
        }
    }

    /** No answer at all, or one that may change later (429, 502-504); a 400 or 401 would come again. */
    private static boolean isTransient(Exception e) {
        if (e instanceof ElasticsearchException refusal) {
            return RetryPolicy.isTransient(refusal.status());
        }
        return !(e instanceof TransportException answered && answered.response() != null
                && !RetryPolicy.isTransient(answered.statusCode()));
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        // Bounded also while retries wait out their back-off, which the ingester's own limits do not count.
        awaitInFlightBelow(maxInFlight);
        writeRefused();
        String id = route.id().apply(element);
        if (route.deletes().apply(element)) {
            String index = route.index().apply(element);
            if (index == null) {
                unlocated.add(id);
                if (unlocated.size() >= batchSize) {
                    deleteUnlocated();
                }
                return;
            }
            submit(new Attempt(index, id, null, 0));
            return;
        }
        submit(new Attempt(route.index().apply(element), id, Json.mapper().writeValueAsBytes(route.document().apply(element)), 0));
    }

    private void submit(Attempt attempt) {
        synchronized (lock) {
            if (inFlight.containsKey(attempt.key())) {
                waiting.put(attempt.key(), attempt);
                return;
            }
            inFlight.put(attempt.key(), attempt);
        }
        // The task waits for room in awaitInFlightBelow, where an interrupt reaches it (back-pressure).
        resend(attempt, 0);
    }

    /** Returns once Elasticsearch has answered for every document written so far, retries included. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        deleteUnlocated();
        awaitInFlightBelow(1);
        writeRefused();
        refused.flush(endOfInput);
        throwIfFailed();
    }

    /**
     * Finds the documents of the ids to delete whose index is not known, in every {@code template-*} index, and
     * deletes each. An ids query rather than delete-by-query, which needs the reindex module that not every cluster
     * has; the documents are old (the job no longer remembers their time), so a search sees them.
     */
    private void deleteUnlocated() throws IOException {
        if (unlocated.isEmpty()) {
            return;
        }
        List<String> ids = List.copyOf(unlocated);
        unlocated.clear();
        SearchResponse<Void> found;
        try {
            found = searcher.search(search -> search.index(route.template() + "-*").ignoreUnavailable(true)
                    .allowNoIndices(true).size(ids.size() * 2).source(source -> source.fetch(false))
                    .query(query -> query.ids(byIds -> byIds.values(ids))), Void.class);
        } catch (ElasticsearchException | IOException e) {
            throw new IOException("cannot look up " + ids.size() + " deleted posts in " + route.template() + "-*: "
                    + e.getMessage() + " (the job restarts from its last checkpoint and tries again)", e);
        }
        for (Hit<Void> hit : found.hits().hits()) {
            submit(new Attempt(hit.index(), hit.id(), null, 0));
        }
    }

    /**
     * Waits until fewer than {@code limit} documents await Elasticsearch's answer. Retries and waiting versions
     * enter the ingester from other threads, so it flushes again each time it wakes.
     */
    private void awaitInFlightBelow(int limit) throws IOException, InterruptedException {
        while (true) {
            throwIfFailed();
            synchronized (lock) {
                if (inFlight.size() < limit) {
                    return;
                }
            }
            if (flushQueued.compareAndSet(false, true) && !feeder.isShutdown()) {
                feeder.execute(() -> {
                    flushQueued.set(false);
                    ingester.flush();
                });
            }
            synchronized (lock) {
                if (inFlight.size() >= limit && failure == null) {
                    lock.wait(50);
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        outage.closed(this);
        feeder.shutdownNow();
        try {
            // The ingester before the connections: its close waits until every request it sent is answered, which
            // the client's timeouts bound, so a writer cancelled while Elasticsearch is away still closes.
            ingester.close();
        } finally {
            try {
                transport.close();
            } finally {
                refused.close();
            }
        }
    }

    private BulkOperation operation(Attempt attempt) {
        if (attempt.delete()) {
            return BulkOperation.of(op -> op.delete(delete -> delete.index(attempt.index()).id(attempt.id())));
        }
        return switch (route.mode()) {
            case INDEX -> BulkOperation.of(op -> op.index(index -> index.index(attempt.index()).id(attempt.id())
                    .document(BinaryData.of(attempt.json(), ContentType.APPLICATION_JSON))));
            // The update action as bytes, as BulkIngester would make it; the client cannot nest a BinaryData doc.
            case UPSERT -> BulkOperation.of(op -> op.update(update -> update.index(attempt.index()).id(attempt.id())
                    .binaryAction(BinaryData.of(upsertAction(attempt.json()), ContentType.APPLICATION_JSON))));
        };
    }

    private static byte[] upsertAction(byte[] document) {
        byte[] head = "{\"doc\":".getBytes(StandardCharsets.UTF_8);
        byte[] tail = ",\"doc_as_upsert\":true}".getBytes(StandardCharsets.UTF_8);
        byte[] action = Arrays.copyOf(head, head.length + document.length + tail.length);
        System.arraycopy(document, 0, action, head.length, document.length);
        System.arraycopy(tail, 0, action, head.length + document.length, tail.length);
        return action;
    }

    private void writeRefused() throws IOException {
        for (DeadLetter letter = refusedDocuments.poll(); letter != null; letter = refusedDocuments.poll()) {
            try {
                refused.write(letter, SinkContexts.NONE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing a refused document");
            }
        }
    }

    private void throwIfFailed() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }

    /** Elasticsearch answered for {@code attempt} for good: the next waiting version of its document may go. */
    private void done(Attempt attempt) {
        synchronized (lock) {
            inFlight.remove(attempt.key());
            Attempt next = waiting.remove(attempt.key());
            if (next != null) {
                inFlight.put(next.key(), next);
                resend(next, 0);
            }
            lock.notifyAll();
        }
    }

    private void retryOrFail(Attempt attempt, String problem) {
        if (retryPolicy.allowsRetry(attempt.retry())) {
            Attempt retry = attempt.next();
            retries.inc();
            // On every retry, not only the first: listener threads race on the flag, and the log's set add is idempotent.
            retrying = true;
            outage.retrying(this, "bulk writes to " + route.template() + " are", problem, retryPolicy.totalBackoff());
            long delay = retryPolicy.backoff(retry.retry()).toMillis();
            LOG.debug("retrying {} in {} ms (retry {}): {}", attempt.key(), delay, retry.retry(), problem);
            resend(retry, delay);
            return;
        }
        fail(new IOException("Elasticsearch did not take document " + attempt.key() + " after " + (attempt.retry() + 1)
                + " tries: " + problem + " (give it more time with the sink's RetryPolicy, or check the cluster's health)"));
        done(attempt);
    }

    /** The listener cannot throw into the task: the next write or flush does. */
    private void fail(IOException e) {
        synchronized (lock) {
            if (failure == null) {
                failure = e;
            }
            lock.notifyAll();
        }
    }

    private void resend(Attempt attempt, long delayMillis) {
        try {
            feeder.schedule(() -> ingester.add(operation(attempt), attempt), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // The writer is closing: the job restarts from its last checkpoint and writes the document again.
        }
    }

    private DeadLetter deadLetter(Attempt attempt, BulkResponseItem item) {
        ErrorCause error = item.error();
        String cause = error == null ? "no reason given" : error.type() + ": " + error.reason()
                + (error.causedBy() == null ? "" : " (caused by " + error.causedBy().type() + ": " + error.causedBy().reason() + ")");
        return new DeadLetter(attempt.delete() ? "delete " + attempt.key() : new String(attempt.json(), StandardCharsets.UTF_8),
                "Elasticsearch refused the document (HTTP " + item.status() + ") " + cause, STAGE,
                "elasticsearch " + attempt.key(), Instant.now());
    }

    private final class Listener implements BulkListener<Attempt> {

        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<Attempt> attempts) {
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Attempt> attempts, BulkResponse response) {
            boolean allTaken = true;
            try {
                List<BulkResponseItem> items = response.items();
                for (int i = 0; i < items.size(); i++) {
                    Attempt attempt = attempts.get(i);
                    BulkResponseItem item = items.get(i);
                    // Deleting what is not there (already gone, or its daily index dropped) is done too.
                    if (item.error() == null || (attempt.delete() && item.status() == 404)) {
                        if (attempt.delete()) {
                            if ("deleted".equals(item.result())) {
                                deleted.inc();
                            }
                        } else {
                            written.inc();
                        }
                        done(attempt);
                    } else if (RetryPolicy.isTransient(item.status())) {
                        allTaken = false;
                        retryOrFail(attempt, "HTTP " + item.status() + " " + item.error().type() + ": " + item.error().reason());
                    } else {
                        refusedCount.inc();
                        refusedDocuments.add(deadLetter(attempt, item));
                        done(attempt);
                    }
                }
            } catch (RuntimeException e) {
                fail(new IOException("cannot handle Elasticsearch's bulk response: " + e, e));
            }
            // A retried document taken, not merely the answer to a request sent before Elasticsearch went away.
            if (allTaken && retrying && attempts.stream().anyMatch(attempt -> attempt.retry() > 0)) {
                retrying = false;
                outage.answered(ElasticsearchSinkWriter.this);
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Attempt> attempts, Throwable failure) {
            // No answer per document (connection refused, timeout, a whole-request 429 or 503): try each again.
            try {
                for (Attempt attempt : attempts) {
                    retryOrFail(attempt, String.valueOf(failure));
                }
            } catch (RuntimeException e) {
                fail(new IOException("cannot retry a failed bulk request: " + e, e));
            }
        }
    }
}
