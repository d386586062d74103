package io.connectionhub.oidc;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.connectionhub.common.CallerContext;
import io.smallrye.mutiny.Uni;

/**
 * Values loaded asynchronously and kept for a time, per replica. Concurrent callers of a key share one load; a failed
 * load is not kept, so the next caller tries again. Each caller gets the outcome on its own Vert.x context.
 */
final class ExpiringCache<V> {

    /** A value (loaded or loading) and when its load started, in {@link System#nanoTime()}. */
    record Entry<V>(Uni<V> value, long loadedAt) {
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;

    ExpiringCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    /** The value of {@code key}, loaded by {@code loader} when absent or older than the time to live. */
    Uni<V> get(String key, Supplier<Uni<V>> loader) {
        Entry<V> entry = entries.get(key);
        if (entry != null && System.nanoTime() - entry.loadedAt() < ttlNanos) {
            return CallerContext.emitOnCaller(entry.value());
        }
        return reload(key, loader, entry);
    }

    /**
     * Loads {@code key} again in place of {@code seen} (null: of nothing); when another caller has already replaced
     * {@code seen}, that caller's value is used instead of loading a third time.
     */
    Uni<V> reload(String key, Supplier<Uni<V>> loader, Entry<V> seen) {
        Entry<V> fresh = new Entry<>(Uni.createFrom().<V> deferred(loader::get).memoize().indefinitely(), System.nanoTime());
        Entry<V> used = entries.compute(key, (ignored, current) -> current == null || current == seen ? fresh : current);
        if (entries.size() > maxEntries) {
            // A bound against unbounded growth from many connections; dropping the others is rare and harmless.
            entries.keySet().removeIf(other -> !other.equals(key));
        }
        return CallerContext.emitOnCaller(used.value().onFailure().invoke(() -> entries.remove(key, used)));
    }

    /** The current entry of {@code key}, or null. */
    Entry<V> entry(String key) {
        return entries.get(key);
    }
}
