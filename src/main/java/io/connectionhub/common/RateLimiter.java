package io.connectionhub.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A token bucket per key (a tenant, or the client address of an unauthenticated caller), in this replica's memory:
 * {@code capacity} requests at once, refilled at {@code refill-per-second}. Limits are per replica, like the
 * vendors' per-node burst limits; a shared limit would cost a database write per request.
 */
@ApplicationScoped
public class RateLimiter {

    /** The outcome of one request against its bucket, and what the rate-limit headers say. */
    public record Decision(boolean allowed, long limit, long remaining, long resetEpochSeconds, long retryAfterSeconds) {
    }

    private static final int MAX_ANONYMOUS_KEYS = 10_000;

    private final boolean enabled;
    private final long capacity;
    private final double refillPerNano;
    private final Map<String, Bucket> tenants = new ConcurrentHashMap<>();
    private final Map<String, Bucket> anonymous = new ConcurrentHashMap<>();

    public RateLimiter(@ConfigProperty(name = "connectionhub.rate-limit.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "connectionhub.rate-limit.capacity", defaultValue = "20000") long capacity,
            @ConfigProperty(name = "connectionhub.rate-limit.refill-per-second", defaultValue = "20000") double refillPerSecond) {
        this.enabled = enabled;
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1_000_000_000d;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Takes one token from the tenant's bucket. */
    public Decision takeForTenant(String tenantId) {
        return tenants.computeIfAbsent(tenantId, key -> new Bucket()).take(true);
    }

    /** Takes one token from the bucket of an unauthenticated caller's address. */
    public Decision takeForAddress(String address) {
        if (anonymous.size() > MAX_ANONYMOUS_KEYS) {
            anonymous.clear();
        }
        return anonymous.computeIfAbsent(address, key -> new Bucket()).take(true);
    }

    private final class Bucket {
        private double tokens = capacity;
        private long updated = System.nanoTime();

        synchronized Decision take(boolean consume) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - updated) * refillPerNano);
            updated = now;
            boolean allowed = tokens >= 1;
            if (allowed && consume) {
                tokens -= 1;
            }
            long epochNow = System.currentTimeMillis() / 1000;
            long secondsToFull = (long) Math.ceil((capacity - tokens) / refillPerNano / 1_000_000_000d);
            long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / refillPerNano / 1_000_000_000d));
            return new Decision(allowed, capacity, (long) Math.floor(tokens), epochNow + secondsToFull, retryAfter);
        }
    }
}
