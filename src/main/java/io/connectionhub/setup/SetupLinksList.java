package io.connectionhub.setup;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"Data": [...]}}, newest first (at most 100). */
@RegisterForReflection
public record SetupLinksList(@JsonProperty("Data") List<SetupLinkResponse> data) {
}
