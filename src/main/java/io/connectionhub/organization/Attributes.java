package io.connectionhub.organization;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Which IdP attribute fills each profile field; {@code CustomMapping} maps further profile fields. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attributes(
        @Schema(examples = "sub") @JsonProperty("ID") String id,
        @Schema(examples = "email") @JsonProperty("Email") String email,
        @JsonProperty("FirstName") String firstName,
        @JsonProperty("LastName") String lastName,
        @JsonProperty("Groups") String groups,
        @Schema(description = "<profile field>: <IdP attribute>; at most 50")
        @JsonProperty("CustomMapping") Map<String, String> customMapping) {
}
