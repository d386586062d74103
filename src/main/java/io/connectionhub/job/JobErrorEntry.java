package io.connectionhub.job;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One refused user of an import: the entry as the file had it, and why. */
@RegisterForReflection
public record JobErrorEntry(JsonNode user, JsonNode errors) {
}
