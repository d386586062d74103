package io.connectionhub.sso;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sign-in: lifetimes of its state and tokens, the clock skew upstream checks allow, brute-force protection. */
@ConfigMapping(prefix = "connectionhub.sso")
public interface SsoConfig {

    /**
     * Clock skew tolerated on times an identity provider asserts (SAML NotBefore/NotOnOrAfter, OIDC exp/iat), and
     * added to how long the SAML replay table keeps an assertion id.
     */
    @WithDefault("60s")
    Duration clockSkew();

    /** How long an accepted /authorize request may take to come back from the identity provider. */
    @WithDefault("10m")
    Duration requestLifetime();

    /** How long an authorization code can be redeemed (single use). */
    @WithDefault("60s")
    Duration codeLifetime();

    /** Lifetime of the access token for /userinfo ({@code expires_in}). */
    @WithDefault("86400s")
    Duration accessTokenLifetime();

    /** Lifetime of id tokens. */
    @WithDefault("36000s")
    Duration idTokenLifetime();

    /** How long sign-in log events (/api/v2/logs) are kept. */
    @WithDefault("30d")
    Duration logRetention();

    BruteForce bruteForce();

    /** Password sign-ins: failures per (user, IP) before that pair is blocked, and for how long. */
    interface BruteForce {

        @WithDefault("true")
        boolean enabled();

        @WithDefault("10")
        int maxFailures();

        @WithDefault("15m")
        Duration block();
    }
}
