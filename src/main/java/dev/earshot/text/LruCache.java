package dev.earshot.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that holds at most {@code capacity} entries and forgets the least recently used one first (the JDK's
 * access-ordered {@link LinkedHashMap}). Not thread-safe: one per thread.
 */
public final class LruCache<K, V> {

    private final Map<K, V> entries;

    public LruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value kept for {@code key}, which becomes the most recently used; null if none is kept. */
    public V get(K key) {
        return entries.get(key);
    }

    /** Keeps {@code value} for {@code key}, forgetting the least recently used entry if the cache is full. */
    public void put(K key, V value) {
        entries.put(key, value);
    }

    public int size() {
        return entries.size();
    }
}
