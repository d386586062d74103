package io.connectionhub.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An issued access token; with an id token for the authorization code grant when {@code openid} was asked for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        String scope,
        @JsonProperty("id_token") String idToken) {

    public TokenResponse(String accessToken, String tokenType, long expiresIn, String scope) {
        this(accessToken, tokenType, expiresIn, scope, null);
    }
}
