package io.connectionhub.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /oauth/token} as JSON (or its form fields). Parameters other SDK flows send (organization, ...) are
 * ignored, as OAuth servers do.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenRequest(
        @Schema(examples = "client_credentials") @JsonProperty("grant_type") String grantType,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @Schema(description = "Defaults to <public URL>/api/v2/; any other value is refused")
        String audience,
        @Schema(description = "Space-separated scopes; the token gets those the client may have. All of them when left out.")
        String scope,
        @Schema(description = "authorization_code: the code the application received at its redirect_uri")
        String code,
        @Schema(description = "authorization_code: the redirect_uri sent to /authorize")
        @JsonProperty("redirect_uri") String redirectUri,
        @Schema(description = "authorization_code: the PKCE verifier of the code_challenge sent to /authorize")
        @JsonProperty("code_verifier") String codeVerifier) {

    /** The same request with these client credentials (from HTTP Basic). */
    public TokenRequest withClient(String id, String secret) {
        return new TokenRequest(grantType, id, secret, audience, scope, code, redirectUri, codeVerifier);
    }
}
