package io.connectionhub.setup;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Setup links and the portal they open. */
@ConfigMapping(prefix = "connectionhub.setup")
public interface SetupConfig {

    /** How often a link may be opened (each opening starts a portal session). */
    @WithDefault("10")
    int maxOpens();

    /** How long a portal session lasts (never past its link's expiry). */
    @WithDefault("2h")
    Duration sessionLifetime();

    /** Lifetime of a link when TtlSeconds is not given. */
    @WithDefault("5d")
    Duration defaultTtl();

    /** The longest lifetime a link may be given. */
    @WithDefault("30d")
    Duration maxTtl();
}
