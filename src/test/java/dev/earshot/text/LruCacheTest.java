package dev.earshot.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LruCacheTest {

    @Test
    void forgetsTheLeastRecentlyUsedEntryWhenFull() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat(cache.get("a")).isEqualTo(1);

        cache.put("c", 3);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("b")).as("b was used least recently: a was read after it").isNull();
        assertThat(cache.get("a")).isEqualTo(1);
        assertThat(cache.get("c")).isEqualTo(3);
    }

    @Test
    void aKeyPutAgainKeepsOneEntryWithTheNewValue() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        cache.put("a", 2);

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get("a")).isEqualTo(2);
    }

    @Test
    void rejectsACapacityBelowOne() {
        assertThatThrownBy(() -> new LruCache<String, String>(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be at least 1, was 0");
    }
}
