package dev.earshot.model;

/**
 * A content term of a window and in how many of its posts it occurs.
 *
 * @param term a lemma, lower-cased ("tow" for "towed")
 * @param posts the posts of the window that contain it; an upper bound once a window has more distinct terms than
 *     the accumulator keeps (see {@code dev.earshot.aggregate.TopTerms})
 */
public record TermCount(String term, long posts) {

    public TermCount {
        if (term == null || term.isBlank()) {
            throw new IllegalArgumentException("term is required");
        }
        if (posts < 1) {
            throw new IllegalArgumentException("posts must be >= 1, was " + posts);
        }
    }
}
