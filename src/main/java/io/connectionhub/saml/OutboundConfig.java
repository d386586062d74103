package io.connectionhub.saml;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits on requests the service makes to URLs its clients chose (IdP metadata, OIDC discovery). The defaults are
 * the contract's; the two {@code allow-*} switches exist for development and tests against local servers.
 */
@ConfigMapping(prefix = "connectionhub.outbound")
public interface OutboundConfig {

    /** Also fetch {@code http} URLs; {@code https} only when false. */
    @WithDefault("false")
    boolean allowHttp();

    /** Also connect to loopback, private, link-local and other non-public addresses. */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** Largest response body read; reading stops as soon as it is exceeded. */
    @WithDefault("1M")
    MemorySize maxBytes();

    /** Time for the whole fetch: name resolution, connection, redirects and body. */
    @WithDefault("5s")
    Duration timeout();

    /** Redirects followed (each only to the same host, never from https to http). */
    @WithDefault("3")
    int maxRedirects();
}
