package io.connectionhub.organization;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v2/manage/organizations/{orgId}/domains}. */
public record DomainRequest(
        @Schema(required = true, description = "A lower-case DNS name the organization's users have addresses at; "
                + "not a consumer mail domain", examples = "acme.example.com")
        @JsonProperty("DomainName") String domainName) {
}
