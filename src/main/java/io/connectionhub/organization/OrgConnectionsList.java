package io.connectionhub.organization;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"Data":[...]}}: the connections of an organization, oldest first. */
@RegisterForReflection
public record OrgConnectionsList(@JsonProperty("Data") List<OrgConnectionResponse> data) {
}
