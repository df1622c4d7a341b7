package dev.earshot.connectors.elasticsearch;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * A transport whose asynchronous answers complete on a thread of its own instead of the HTTP client's I/O thread.
 *
 * <p>Why: elasticsearch-java's {@code BulkIngester} sends a request while holding its lock, and the Apache HTTP
 * client, when a connection attempt fails (Elasticsearch is away), completes the request's future on its I/O thread
 * while holding its connection pool's lock. The ingester's completion handler then waits for the ingester's lock
 * while a flush holding that lock waits for the pool's: a deadlock that stalls every writer of the transport for
 * good (seen in {@code ElasticsearchOutageITCase}, reproduced by {@code UnreachableElasticsearchTest}; reported as
 * elastic/elasticsearch-java#925). Completing the answers elsewhere means the I/O thread never waits for the
 * ingester.
 */
final class AnswersOffTheIoThread implements ElasticsearchTransport {

    private final ElasticsearchTransport transport;
    private final ExecutorService answers;

    AnswersOffTheIoThread(ElasticsearchTransport transport, String name) {
        this.transport = transport;
        this.answers = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "elasticsearch-answers-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request, Endpoint<RequestT, ResponseT, ErrorT> endpoint,
                                                                 TransportOptions options) throws IOException {
        return transport.performRequest(request, endpoint, options);
    }

    @Override
    public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(
            RequestT request, Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
        CompletableFuture<ResponseT> answer = new CompletableFuture<>();
        transport.performRequestAsync(request, endpoint, options).whenComplete((response, failure) -> {
            Runnable handOn = () -> {
                if (failure == null) {
                    answer.complete(response);
                } else {
                    answer.completeExceptionally(failure);
                }
            };
            try {
                answers.execute(handOn);
            } catch (RejectedExecutionException closed) {
                // Only after close, when nothing that waits on the answer holds a lock any more.
                handOn.run();
            }
        });
        return answer;
    }

    @Override
    public JsonpMapper jsonpMapper() {
        return transport.jsonpMapper();
    }

    @Override
    public TransportOptions options() {
        return transport.options();
    }

    /** Closes the connections, then the answers thread, once the answers still due have been handed on. */
    @Override
    public void close() throws IOException {
        try {
            transport.close();
        } finally {
            answers.shutdown();
        }
    }
}
