package io.connectionhub.tenant;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A new tenant with its credentials. The secrets appear here once and are stored only as digests. */
public record TenantCreated(
        String id,
        String name,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("management_client") ManagementClient managementClient,
        @JsonProperty("api_key") String apiKey,
        @JsonProperty("api_secret") String apiSecret) {

    /** The tenant's machine-to-machine client for the management API, granted every management scope. */
    public record ManagementClient(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("client_secret") String clientSecret,
            List<String> scopes) {
    }
}
