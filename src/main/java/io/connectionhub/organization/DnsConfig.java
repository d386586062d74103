package io.connectionhub.organization;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The DNS server that domain verification asks. */
@ConfigMapping(prefix = "connectionhub.dns")
public interface DnsConfig {

    /**
     * {@code host:port} ({@code [v6]:port} for IPv6; port 53 when left out) of the server to ask
     * ({@code CONNECTIONHUB_DNS_SERVER}); the system's resolvers when unset.
     */
    Optional<String> server();

    /** How long a lookup may take before it counts as timed out. */
    @WithDefault("5s")
    Duration timeout();
}
