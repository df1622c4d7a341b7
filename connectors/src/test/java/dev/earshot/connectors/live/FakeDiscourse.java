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
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Discourse forum: {@code GET /posts.json} answers {@code {"latest_posts":[...]}}, newest first, a page of
 * {@value #PAGE} posts, older pages with {@code ?before=<id>}; a refusal can be queued (429 with
 * {@code Retry-After}, as Discourse's rate limiter answers).
 */
final class FakeDiscourse implements AutoCloseable {

    static final int PAGE = 3;
    private static final Pattern BEFORE = Pattern.compile("(?:^|&)before=(\\d+)");

    private final HttpServer server;
    private final List<Post> posts = new ArrayList<>();
    private final Deque<Integer> refusals = new ConcurrentLinkedDeque<>();
    /** Each request's path and query, in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();

    private record Post(long id, String json) {
    }

    FakeDiscourse() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/posts.json", this::latest);
        server.start();
    }

    URI forum() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized void post(long id, String text) {
        posts.add(new Post(id, postJson(id, text)));
    }

    /** A post as it is in the list, even without an id. */
    synchronized void postAsIs(String json) {
        posts.add(new Post(Long.MAX_VALUE, json));
    }

    void refuseNextRequest(int status) {
        refusals.add(status);
    }

    private void latest(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestURI().toString());
        Integer refusal = refusals.poll();
        if (refusal != null) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            respond(exchange, refusal, "{\"errors\":[\"You’ve performed this action too many times. Please wait 1 second"
                    + " before trying again.\"],\"error_type\":\"rate_limit\",\"extras\":{\"wait_seconds\":1}}");
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        Matcher before = BEFORE.matcher(query == null ? "" : query);
        long below = before.find() ? Long.parseLong(before.group(1)) : Long.MAX_VALUE;
        List<String> page = new ArrayList<>();
        synchronized (this) {
            for (int i = posts.size() - 1; i >= 0 && page.size() < PAGE; i--) {
                if (posts.get(i).id() < below || posts.get(i).id() == Long.MAX_VALUE && below == Long.MAX_VALUE) {
                    page.add(posts.get(i).json());
                }
            }
        }
        respond(exchange, 200, "{\"latest_posts\":[" + String.join(",", page) + "]}");
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
        server.stop(0);
    }

    /** A post as {@code /posts.json} lists it. */
    static String postJson(long id, String text) {
        return """
                {"id":%d,"name":"Dana K","username":"danak","avatar_template":"/user_avatar/forum.example/danak/{size}/12_2.png",\
                "created_at":"2026-11-24T21:40:11.204Z","cooked":"<p>%s</p>","post_number":%d,"post_type":1,\
                "updated_at":"2026-11-24T21:40:11.204Z","reply_count":0,"reply_to_post_number":null,"quote_count":0,\
                "incoming_link_count":0,"reads":1,"score":0,"topic_id":4711,"topic_slug":"water-outage-north-side",\
                "topic_title":"Water outage on the north side","category_id":5,"raw":"%s","user_id":88}"""
                .formatted(id, text, id % 40 + 1, text);
    }
}
