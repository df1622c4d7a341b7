package dev.earshot.parse;

import dev.earshot.model.Post;

/** A record either became a valid {@link Post} or was rejected with a reason. */
public sealed interface ParseResult {

    record Valid(Post post) implements ParseResult {
    }

    record Invalid(String raw, String reason) implements ParseResult {
    }
}
