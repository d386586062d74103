package io.connectionhub.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.connectionhub.auth.JwtVerification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Rate limiting of the Auth0 family: each {@code /api/v2} request takes a token from its tenant's bucket (an
 * unauthenticated one from its address's), a 429 {@code too_many_requests} with {@code Retry-After} when none is
 * left, and the {@code x-ratelimit-*} headers on every response, as the official SDKs expect for their retries.
 */
public class RateLimitFilters {

    private static final String DECISION = RateLimitFilters.class.getName() + ".decision";

    private final RateLimiter limiter;
    private final CurrentIdentityAssociation identity;
    private final Counter refusals;

    public RateLimitFilters(RateLimiter limiter, CurrentIdentityAssociation identity, MeterRegistry registry) {
        this.limiter = limiter;
        this.identity = identity;
        this.refusals = Counter.builder("connectionhub.rate.limit.refusals")
                .description("Requests refused with 429 by the per-tenant rate limit").register(registry);
    }

    @ServerRequestFilter
    public Uni<Void> limit(ContainerRequestContext request, HttpServerRequest http) {
        if (!limiter.enabled() || !request.getUriInfo().getPath().startsWith("/api/v2/")) {
            return Uni.createFrom().voidItem();
        }
        return identity.getDeferredIdentity()
                .map(caller -> tenantOf(caller))
                .onFailure().recoverWithItem((String) null)
                .invoke(tenant -> {
                    RateLimiter.Decision decision = tenant != null ? limiter.takeForTenant(tenant)
                            : limiter.takeForAddress(address(http));
                    request.setProperty(DECISION, decision);
                    if (!decision.allowed()) {
                        refusals.increment();
                        throw new TooManyRequests(decision.retryAfterSeconds());
                    }
                })
                .replaceWithVoid();
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        if (!limiter.enabled() || !request.getUriInfo().getPath().startsWith("/api/v2/")) {
            return;
        }
        Object recorded = request.getProperty(DECISION);
        RateLimiter.Decision decision = recorded instanceof RateLimiter.Decision d ? d : limiter.takeForAddress(address(http));
        response.getHeaders().putSingle("x-ratelimit-limit", decision.limit());
        response.getHeaders().putSingle("x-ratelimit-remaining", decision.remaining());
        response.getHeaders().putSingle("x-ratelimit-reset", decision.resetEpochSeconds());
    }

    private static String tenantOf(SecurityIdentity caller) {
        if (caller == null || caller.isAnonymous()) {
            return null;
        }
        return caller.getPrincipal() instanceof JsonWebToken token ? JwtVerification.tenantOf(token) : null;
    }

    private static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().host();
    }
}
