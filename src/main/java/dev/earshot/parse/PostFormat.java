package dev.earshot.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** One platform's JSON shape: how to recognise it and how to map it to posts. */
public interface PostFormat {

    /** The name used in reasons and by {@code parse.format}, e.g. {@code twitter-v2}. */
    String name();

    /** Whether a JSON object has this format's shape; formats recognise disjoint shapes. */
    boolean recognises(JsonNode tree);

    /**
     * Maps one record to one or more results.
     *
     * @throws MalformedRecordException naming the field when the whole record is unusable
     */
    List<ParseResult> read(JsonNode tree, String raw);

    /**
     * When the network's own servers received the record, where the record says (Jetstream's {@code time_us}), else
     * null. A post's time is the author's client's, so it may not be later than this beyond clock skew.
     */
    default Instant receivedAt(JsonNode tree) {
        return null;
    }
}
