package dev.earshot.connectors.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.earshot.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for a helpdesk API: it checks each request as the real API would (path, method, auth header,
 * JSON body), keeps the tickets it was given, answers in the real response formats, and fails on demand with
 * scripted faults (401, 422, 429 with Retry-After, 5xx, slow answers) or a random share of 503s.
 */
public abstract class FakeHelpdesk implements AutoCloseable {

    /** A scripted answer that replaces the next request's real one. */
    record Fault(int status, Map<String, String> headers, String body, long delayMillis) {
        static Fault status(int status, String body) {
            return new Fault(status, Map.of(), body, 0);
        }

        static Fault tooManyRequests(int retryAfterSeconds) {
            return new Fault(429, Map.of("Retry-After", Integer.toString(retryAfterSeconds)), "{\"error\":\"TooManyRequests\"}", 0);
        }

        /** Answers normally with these extra headers, e.g. rate-limit ones. */
        static Fault headers(Map<String, String> headers) {
            return new Fault(0, headers, null, 0);
        }

        /** Answers normally, but only after {@code delayMillis}: past the client's timeout, a lost answer. */
        static Fault slow(long delayMillis) {
            return new Fault(0, Map.of(), null, delayMillis);
        }
    }

    public record Request(String method, String path, String query, Map<String, String> headers, String body, int status,
                   long receivedAtMillis) {
        JsonNode json() {
            return Json.read(body, JsonNode.class);
        }
    }

    /** What the fake answers: a status, a JSON body and extra headers. */
    record Answer(int status, Object body, Map<String, String> headers) {
        static Answer of(int status, Object body) {
            return new Answer(status, body, Map.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    public final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    /** Requests the real API would have refused: a test that sees any has found a bug in the client. */
    public final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private volatile double failureRate;
    private final Random random = new Random(42);

    FakeHelpdesk() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void failNext(Fault... scripted) {
        faults.addAll(List.of(scripted));
    }

    /** Answers this share of requests with 503 Service Unavailable (seeded, so runs repeat). */
    void failRandomly(double share) {
        failureRate = share;
    }

    /**
     * How many times each call ({@code "GET /api/v2/tickets/7/comments.json?page=2"}) was made since the first
     * {@code from} requests: helpdesks rate-limit per account, so a test can check that nothing is read twice.
     */
    Map<String, Long> callsSince(int from) {
        synchronized (requests) {
            Map<String, Long> calls = new LinkedHashMap<>();
            requests.subList(from, requests.size()).forEach(r -> calls.merge(
                    r.method + " " + r.path + (r.query == null ? "" : "?" + r.query), 1L, Long::sum));
            return calls;
        }
    }

    List<Request> requests(String method, String pathPrefix) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.method.equals(method) && r.path.startsWith(pathPrefix)).toList();
        }
    }

    /** The real API's answer to a well-formed request, or the error it gives a malformed one. */
    abstract Answer answer(String method, String path, Map<String, String> query, Map<String, String> headers, JsonNode body);

    /** Whether the Authorization header carries the right credentials. */
    abstract boolean authorized(String authorization);

    abstract Object unauthorizedBody();

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            long receivedAt = System.currentTimeMillis();
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Fault fault = faults.poll();
            if (fault == null && failureRate > 0) {
                synchronized (random) {
                    if (random.nextDouble() < failureRate) {
                        fault = Fault.status(503, "{\"error\":\"Service Unavailable\"}");
                    }
                }
            }
            Answer answer;
            if (fault != null && fault.delayMillis > 0) {
                sleep(fault.delayMillis);
            }
            if (fault != null && fault.status > 0) {
                answer = new Answer(fault.status, Json.read(fault.body, JsonNode.class), fault.headers);
            } else if (!authorized(headers.get("authorization"))) {
                answer = Answer.of(401, unauthorizedBody());
            } else {
                JsonNode json = null;
                if (!body.isEmpty()) {
                    if (!"application/json".equals(headers.get("content-type"))) {
                        violations.add(method + " " + uri.getPath() + ": Content-Type " + headers.get("content-type"));
                    }
                    json = Json.read(body, JsonNode.class);
                }
                answer = answer(method, uri.getPath(), query(uri), headers, json);
                if (fault != null) {
                    Map<String, String> extra = new LinkedHashMap<>(answer.headers);
                    extra.putAll(fault.headers);
                    answer = new Answer(answer.status, answer.body, extra);
                }
            }
            requests.add(new Request(method, uri.getPath(), uri.getRawQuery(), headers, body, answer.status, receivedAt));
            byte[] bytes = answer.body == null ? new byte[0] : Json.write(answer.body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            answer.headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (a timeout test); nothing to answer
        } catch (RuntimeException e) {
            violations.add("fake helpdesk failed: " + e);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    static ObjectNode fixture(String resource) {
        try (InputStream in = FakeHelpdesk.class.getResourceAsStream(resource)) {
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isText(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
