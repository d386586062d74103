package io.connectionhub.organization;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How an organization is shown: a name (at most 255 characters) and a logo (an absolute http(s) URL). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Display(
        @Schema(examples = "Acme Corporation") @JsonProperty("Name") String name,
        @Schema(examples = "https://acme.example.com/logo.png") @JsonProperty("LogoURL") String logoUrl) {
}
