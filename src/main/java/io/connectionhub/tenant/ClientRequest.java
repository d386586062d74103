package io.connectionhub.tenant;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v2/clients} and {@code PATCH /api/v2/clients/{id}} (absent fields are left as they are). */
public record ClientRequest(
        @Schema(description = "Name of the application, 1-255 characters", examples = "Billing backend")
        String name,
        @Schema(description = "At most 140 characters")
        String description,
        @Schema(description = "native, spa, regular_web or non_interactive (machine-to-machine)", examples = "non_interactive")
        @JsonProperty("app_type") String appType,
        @JsonProperty("is_first_party") Boolean firstParty,
        @Schema(description = "none, client_secret_post or client_secret_basic")
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("grant_types") List<String> grantTypes,
        @Schema(description = "Management scopes a machine-to-machine client may be granted by /oauth/token (ours)")
        List<String> scopes,
        List<String> callbacks,
        @JsonProperty("allowed_origins") List<String> allowedOrigins,
        @JsonProperty("web_origins") List<String> webOrigins,
        @JsonProperty("allowed_logout_urls") List<String> allowedLogoutUrls,
        @Schema(description = "At most 10 keys, string values of at most 255 characters")
        @JsonProperty("client_metadata") Map<String, String> clientMetadata) {
}
