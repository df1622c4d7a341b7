package dev.earshot.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.net.URLDecoder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * (503, 429, slowly, or after storing the message: the answer lost) to exercise retries. Every request is recorded.
 *
 * <p>The Slack channel keeps the messages chat.postMessage posted, with their metadata, and answers
 * {@code conversations.history} and {@code conversations.replies} (GET, bot token, the {@code *:history} scope,
 * {@code oldest}/{@code inclusive}, {@code limit} and {@code cursor} pages, metadata only with
 * {@code include_all_metadata}) as Slack documents them: history newest first, top-level messages and broadcast
 * replies; replies the parent first, then its thread, oldest first.
 */
public final class AlertReceiver implements AutoCloseable {

    /** The secret part of the path stands for a Slack webhook token. */
    public static final String SLACK_PATH = "/services/T0EARSHOT/B0EARSHOT/slack-token-s3cr3t";
    public static final String WEBHOOK_PATH = "/hooks/earshot";
    static final String SLACK_API_PATH = "/api/chat.postMessage";
    static final String HISTORY_PATH = "/api/conversations.history";
    static final String REPLIES_PATH = "/api/conversations.replies";
    /** Stands for a Slack app's bot token. */
    static final String SLACK_BOT_TOKEN = "xoxb-1700000001-1700000002-earshotT0kenS3cr3t";
    static final String SLACK_CHANNEL = "C0123456789";
    public static final String WEBHOOK_KEY = "whsec_receiver_key_5f2b9c";

    /** One received request and what the receiver made of it. */
    public record Received(String path, String idempotencyKey, String messagePosition, byte[] body, long nanoTime,
                    int answeredStatus, List<String> problems, String answeredBody, Map<String, String> params) {
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

    /**
     * How to answer a request, by its 1-based number at that path; null to answer as a healthy receiver.
     *
     * @param status 0 to close the connection without an answer
     * @param postFirst chat.postMessage posts the message (if Slack would) before answering this: the answer is lost
     */
    public record Answer(int status, String body, String retryAfter, Duration delay, boolean postFirst) {
        Answer(int status, String body, String retryAfter, Duration delay) {
            this(status, body, retryAfter, delay, false);
        }

        public static Answer of(int status, String body) {
            return new Answer(status, body, null, Duration.ZERO);
        }

        /** Posts the message, then answers {@code status} (0: closes the connection) instead of Slack's ok. */
        static Answer postedThen(int status, String body) {
            return new Answer(status, body, null, Duration.ZERO, true);
        }
    }

    /** A message in the Slack channel. */
    record SlackPost(String ts, String threadTs, boolean broadcast, String text, JsonNode metadata) {
    }

    public interface Plan extends Function<Integer, Answer> {
    }

    private enum Kind { SLACK, SLACK_API, WEBHOOK, LOOKUP }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** When each request arrived, before it was answered (slow answers are recorded in {@link #received} late). */
    final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private volatile Plan plan = attempt -> null;
    /** How to answer conversations.history and conversations.replies, by their number together. */
    private volatile Plan lookupPlan = attempt -> null;
    private final Map<Kind, AtomicInteger> counts = new EnumMap<>(Map.of(Kind.SLACK, new AtomicInteger(),
            Kind.SLACK_API, new AtomicInteger(), Kind.WEBHOOK, new AtomicInteger(), Kind.LOOKUP, new AtomicInteger()));
    /** The Slack channel's messages, in the order they were posted. */
    private final List<SlackPost> slackChannel = new CopyOnWriteArrayList<>();
    private final AtomicInteger postedCount = new AtomicInteger();
    private volatile Set<String> botScopes = Set.of("chat:write", "channels:history");

    public AlertReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(SLACK_PATH, exchange -> handle(exchange, Kind.SLACK));
        server.createContext(SLACK_API_PATH, exchange -> handle(exchange, Kind.SLACK_API));
        server.createContext(WEBHOOK_PATH, exchange -> handle(exchange, Kind.WEBHOOK));
        server.createContext(HISTORY_PATH, exchange -> handle(exchange, Kind.LOOKUP));
        server.createContext(REPLIES_PATH, exchange -> handle(exchange, Kind.LOOKUP));
        server.setExecutor(executor);
        server.start();
    }

    public void answer(Plan plan) {
        this.plan = plan;
    }

    void answerLookups(Plan plan) {
        this.lookupPlan = plan;
    }

    /** The bot token's scopes (chat:write and channels:history unless set). */
    void grantScopes(String... scopes) {
        this.botScopes = Set.of(scopes);
    }

    /** The Slack channel's messages, in the order they were posted. */
    List<SlackPost> slackChannel() {
        return List.copyOf(slackChannel);
    }

    /** The Slack channel holds a message posted before this run, e.g. by a job that failed since. */
    String postEarlier(byte[] chatPostMessageBody) throws IOException {
        return Json.mapper().readTree(posted(chatPostMessageBody).body()).get("ts").asText();
    }

    public String slackUrl() {
        return base() + SLACK_PATH;
    }

    public String webhookUrl() {
        return base() + WEBHOOK_PATH;
    }

    /** The apiUrl of a slack-api channel posting here. */
    String slackApiUrl() {
        return base() + "/api";
    }

    public List<Received> at(String path) {
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
            Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
            List<String> problems = switch (kind) {
                case SLACK_API -> checkWebApi(exchange, body);
                case LOOKUP -> checkLookup(exchange, params);
                default -> check(exchange, body, kind == Kind.SLACK);
            };
            Answer answer = (kind == Kind.LOOKUP ? lookupPlan : plan).apply(number);
            if (answer != null && answer.postFirst() && problems.isEmpty()) {
                posted(body);
            }
            if (answer == null) {
                answer = switch (kind) {
                    case SLACK -> problems.isEmpty() ? Answer.of(200, "ok") : Answer.of(400, "invalid_blocks");
                    case SLACK_API, LOOKUP -> !problems.isEmpty() ? slackError(problems.get(0))
                            : kind == Kind.SLACK_API ? posted(body) : Answer.of(200, lookUp(exchange.getRequestURI().getPath(), params));
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
                    body, arrived, answer.status(), problems, answer.body(), params));
            if (answer.status() == 0) {
                return; // closing the exchange unanswered closes the connection
            }
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            if (kind == Kind.SLACK_API || kind == Kind.LOOKUP) {
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
        if (message.has("thread_ts") && slackChannel.stream().noneMatch(post -> post.threadTs() == null
                && post.ts().equals(message.get("thread_ts").asText()))) {
            return List.of("invalid_arguments: thread_ts " + message.get("thread_ts") + " is not a message posted here");
        }
        if (message.has("reply_broadcast") && !message.has("thread_ts")) {
            return List.of("invalid_arguments: reply_broadcast without thread_ts");
        }
        JsonNode metadata = message.path("metadata");
        if (message.has("metadata") && !(metadata.isObject() && metadata.path("event_type").isTextual()
                && metadata.path("event_payload").isObject() && metadata.size() == 2)) {
            return List.of("invalid_metadata_format: " + metadata);
        }
        return SlackBlockKit.problems(message).stream().map(problem -> "invalid_blocks: " + problem).toList();
    }

    /** What conversations.history and conversations.replies check, each problem led by Slack's error code. */
    private List<String> checkLookup(HttpExchange exchange, Map<String, String> params) {
        if (!("Bearer " + SLACK_BOT_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return List.of("invalid_auth: no or another bearer token");
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            return List.of("invalid_arguments: arguments are expected in the query string of a GET");
        }
        if (!botScopes.contains("channels:history")) {
            return List.of("missing_scope: channels:history");
        }
        if (!SLACK_CHANNEL.equals(params.get("channel"))) {
            return List.of("channel_not_found: " + params.get("channel"));
        }
        if (exchange.getRequestURI().getPath().equals(REPLIES_PATH)
                && slackChannel.stream().noneMatch(post -> post.ts().equals(params.get("ts")))) {
            return List.of("thread_not_found: ts " + params.get("ts"));
        }
        for (String name : List.of("oldest", "ts")) {
            if (params.containsKey(name) && !params.get(name).matches("\\d+\\.\\d{6}")) {
                return List.of("invalid_ts_oldest: " + name + " " + params.get(name));
            }
        }
        if (params.containsKey("cursor") && !params.get("cursor").matches("next_ts:\\d+")) {
            return List.of("invalid_cursor: " + params.get("cursor"));
        }
        return List.of();
    }

    private Answer slackError(String problem) {
        String error = problem.substring(0, problem.indexOf(':'));
        ObjectNode answer = Json.mapper().createObjectNode().put("ok", false).put("error", error);
        if (error.equals("missing_scope")) {
            answer.put("needed", "channels:history").put("provided", String.join(",", botScopes));
        }
        return Answer.of(200, Json.write(answer));
    }

    /**
     * A page of conversations.history (top-level messages and broadcast replies, newest first) or
     * conversations.replies (the parent, then its replies, oldest first), after {@code cursor}.
     */
    private String lookUp(String path, Map<String, String> params) {
        boolean history = path.equals(HISTORY_PATH);
        boolean inclusive = "true".equals(params.get("inclusive")) || "1".equals(params.get("inclusive"));
        BigDecimal oldest = new BigDecimal(params.getOrDefault("oldest", "0.000000"));
        List<SlackPost> messages = new ArrayList<>();
        for (SlackPost post : slackChannel) {
            int age = new BigDecimal(post.ts()).compareTo(oldest);
            boolean inRange = age > 0 || inclusive && age == 0;
            if (history ? inRange && (post.threadTs() == null || post.broadcast())
                    : post.ts().equals(params.get("ts")) || params.get("ts").equals(post.threadTs()) && inRange) {
                messages.add(post);
            }
        }
        if (history) {
            Collections.reverse(messages);
        }
        int limit = Integer.parseInt(params.getOrDefault("limit", history ? "100" : "1000"));
        int from = params.containsKey("cursor") ? Integer.parseInt(params.get("cursor").substring("next_ts:".length())) : 0;
        List<SlackPost> page = messages.subList(Math.min(from, messages.size()), Math.min(from + limit, messages.size()));
        ObjectNode answer = Json.mapper().createObjectNode().put("ok", true);
        ArrayNode shown = answer.putArray("messages");
        for (SlackPost post : page) {
            ObjectNode message = shown.addObject().put("type", "message").put("subtype", "bot_message")
                    .put("text", post.text()).put("ts", post.ts()).put("bot_id", "B19LU7CSY").put("app_id", "A0EARSHOT");
            long replies = slackChannel.stream().filter(reply -> post.ts().equals(reply.threadTs())).count();
            if (post.threadTs() != null || replies > 0) {
                message.put("thread_ts", post.threadTs() == null ? post.ts() : post.threadTs());
            }
            if (replies > 0) {
                message.put("reply_count", replies);
            }
            if (post.metadata() != null && "true".equals(params.get("include_all_metadata"))) {
                message.set("metadata", post.metadata());
            }
        }
        boolean more = from + limit < messages.size();
        answer.put("has_more", more);
        if (history) {
            answer.put("pin_count", 0);
        }
        answer.putObject("response_metadata").put("next_cursor", more ? "next_ts:" + (from + limit) : "");
        return Json.write(answer);
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                params.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** Slack's answer to a message it posted, with a new ts (Unix seconds, a dot, six digits). */
    private Answer posted(byte[] body) throws IOException {
        JsonNode message = Json.mapper().readTree(body);
        String ts = Instant.now().getEpochSecond() + "." + String.format("%06d", postedCount.incrementAndGet());
        slackChannel.add(new SlackPost(ts, message.has("thread_ts") ? message.get("thread_ts").asText() : null,
                message.path("reply_broadcast").asBoolean(), message.path("text").asText(),
                message.has("metadata") ? message.get("metadata") : null));
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
