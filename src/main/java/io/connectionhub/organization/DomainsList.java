package io.connectionhub.organization;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"Data":[...]}}: the domains of an organization, oldest first. */
@RegisterForReflection
public record DomainsList(@JsonProperty("Data") List<DomainResponse> data) {
}
