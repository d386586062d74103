package io.connectionhub.organization;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A connection as listed inside its organization; the full object is at {@code .../connections/{Id}}. */
@RegisterForReflection
public record OrgConnectionSummary(
        @JsonProperty("Id") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("ConnectionType") String connectionType,
        @JsonProperty("Domain") String domain,
        @JsonProperty("IsActive") boolean active) {
}
