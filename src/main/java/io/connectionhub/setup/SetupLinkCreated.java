package io.connectionhub.setup;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A new setup link. {@code Url} carries the link's secret token: it is in this answer only. */
@RegisterForReflection
public record SetupLinkCreated(@JsonProperty("Id") String id, @JsonProperty("Url") String url,
        @JsonProperty("ExpiresAt") String expiresAt) {
}
