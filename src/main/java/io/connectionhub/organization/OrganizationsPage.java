package io.connectionhub.organization;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"Data":[...]}}, with {@code NextCursor} when more organizations remain. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrganizationsPage(
        @JsonProperty("Data") List<OrganizationResponse> data,
        @JsonProperty("NextCursor") String nextCursor) {
}
