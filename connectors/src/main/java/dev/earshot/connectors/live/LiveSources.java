package dev.earshot.connectors.live;

import dev.earshot.connectors.Secrets;

/** The live sources: {@code input.kind} bluesky, mastodon, discourse and x. Run each with parallelism 1. */
public final class LiveSources {

    private LiveSources() {
    }

    /** Jetstream post commits, from {@code startCursor} or now; origins {@code bluesky-jetstream cursor=<time_us>}. */
    public static LiveSource bluesky(BlueskyOptions options) {
        return new LiveSource(new JetstreamFeed(options),
                options.startCursor() == null ? null : Long.toString(options.startCursor()));
    }

    /** A Mastodon timeline from now, with the token from the environment; origins {@code mastodon <host> status <id>}. */
    public static LiveSource mastodon(MastodonOptions options) {
        return mastodon(options, Secrets.environment());
    }

    public static LiveSource mastodon(MastodonOptions options, Secrets secrets) {
        return new LiveSource(new MastodonFeed(options, secrets), null);
    }

    /** A Discourse forum's new posts; origins {@code discourse <host> post <id>}. */
    public static LiveSource discourse(DiscourseOptions options) {
        return new LiveSource(new DiscourseFeed(options),
                options.startAfter() == null ? null : Long.toString(options.startAfter()));
    }

    /** X's filtered stream from now, with the bearer token from the environment; origins {@code x-filtered-stream post <id>}. */
    public static LiveSource x(XOptions options) {
        return x(options, Secrets.environment());
    }

    public static LiveSource x(XOptions options, Secrets secrets) {
        return new LiveSource(new XFilteredStreamFeed(options, secrets), null);
    }
}
