package io.connectionhub.auth;

import io.smallrye.mutiny.Uni;

/**
 * The {@code authorization_code} grant of {@code /oauth/token}: redeems a code that the sign-in flow gave an
 * application. Implemented by the sign-in feature ({@code io.connectionhub.sso}), which owns the codes; the token
 * endpoint only hands the request over. Refusals are {@link TokenRefused}.
 */
public interface AuthorizationCodeGrant {

    String GRANT_TYPE = "authorization_code";

    /** The tokens for the code; client credentials, if any, are already merged in from HTTP Basic. */
    Uni<TokenResponse> redeem(TokenRequest request);
}
