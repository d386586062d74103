package io.connectionhub.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /oauth/token} as JSON. Parameters other SDK flows send (organization, ...) are ignored, as OAuth servers do. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenRequest(
        @Schema(examples = "client_credentials") @JsonProperty("grant_type") String grantType,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @Schema(description = "Defaults to <public URL>/api/v2/; any other value is refused")
        String audience,
        @Schema(description = "Space-separated scopes; the token gets those the client may have. All of them when left out.")
        String scope) {
}
