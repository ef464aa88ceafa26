package dev.assay.engine.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
    private final AtomicInteger computed = new AtomicInteger();

    private String compute(String value) {
        computed.incrementAndGet();
        return value;
    }

    @Test
    void aValueIsComputedOnceAndTheLeastRecentlyUsedGoesFirst() {
        BoundedCache<String, String> cache = new BoundedCache<>(2, 1000, String::length);
        cache.get("a", () -> compute("A"), v -> true);
        cache.get("b", () -> compute("B"), v -> true);
        assertThat(cache.get("a", () -> compute("other"), v -> true)).isEqualTo("A");
        cache.get("c", () -> compute("C"), v -> true); // b is the least recently used
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("a", () -> compute("again"), v -> true)).isEqualTo("A");
        assertThat(cache.get("b", () -> compute("B2"), v -> true)).isEqualTo("B2");
        assertThat(computed).hasValue(4);
    }

    @Test
    void theTotalWeightStaysWithinItsBound() {
        BoundedCache<String, String> cache = new BoundedCache<>(100, 10, String::length);
        cache.get("a", () -> "xxxx", v -> true);
        cache.get("b", () -> "yyyy", v -> true);
        cache.get("c", () -> "zzzz", v -> true);
        assertThat(cache.weight()).isEqualTo(8);
        assertThat(cache.size()).isEqualTo(2);
        cache.get("huge", () -> "an eleven c", v -> true);
        assertThat(cache.size()).as("a value heavier than the whole cache is handed out, not kept").isEqualTo(2);
    }

    @Test
    void aValueNotToBeKeptIsComputedAgainNextTime() {
        BoundedCache<String, String> cache = new BoundedCache<>(10, 100, String::length);
        assertThat(cache.get("a", () -> compute("failed"), v -> false)).isEqualTo("failed");
        assertThat(cache.get("a", () -> compute("made"), v -> true)).isEqualTo("made");
        assertThat(computed).hasValue(2);
        assertThat(cache.size()).isEqualTo(1);
    }
}
