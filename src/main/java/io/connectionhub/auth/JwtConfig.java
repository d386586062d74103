package io.connectionhub.auth;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Token issuing and verification. */
@ConfigMapping(prefix = "connectionhub.jwt")
public interface JwtConfig {

    /** The current RS256 signing key: a PKCS#8 PEM, or the path of a file holding one. */
    Optional<String> signingKey();

    /** The previous signing key (PEM or path, private or public): its tokens stay valid after a rotation. */
    Optional<String> previousKey();

    /** Lifetime of issued access tokens. */
    @WithDefault("86400s")
    Duration tokenLifetime();

    /** Clock skew tolerated when checking exp and nbf. */
    @WithDefault("30s")
    Duration clockSkew();
}
