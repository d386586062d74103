package io.connectionhub.oidc;

import static io.connectionhub.oidc.OidcCheckFailed.Check.KEYS;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jose.jwk.JWKSet;

import io.connectionhub.common.CallerContext;
import io.connectionhub.saml.OutboundFetcher;
import io.connectionhub.saml.OutboundRequestFailed;
import io.connectionhub.saml.OutboundRequestRefused;
import io.smallrye.mutiny.Uni;

/**
 * IdPs' public key sets (JWKS), fetched under the outbound rules, parsed by Nimbus (private parts dropped), kept for
 * {@code connectionhub.oidc.keys-cache-ttl}, and fetched again at once when an ID token names a key the set lacks
 * (an IdP rotated its keys), at most once per {@code keys-refresh-interval} and key set.
 */
@ApplicationScoped
public class OidcKeys {

    private static final int MAX_CACHED = 10_000;

    private final OutboundFetcher fetcher;
    private final ExpiringCache<JWKSet> cache;
    private final long refreshIntervalNanos;
    private final Map<String, Long> lastRefresh = new ConcurrentHashMap<>();

    public OidcKeys(OutboundFetcher fetcher, OidcConfig config) {
        this.fetcher = fetcher;
        this.cache = new ExpiringCache<>(config.keysCacheTtl(), MAX_CACHED);
        this.refreshIntervalNanos = config.keysRefreshInterval().toNanos();
    }

    /** The key set at {@code jwksUri}, from the cache when fresh. */
    public Uni<JWKSet> keys(URI jwksUri) {
        String url = jwksUri.toString();
        return cache.get(url, () -> fetch(url));
    }

    /**
     * The key set fetched again because a token names a key it lacks; within the refresh interval of the last such
     * fetch, the set as it is (concurrent callers share one fetch).
     */
    public Uni<JWKSet> refreshed(URI jwksUri) {
        String url = jwksUri.toString();
        ExpiringCache.Entry<JWKSet> seen = cache.entry(url);
        long now = System.nanoTime();
        Long last = lastRefresh.get(url);
        if (seen != null && last != null && now - last < refreshIntervalNanos) {
            return keys(jwksUri);
        }
        if (lastRefresh.size() > MAX_CACHED) {
            lastRefresh.clear();
        }
        lastRefresh.put(url, now);
        return cache.reload(url, () -> fetch(url), seen);
    }

    private Uni<JWKSet> fetch(String url) {
        return fetcher.fetch(url, "application/jwk-set+json, application/json;q=0.9")
                .onFailure(failure -> failure instanceof OutboundRequestRefused || failure instanceof OutboundRequestFailed)
                .transform(failure -> new OidcCheckFailed(KEYS, "The IdP's key set could not be fetched: "
                        + failure.getMessage()))
                // Parsed on a worker: a key set may be up to the size cap, each key a few big numbers.
                .chain(body -> CallerContext.onWorker(() -> parse(url, body)));
    }

    private static JWKSet parse(String url, byte[] body) {
        try {
            return JWKSet.parse(new String(body, StandardCharsets.UTF_8)).toPublicJWKSet();
        } catch (java.text.ParseException e) {
            throw new OidcCheckFailed(KEYS, "The IdP's key set at " + url + " is not a valid JWK set: " + e.getMessage());
        }
    }
}
