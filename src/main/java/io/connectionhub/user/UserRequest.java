package io.connectionhub.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v2/users}. Unknown properties are refused. */
public record UserRequest(
        @Schema(description = "Name of the connection the user belongs to", required = true, examples = "acme-users")
        String connection,
        @Schema(required = true, examples = "jane@example.com") String email,
        String username,
        @JsonProperty("email_verified") Boolean emailVerified,
        @JsonProperty("verify_email") Boolean verifyEmail,
        @JsonProperty("given_name") String givenName,
        @JsonProperty("family_name") String familyName,
        String name,
        String nickname,
        Boolean blocked,
        @JsonProperty("user_metadata") ObjectNode userMetadata,
        @JsonProperty("app_metadata") ObjectNode appMetadata,
        @Schema(description = "Id within the connection; generated when absent")
        @JsonProperty("user_id") String userId,
        @Schema(description = "Only for database (auth0) connections, where it is required; stored as a slow salted "
                + "hash and never returned")
        String password) {
}
