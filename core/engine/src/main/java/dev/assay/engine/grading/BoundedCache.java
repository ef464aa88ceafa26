package dev.assay.engine.grading;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Values computed once per key and kept, least recently used first out, within a number of entries and a total weight
 * (bytes, say). Callers who ask for a key while it is being computed wait for that computation rather than start their
 * own. A value the caller does not want kept (a failure) is handed to those waiting and then forgotten, so the next
 * caller computes it afresh, as is a value heavier than the whole cache.
 */
final class BoundedCache<K, V> {
    private final int maxEntries;
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<K, CompletableFuture<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<K, Long> weights = new HashMap<>();
    private long weight;

    BoundedCache(int maxEntries, long maxWeight, ToLongFunction<V> weigher) {
        this.maxEntries = maxEntries;
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** The value kept for the key, or the one {@code compute} gives now, kept when {@code keep} says so. */
    V get(K key, Supplier<V> compute, Predicate<V> keep) {
        CompletableFuture<V> mine = null;
        CompletableFuture<V> kept;
        synchronized (this) {
            kept = entries.get(key);
            if (kept == null) {
                mine = new CompletableFuture<>();
                entries.put(key, mine);
            }
        }
        if (mine == null) {
            return kept.join();
        }
        V value;
        try {
            value = compute.get();
        } catch (RuntimeException | Error e) {
            forget(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        if (keep.test(value)) {
            admit(key, weigher.applyAsLong(value));
        } else {
            forget(key, mine);
        }
        mine.complete(value);
        return value;
    }

    private synchronized void forget(K key, CompletableFuture<V> computing) {
        entries.remove(key, computing);
    }

    /** Counts the new value's weight, then drops the least recently used finished values until within bounds. */
    private synchronized void admit(K key, long valueWeight) {
        if (valueWeight > maxWeight) { // heavier than the whole cache: handed out, not kept
            entries.remove(key);
            return;
        }
        weights.put(key, valueWeight);
        weight += valueWeight;
        Iterator<Map.Entry<K, CompletableFuture<V>>> lru = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || weight > maxWeight) && lru.hasNext()) {
            Map.Entry<K, CompletableFuture<V>> e = lru.next();
            Long w = weights.get(e.getKey());
            if (w != null && !e.getKey().equals(key)) { // a value still being computed has no weight yet
                lru.remove();
                weights.remove(e.getKey());
                weight -= w;
            }
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long weight() {
        return weight;
    }
}
