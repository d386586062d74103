package io.connectionhub.organization;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PUT /v2/manage/organizations/{orgId}/status}. */
public record OrganizationStatus(
        @Schema(required = true, description = "false deactivates: no domain or connection of the organization can "
                + "then be added or changed (8180)")
        @JsonProperty("IsActive") Boolean active) {
}
