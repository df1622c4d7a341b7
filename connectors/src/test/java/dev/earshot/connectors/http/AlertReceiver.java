package dev.earshot.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for the three kinds of receivers, checking what real ones check: at {@value #SLACK_PATH} a
 * Slack incoming webhook (Block Kit shape, answers {@code ok}, or 400 {@code invalid_blocks}); at
 * {@value #SLACK_API_PATH} Slack's Web API method chat.postMessage (bot token, JSON with charset, channel,
 * Block Kit, {@code thread_ts} naming a message it posted; answers as Slack documents it, HTTP 200 with
 * {@code "ok":true} and the new message's {@code ts}, or {@code "ok":false} and an error code); at
 * {@value #WEBHOOK_PATH} a generic receiver that verifies the HMAC signature as our documentation tells
 * receivers to (401 when it does not match) and reads the body as an Alert. A {@link Plan} may answer otherwise
 * (503, 429, slowly) to exercise retries. Every request is recorded.
 */
final class AlertReceiver implements AutoCloseable {

    /** The secret part of the path stands for a Slack webhook token. */
    static final String SLACK_PATH = "/services/T0EARSHOT/B0EARSHOT/slack-token-s3cr3t";
    static final String WEBHOOK_PATH = "/hooks/earshot";
    static final String SLACK_API_PATH = "/api/chat.postMessage";
    /** Stands for a Slack app's bot token. */
    static final String SLACK_BOT_TOKEN = "xoxb-1700000001-1700000002-earshotT0kenS3cr3t";
    static final String SLACK_CHANNEL = "C0123456789";
    static final String WEBHOOK_KEY = "whsec_receiver_key_5f2b9c";

    /** One received request and what the receiver made of it. */
    record Received(String path, String idempotencyKey, String messagePosition, byte[] body, long nanoTime,
                    int answeredStatus, List<String> problems, String answeredBody) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
            }
        }

        /** The {@code ts} of the message chat.postMessage posted; null when it posted none. */
        String postedTs() {
            try {
                JsonNode answer = Json.mapper().readTree(answeredBody);
                return answer.path("ok").asBoolean() ? answer.get("ts").asText() : null;
            } catch (IOException e) {
                return null;
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

    private enum Kind { SLACK, SLACK_API, WEBHOOK }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** When each request arrived, before it was answered (slow answers are recorded in {@link #received} late). */
    final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private volatile Plan plan = attempt -> null;
    private final Map<Kind, AtomicInteger> counts = new EnumMap<>(Map.of(
            Kind.SLACK, new AtomicInteger(), Kind.SLACK_API, new AtomicInteger(), Kind.WEBHOOK, new AtomicInteger()));
    /** The ts of every top-level message chat.postMessage posted: what a reply's thread_ts may name. */
    private final List<String> postedTopLevel = new CopyOnWriteArrayList<>();
    private final AtomicInteger postedCount = new AtomicInteger();

    AlertReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(SLACK_PATH, exchange -> handle(exchange, Kind.SLACK));
        server.createContext(SLACK_API_PATH, exchange -> handle(exchange, Kind.SLACK_API));
        server.createContext(WEBHOOK_PATH, exchange -> handle(exchange, Kind.WEBHOOK));
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

    /** The apiUrl of a slack-api channel posting here. */
    String slackApiUrl() {
        return base() + "/api";
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange, Kind kind) throws IOException {
        long arrived = System.nanoTime();
        arrivals.add(arrived);
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int number = counts.get(kind).incrementAndGet();
            List<String> problems = kind == Kind.SLACK_API ? checkWebApi(exchange, body) : check(exchange, body, kind == Kind.SLACK);
            Answer answer = plan.apply(number);
            if (answer == null) {
                answer = switch (kind) {
                    case SLACK -> problems.isEmpty() ? Answer.of(200, "ok") : Answer.of(400, "invalid_blocks");
                    case SLACK_API -> problems.isEmpty() ? posted(body) : Answer.of(200, "{\"ok\":false,\"error\":\""
                            + problems.get(0).substring(0, problems.get(0).indexOf(':')) + "\"}");
                    case WEBHOOK -> problems.isEmpty() ? Answer.of(200, "") : Answer.of(401, "bad signature");
                };
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
                    body, arrived, answer.status(), problems, answer.body()));
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            if (kind == Kind.SLACK_API) {
                exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
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

    /**
     * What chat.postMessage checks, each problem led by the error code Slack answers it with: the token, the
     * JSON content type with its charset (without one, Slack warns {@code missing_charset}), the channel, the
     * Block Kit message, and that a reply's {@code thread_ts} names a top-level message it posted.
     */
    private List<String> checkWebApi(HttpExchange exchange, byte[] body) {
        if (!("Bearer " + SLACK_BOT_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return List.of("invalid_auth: no or another bearer token");
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!"POST".equals(exchange.getRequestMethod()) || contentType == null
                || !contentType.replace(" ", "").equalsIgnoreCase("application/json;charset=utf-8")) {
            return List.of("invalid_post_type: " + exchange.getRequestMethod() + " " + contentType);
        }
        JsonNode message;
        try {
            message = Json.mapper().readTree(body);
        } catch (IOException e) {
            return List.of("invalid_json: not JSON");
        }
        if (!SLACK_CHANNEL.equals(message.path("channel").asText())) {
            return List.of("channel_not_found: " + message.path("channel"));
        }
        if (message.has("thread_ts") && !postedTopLevel.contains(message.get("thread_ts").asText())) {
            return List.of("invalid_arguments: thread_ts " + message.get("thread_ts") + " is not a message posted here");
        }
        if (message.has("reply_broadcast") && !message.has("thread_ts")) {
            return List.of("invalid_arguments: reply_broadcast without thread_ts");
        }
        return SlackBlockKit.problems(message).stream().map(problem -> "invalid_blocks: " + problem).toList();
    }

    /** Slack's answer to a message it posted, with a new ts (Unix seconds, a dot, six digits). */
    private Answer posted(byte[] body) throws IOException {
        JsonNode message = Json.mapper().readTree(body);
        String ts = Instant.now().getEpochSecond() + "." + String.format("%06d", postedCount.incrementAndGet());
        if (!message.has("thread_ts")) {
            postedTopLevel.add(ts);
        }
        ObjectNode answer = Json.mapper().createObjectNode()
                .put("ok", true).put("channel", SLACK_CHANNEL).put("ts", ts);
        answer.putObject("message").put("type", "message").put("subtype", "bot_message").put("bot_id", "B19LU7CSY")
                .put("text", message.path("text").asText()).put("ts", ts)
                .put("thread_ts", message.has("thread_ts") ? message.get("thread_ts").asText() : null);
        return Answer.of(200, Json.write(answer));
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
