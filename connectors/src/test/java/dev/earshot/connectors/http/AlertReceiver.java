package dev.earshot.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for the two kinds of receivers, checking what real ones check: at {@value #SLACK_PATH} a
 * Slack incoming webhook (Block Kit shape, answers {@code ok}, or 400 {@code invalid_blocks}); at
 * {@value #WEBHOOK_PATH} a generic receiver that verifies the HMAC signature as our documentation tells
 * receivers to (401 when it does not match) and reads the body as an Alert. A {@link Plan} may answer otherwise
 * (503, 429, slowly) to exercise retries. Every request is recorded.
 */
final class AlertReceiver implements AutoCloseable {

    /** The secret part of the path stands for a Slack webhook token. */
    static final String SLACK_PATH = "/services/T0EARSHOT/B0EARSHOT/slack-token-s3cr3t";
    static final String WEBHOOK_PATH = "/hooks/earshot";
    static final String WEBHOOK_KEY = "whsec_receiver_key_5f2b9c";

    /** One received request and what the receiver made of it. */
    record Received(String path, String idempotencyKey, String messagePosition, byte[] body, long nanoTime,
                    int answeredStatus, List<String> problems) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
            }
        }
    }

    /** How to answer a request, by its 1-based number at that path; null to answer as a healthy receiver. */
    record Answer(int status, String body, String retryAfter, Duration delay) {
        static Answer of(int status, String body) {
            return new Answer(status, body, null, Duration.ZERO);
        }
    }

    interface Plan extends Function<Integer, Answer> {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** When each request arrived, before it was answered (slow answers are recorded in {@link #received} late). */
    final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private volatile Plan plan = attempt -> null;
    private final AtomicInteger slackCount = new AtomicInteger();
    private final AtomicInteger webhookCount = new AtomicInteger();

    AlertReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(SLACK_PATH, exchange -> handle(exchange, true));
        server.createContext(WEBHOOK_PATH, exchange -> handle(exchange, false));
        server.setExecutor(executor);
        server.start();
    }

    void answer(Plan plan) {
        this.plan = plan;
    }

    String slackUrl() {
        return base() + SLACK_PATH;
    }

    String webhookUrl() {
        return base() + WEBHOOK_PATH;
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange, boolean slack) throws IOException {
        long arrived = System.nanoTime();
        arrivals.add(arrived);
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int number = (slack ? slackCount : webhookCount).incrementAndGet();
            List<String> problems = check(exchange, body, slack);
            Answer answer = plan.apply(number);
            if (answer == null) {
                answer = problems.isEmpty() ? Answer.of(200, slack ? "ok" : "")
                        : Answer.of(slack ? 400 : 401, slack ? "invalid_blocks" : "bad signature");
            }
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            received.add(new Received(URI.create(exchange.getRequestURI().toString()).getPath(),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"), exchange.getRequestHeaders().getFirst("X-Earshot-Message"),
                    body, arrived, answer.status(), problems));
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            byte[] response = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), response.length == 0 ? -1 : response.length);
            if (response.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response);
                }
            }
        }
    }

    private static List<String> check(HttpExchange exchange, byte[] body, boolean slack) {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return List.of("method " + exchange.getRequestMethod() + ", expected POST");
        }
        if (!exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/json")) {
            return List.of("Content-Type is not application/json");
        }
        if (slack) {
            try {
                return SlackBlockKit.problems(Json.mapper().readTree(body));
            } catch (IOException e) {
                return List.of("not JSON");
            }
        }
        String timestamp = exchange.getRequestHeaders().getFirst("X-Earshot-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Earshot-Signature");
        if (timestamp == null || signature == null) {
            return List.of("unsigned");
        }
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return List.of("stale timestamp");
        }
        if (!MessageDigest.isEqual(("sha256=" + hmac(timestamp, body)).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return List.of("signature does not match");
        }
        try {
            Json.mapper().readValue(body, Alert.class);
            return List.of();
        } catch (IOException e) {
            return List.of("not an Alert: " + e.getMessage());
        }
    }

    /** The documented scheme, written out as a receiver would: HMAC-SHA256(key, timestamp + "." + raw body). */
    private static String hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
