package io.connectionhub.organization;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v2/manage/organizations} and {@code PUT .../{orgId}} (which replaces all three). */
public record OrganizationRequest(
        @Schema(description = "1-128 characters", required = true, examples = "acme")
        @JsonProperty("Name") String name,
        @JsonProperty("Display") Display display,
        @Schema(description = "At most 10 properties, string values of at most 255 characters")
        @JsonProperty("Metadata") Map<String, String> metadata) {
}
