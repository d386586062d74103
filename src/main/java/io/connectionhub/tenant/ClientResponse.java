package io.connectionhub.tenant;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.connectionhub.common.Timestamps;

/** A client; {@code client_secret} only in the answer that created or rotated it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientResponse(
        @JsonProperty("client_id") String clientId,
        String name,
        String description,
        @JsonProperty("app_type") String appType,
        @JsonProperty("is_first_party") boolean firstParty,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("grant_types") List<String> grantTypes,
        List<String> scopes,
        List<String> callbacks,
        @JsonProperty("allowed_origins") List<String> allowedOrigins,
        @JsonProperty("web_origins") List<String> webOrigins,
        @JsonProperty("allowed_logout_urls") List<String> allowedLogoutUrls,
        @JsonProperty("client_metadata") Map<String, String> clientMetadata,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("client_secret") String clientSecret) {

    static ClientResponse of(Client c, String secret) {
        return new ClientResponse(c.clientId, c.name, c.description, c.appType, c.firstParty,
                c.tokenEndpointAuthMethod, c.grantTypes, c.scopes, c.callbacks, c.allowedOrigins, c.webOrigins,
                c.allowedLogoutUrls, c.clientMetadata, Timestamps.format(c.createdAt), Timestamps.format(c.updatedAt),
                secret);
    }
}
