package dev.earshot.connectors.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earshot.json.Json;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The options bind from configuration as written (only what differs from the defaults) and reject bad values with
 * a message that names the key.
 */
class LiveOptionsTest {

    private static final ObjectMapper MAPPER = Json.mapper();

    @Test
    void eachSectionNeedsOnlyWhatHasNoDefault() throws Exception {
        BlueskyOptions bluesky = MAPPER.readValue("{}", BlueskyOptions.class);
        assertThat(bluesky).isEqualTo(BlueskyOptions.defaults());
        assertThat(bluesky.endpoint()).hasToString("wss://jetstream2.us-east.bsky.network/subscribe");
        assertThat(bluesky.collections()).containsExactly("app.bsky.feed.post");
        assertThat(bluesky.reconnect()).isEqualTo(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)));

        MastodonOptions mastodon = MAPPER.readValue(
                "{\"instance\":\"https://mastodon.social\",\"timeline\":\"hashtag\",\"tag\":\"hochwasser\",\"reconnect\":{\"maxDelay\":\"PT30S\"}}",
                MastodonOptions.class);
        assertThat(mastodon.timeline()).isEqualTo(MastodonOptions.Timeline.HASHTAG);
        assertThat(mastodon.tokenEnv()).isEqualTo("EARSHOT_MASTODON_TOKEN");
        assertThat(mastodon.reconnect()).isEqualTo(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)));

        DiscourseOptions discourse = MAPPER.readValue("{\"forum\":\"https://meta.discourse.org\"}", DiscourseOptions.class);
        assertThat(discourse.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(discourse.postsUri(null)).hasToString("https://meta.discourse.org/posts.json");
    }

    @Test
    void badValuesAreRejectedNamingTheKeyAndTheFix() {
        assertThatThrownBy(() -> BlueskyOptions.defaults().withEndpoint(URI.create("https://jetstream2.us-east.bsky.network/subscribe")))
                .hasMessageStartingWith("input.bluesky.endpoint must be a ws:// or wss:// URL");
        assertThatThrownBy(() -> new BlueskyOptions(null, List.of("not a nsid"), null, null, null))
                .hasMessageStartingWith("input.bluesky.collections");
        assertThatThrownBy(() -> BlueskyOptions.defaults().withReconnect(new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1))))
                .hasMessageStartingWith("input.bluesky.reconnect.maxDelay must be at least initialDelay");
        assertThatThrownBy(() -> new MastodonOptions(null, null, null, null, null, null, null))
                .hasMessageStartingWith("input.mastodon.instance must be the server's https:// URL");
        assertThatThrownBy(() -> MastodonOptions.publicTimeline(URI.create("https://mastodon.social")).withTimeline(MastodonOptions.Timeline.LIST, null, null))
                .hasMessageStartingWith("input.mastodon.list must be a list id");
        assertThatThrownBy(() -> MastodonOptions.publicTimeline(URI.create("https://mastodon.social")).withIdleTimeout(Duration.ZERO))
                .hasMessageStartingWith("input.mastodon.idleTimeout must be more than 0");
        assertThatThrownBy(() -> DiscourseOptions.latest(URI.create("ftp://forum.example")))
                .hasMessageStartingWith("input.discourse.forum must be the forum's https:// URL");
        assertThatThrownBy(() -> DiscourseOptions.latest(URI.create("https://forum.example")).withPollInterval(Duration.ZERO))
                .hasMessageStartingWith("input.discourse.pollInterval must be more than 0");
    }
}
