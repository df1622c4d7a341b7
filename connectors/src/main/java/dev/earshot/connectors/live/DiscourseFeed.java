package dev.earshot.connectors.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.model.RawRecord;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Discourse forum's new posts, polled from {@code /posts.json} (newest first). The cursor is the highest post id
 * passed on; when more posts came since the last poll than one page holds, older pages are read with
 * {@code ?before=<id>} down to the cursor, and the new posts are passed on oldest first, each as its JSON.
 */
public final class DiscourseFeed implements LiveFeed {

    public static final String NAME = "discourse";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DiscourseOptions options;

    public DiscourseFeed(DiscourseOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void follow(String cursor, Output output) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        long[] last = {cursor == null ? -1 : Long.parseLong(cursor)};
        String host = options.forum().getHost();
        Set<String> malformedSeen = new HashSet<>();
        Reconnecting.forever(NAME, options.forum(), options.reconnect(), progress -> {
            List<JsonNode> malformed = new ArrayList<>();
            for (JsonNode post : newPosts(client, last[0], malformed).values()) {
                last[0] = post.get("id").asLong();
                output.emit(new RawRecord(JSON.writeValueAsString(post), NAME + " " + host + " post " + last[0]),
                        Long.toString(last[0]));
            }
            for (JsonNode post : malformed) {
                String text = JSON.writeValueAsString(post);
                if (malformedSeen.add(text)) {
                    output.emit(new RawRecord(text, NAME + " " + host + " post (no id)"), last[0] < 0 ? null : Long.toString(last[0]));
                }
            }
            progress.delivered();
            Thread.sleep(options.pollInterval().toMillis());
        });
    }

    /** The posts after {@code after} (-1: the latest page), by id; posts without an id go to {@code malformed}. */
    private TreeMap<Long, JsonNode> newPosts(HttpClient client, long after, List<JsonNode> malformed)
            throws IOException, InterruptedException {
        TreeMap<Long, JsonNode> posts = new TreeMap<>();
        Long before = null;
        while (true) {
            List<JsonNode> page = page(client, before);
            long oldest = Long.MAX_VALUE;
            for (JsonNode post : page) {
                if (!post.path("id").canConvertToLong()) {
                    malformed.add(post);
                    continue;
                }
                long id = post.get("id").asLong();
                oldest = Math.min(oldest, id);
                if (id > after) {
                    posts.put(id, post);
                }
            }
            // Older pages only while this one is all new: the cursor's post is not reached yet
            if (after < 0 || oldest == Long.MAX_VALUE || oldest <= after + 1) {
                return posts;
            }
            before = oldest;
        }
    }

    private List<JsonNode> page(HttpClient client, Long before) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(options.postsUri(before)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").header("User-Agent", "earshot").build(), HttpResponse.BodyHandlers.ofString());
        Reconnecting.check(response, NAME + " /posts.json", "(check input.discourse.forum; a private forum needs an API key)");
        JsonNode latest;
        try {
            latest = JSON.readTree(response.body()).path("latest_posts");
        } catch (IOException notJson) {
            throw new IOException(NAME + " /posts.json did not answer JSON", notJson);
        }
        if (!latest.isArray()) {
            throw new IOException(NAME + " /posts.json has no latest_posts list");
        }
        List<JsonNode> page = new ArrayList<>();
        latest.forEach(page::add);
        return page;
    }
}
