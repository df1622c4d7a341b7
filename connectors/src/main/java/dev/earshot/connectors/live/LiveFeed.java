package dev.earshot.connectors.live;

import dev.earshot.model.RawRecord;
import java.io.Serializable;

/**
 * One platform's live feed: follows it from a cursor, reconnecting on its own after a dropped connection, a server
 * error or a rate limit, until its thread is interrupted. It passes every event on as it came, malformed ones
 * included, for the parse stage to check.
 */
public interface LiveFeed extends Serializable {

    /** The split's name, e.g. {@code bluesky-jetstream}. */
    String name();

    /**
     * Follows the feed until interrupted.
     *
     * @param cursor where to resume (from a checkpoint or the configured start), or null for "from now"
     * @throws InterruptedException when stopped
     * @throws IllegalStateException for what retrying cannot fix, such as a refused token or an unknown address
     */
    void follow(String cursor, Output output) throws InterruptedException;

    /** Where the feed's events go, in order; a cursor is where to resume once everything before it was emitted. */
    interface Output {

        void emit(RawRecord record, String cursor) throws InterruptedException;

        /** Moves the cursor past an event that is not passed on (e.g. a Bluesky identity event). */
        void advance(String cursor) throws InterruptedException;
    }
}
