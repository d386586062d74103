package io.connectionhub.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An issued access token. */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        String scope) {
}
