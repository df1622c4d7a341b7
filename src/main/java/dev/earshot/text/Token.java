package dev.earshot.text;

/**
 * One token of a post.
 *
 * @param word the token as written
 * @param lemma its dictionary form, lower-cased ("parked" and "parking" give "park")
 * @param pos its Penn Treebank part-of-speech tag; empty when the text was only tokenized
 * @param begin character offset of the token's start in the text
 * @param end character offset just past the token's end
 */
public record Token(String word, String lemma, String pos, int begin, int end) {
}
