package dev.earshot.connectors.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local X API filtered stream: each connection plays the next script of newline-delimited JSON lines (with X's
 * {@code \r\n} keep-alives), then holds the connection with keep-alives, drops it, or goes silent; or it is refused
 * as X refuses (a 429 with {@code x-rate-limit-reset}, a problem JSON body). A request without the bearer token gets
 * X's 401.
 */
final class FakeX implements AutoCloseable {

    static final String TOKEN = "AAAAAAAAAAAAAAAAAAAAAearshot-test-bearer";
    static final String KEEP_ALIVE = "\r\n";
    static final String DROP = "(drop)";
    static final String SILENCE = "(silence)";

    /** A request as the server saw it. */
    record Request(String pathAndQuery, String authorization, long atMillis) {
    }

    private record Refusal(int status, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final Deque<Object> scripts = new ConcurrentLinkedDeque<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    FakeX() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/2/tweets/search/stream", this::stream);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next connection sends these chunks (lines end in {@code \r\n}); {@link #DROP} ends it, {@link #SILENCE} stalls it. */
    void script(String... chunks) {
        scripts.add(List.of(chunks));
    }

    /** The next connection is refused with this status, headers and body. */
    void refuse(int status, Map<String, String> headers, String body) {
        scripts.add(new Refusal(status, headers, body));
    }

    private void stream(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request(exchange.getRequestURI().toString(), authorization, System.currentTimeMillis()));
        if (!("Bearer " + TOKEN).equals(authorization)) {
            respond(exchange, new Refusal(401, Map.of(),
                    "{\n  \"title\": \"Unauthorized\",\n  \"type\": \"about:blank\",\n  \"status\": 401,\n  \"detail\": \"Unauthorized\"\n}"));
            return;
        }
        Object script = scripts.poll();
        if (script instanceof Refusal refusal) {
            respond(exchange, refusal);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            @SuppressWarnings("unchecked")
            List<String> chunks = script == null ? List.of() : (List<String>) script;
            for (String chunk : chunks) {
                if (chunk.equals(DROP)) {
                    return;
                }
                if (chunk.equals(SILENCE)) {
                    while (!closing) {
                        Thread.sleep(50);
                    }
                    return;
                }
                body.write((chunk.equals(KEEP_ALIVE) ? chunk : chunk + "\r\n").getBytes(StandardCharsets.UTF_8));
                body.flush();
            }
            while (!closing) {
                body.write(KEEP_ALIVE.getBytes(StandardCharsets.UTF_8));
                body.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException clientLeft) {
            // the client closed the stream
        }
    }

    private static void respond(HttpExchange exchange, Refusal refusal) throws IOException {
        byte[] bytes = refusal.body().getBytes(StandardCharsets.UTF_8);
        refusal.headers().forEach(exchange.getResponseHeaders()::add);
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(refusal.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing = true;
        server.stop(0);
    }
}
