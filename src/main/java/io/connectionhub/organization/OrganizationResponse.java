package io.connectionhub.organization;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An organization as the LoginRadius family shows it, with its domains and a summary of its connections. */
@RegisterForReflection
@JsonPropertyOrder({ "Id", "Name", "Display", "Metadata", "IsActive", "CreatedDate", "ModifiedDate", "Domains",
        "Connections" })
public record OrganizationResponse(
        @JsonProperty("Id") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Display") Display display,
        @JsonProperty("Metadata") Map<String, String> metadata,
        @JsonProperty("IsActive") boolean active,
        @JsonProperty("CreatedDate") String createdDate,
        @JsonProperty("ModifiedDate") String modifiedDate,
        @JsonProperty("Domains") List<DomainResponse> domains,
        @JsonProperty("Connections") List<OrgConnectionSummary> connections) {
}
