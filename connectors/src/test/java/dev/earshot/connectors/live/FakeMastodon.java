package dev.earshot.connectors.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Mastodon server: the public streaming timeline as server-sent events (each connection plays the next
 * script, then holds the connection with heartbeats, or drops it), and the public REST timeline with
 * {@code min_id} paging, {@code Link} headers and a page size capped at 3 (servers cap {@code limit} too). Both
 * refuse a request without the bearer token. A status streamed is also posted, so that the REST timeline has it.
 */
final class FakeMastodon implements AutoCloseable {

    static final String TOKEN = "a0bc1d2e3f-user-token";
    static final String PAUSE = "(pause)";
    static final String DROP = "(drop)";
    private static final int PAGE_CAP = 3;
    private static final Pattern PARAM = Pattern.compile("(?:^|&)(min_id|limit)=([^&]*)");
    private static final Pattern ID = Pattern.compile("\"id\":\"(\\d+)\"");

    private final HttpServer server;
    private final Map<String, String> posted = new TreeMap<>(MastodonFeed.ID_ORDER);
    private final Deque<List<String>> scripts = new ConcurrentLinkedDeque<>();
    private final Deque<Integer> timelineRefusals = new ConcurrentLinkedDeque<>();
    /** Each request's path and query, in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    FakeMastodon() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/streaming/public", this::stream);
        server.createContext("/api/v1/timelines/public", this::timeline);
        server.start();
    }

    URI instance() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next stream connection sends these SSE chunks; {@link #PAUSE} waits, {@link #DROP} ends the connection. */
    void script(String... chunks) {
        scripts.add(List.of(chunks));
    }

    /** The next timeline request is refused with this status (429 comes with {@code Retry-After: 1}). */
    void refuseNextTimelineRequest(int status) {
        timelineRefusals.add(status);
    }

    synchronized void post(String status) {
        Matcher id = ID.matcher(status);
        if (id.find()) {
            posted.put(id.group(1), status);
        }
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestURI().toString());
        if (("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        respond(exchange, 401, "{\"error\":\"The access token is invalid\"}");
        return false;
    }

    private void stream(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        List<String> script = scripts.poll();
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            for (String chunk : script == null ? List.<String>of() : script) {
                if (chunk.equals(DROP)) {
                    return;
                }
                if (chunk.equals(PAUSE)) {
                    Thread.sleep(300);
                    continue;
                }
                if (chunk.startsWith("event: update\n")) {
                    post(chunk.substring(chunk.indexOf("data: ") + 6).strip());
                }
                body.write(chunk.getBytes(StandardCharsets.UTF_8));
                body.flush();
            }
            while (!closing) {
                body.write(":thump\n\n".getBytes(StandardCharsets.UTF_8));
                body.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException clientLeft) {
            // the client closed the stream
        }
    }

    private void timeline(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        Integer refusal = timelineRefusals.poll();
        if (refusal != null) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            respond(exchange, refusal, "{\"error\":\"Too many requests\"}");
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        String minId = "0";
        int limit = 20;
        for (Matcher param = PARAM.matcher(query == null ? "" : query); param.find(); ) {
            if (param.group(1).equals("min_id")) {
                minId = param.group(2);
            } else {
                limit = Integer.parseInt(param.group(2));
            }
        }
        List<String> page = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, String> status : posted.entrySet()) {
                if (MastodonFeed.ID_ORDER.compare(status.getKey(), minId) > 0 && page.size() < Math.min(limit, PAGE_CAP)) {
                    page.add(0, status.getValue()); // newest first
                }
            }
        }
        if (!page.isEmpty()) {
            String base = instance() + "/api/v1/timelines/public?limit=" + limit;
            exchange.getResponseHeaders().add("Link", "<" + base + "&max_id=" + idOf(page.get(page.size() - 1))
                    + ">; rel=\"next\", <" + base + "&min_id=" + idOf(page.get(0)) + ">; rel=\"prev\"");
        }
        respond(exchange, 200, "[" + String.join(",", page) + "]");
    }

    private static String idOf(String status) {
        Matcher id = ID.matcher(status);
        return id.find() ? id.group(1) : "";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing = true;
        server.stop(0);
    }

    /** A status entity as Mastodon's REST and streaming APIs give it (the fields the parse stage reads, and more). */
    static String status(String id, String text) {
        return """
                {"id":"%s","created_at":"2026-11-24T21:40:11.000Z","in_reply_to_id":null,"in_reply_to_account_id":null,\
                "sensitive":false,"spoiler_text":"","visibility":"public","language":"en",\
                "uri":"https://social.example/users/riverwatch/statuses/%s","url":"https://social.example/@riverwatch/%s",\
                "replies_count":0,"reblogs_count":0,"favourites_count":0,"edited_at":null,"content":"<p>%s</p>",\
                "reblog":null,"account":{"id":"109283","username":"riverwatch","acct":"riverwatch",\
                "display_name":"River Watch","url":"https://social.example/@riverwatch","bot":false},\
                "media_attachments":[],"mentions":[],"tags":[],"emojis":[],"card":null,"poll":null}"""
                .formatted(id, id, id, text);
    }

    static String sse(String event, String data) {
        return "event: " + event + "\ndata: " + data + "\n\n";
    }
}
