package dev.earshot.aggregate;

import dev.earshot.model.TermCount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The most frequent terms of a window in bounded memory: the Space-Saving sketch (Metwally, Agrawal and El Abbadi,
 * 2005). It keeps at most {@code capacity} counters; a new term replaces the term with the smallest count and
 * inherits that count plus one. Counts are therefore exact while a window has no more distinct terms than the
 * capacity, and otherwise over-estimate by at most (terms counted) / capacity, so that any term more frequent than
 * that is sure to be kept. Ties are broken by the term, so the result does not depend on the map's order; it does
 * depend on arrival order once evictions start, which only affects terms near the bottom.
 *
 * <p>Merging sums the counters of both sketches and keeps the {@code capacity} largest (the mergeable summary of
 * Agarwal et al., 2012, without its error subtraction). Jackson reads and writes it through its getters and setters.
 */
public final class TopTerms {

    /** Most frequent first, then alphabetical. */
    private static final Comparator<Map.Entry<String, Long>> MOST_FREQUENT_FIRST =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private int capacity;
    private TreeMap<String, Long> counts = new TreeMap<>();

    /** For Jackson. */
    public TopTerms() {
    }

    public TopTerms(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    public void add(String term) {
        Long count = counts.get(term);
        if (count != null) {
            counts.put(term, count + 1);
            return;
        }
        if (counts.size() < capacity) {
            counts.put(term, 1L);
            return;
        }
        // Read the entry before removing it: TreeMap reuses a removed node for its successor.
        Map.Entry<String, Long> smallest = smallest();
        long inherited = smallest.getValue();
        counts.remove(smallest.getKey());
        counts.put(term, inherited + 1);
    }

    /** Adds {@code other}'s counters to this sketch, which keeps its own capacity; {@code other} is left unchanged. */
    public void merge(TopTerms other) {
        other.counts.forEach((term, count) -> counts.merge(term, count, Long::sum));
        while (counts.size() > capacity) {
            counts.remove(smallest().getKey());
        }
    }

    /** The {@code n} most frequent terms that {@code skip} does not reject, most frequent first. */
    public List<TermCount> top(int n, Predicate<String> skip) {
        List<TermCount> top = new ArrayList<>();
        counts.entrySet().stream().sorted(MOST_FREQUENT_FIRST)
                .filter(entry -> !skip.test(entry.getKey()))
                .limit(n)
                .forEach(entry -> top.add(new TermCount(entry.getKey(), entry.getValue())));
        return top;
    }

    /**
     * The words of a topic's id ("public_transport": public, transport) and the terms they start or are started by
     * ("park" for parking, "transportation"): every post of the topic says them, so they would tell a reader nothing.
     */
    public static Predicate<String> wordsOf(String topic) {
        List<String> words = Arrays.stream(topic.toLowerCase(Locale.ROOT).split("[^\\p{L}]+"))
                .filter(word -> word.length() >= 3).toList();
        return term -> words.stream().anyMatch(word -> word.startsWith(term) || term.startsWith(word));
    }

    /** The least frequent counter; among equals, the alphabetically last, so that eviction is deterministic. */
    private Map.Entry<String, Long> smallest() {
        return counts.entrySet().stream().max(MOST_FREQUENT_FIRST).orElseThrow();
    }

    public int getCapacity() {
        return capacity;
    }

    public void setCapacity(int capacity) {
        this.capacity = capacity;
    }

    public Map<String, Long> getCounts() {
        return counts;
    }

    public void setCounts(Map<String, Long> counts) {
        this.counts = new TreeMap<>(counts);
    }
}
