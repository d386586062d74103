package io.connectionhub.user;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A user as the Auth0 family shows it. The password (hash) is never part of it. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserResponse(
        @JsonProperty("user_id") String userId,
        String email,
        @JsonProperty("email_verified") boolean emailVerified,
        String username,
        @JsonProperty("given_name") String givenName,
        @JsonProperty("family_name") String familyName,
        String name,
        String nickname,
        boolean blocked,
        @JsonProperty("user_metadata") JsonNode userMetadata,
        @JsonProperty("app_metadata") JsonNode appMetadata,
        List<Identity> identities,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("last_login") String lastLogin,
        @JsonProperty("last_ip") String lastIp,
        @JsonProperty("logins_count") long loginsCount) {

    /** The account at the identity provider behind the user. */
    @RegisterForReflection
    public record Identity(String connection, String provider, @JsonProperty("user_id") String userId,
            @JsonProperty("isSocial") boolean social) {
    }
}
