package io.connectionhub.oidc;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long an IdP's discovery document and key set are reused, in memory, per replica. */
@ConfigMapping(prefix = "connectionhub.oidc")
public interface OidcConfig {

    /** A discovery document is fetched again after this long. */
    @WithDefault("15m")
    Duration discoveryCacheTtl();

    /** A key set is fetched again after this long, and at once when an ID token names a key it lacks. */
    @WithDefault("15m")
    Duration keysCacheTtl();

    /**
     * After a key set was fetched again for an unknown key id, it is not fetched again for another unknown one within
     * this time, so that tokens with made-up key ids cannot make the service hammer the IdP.
     */
    @WithDefault("30s")
    Duration keysRefreshInterval();
}
