package io.connectionhub.organization;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"IsDeleted":true}}. */
@RegisterForReflection
public record Deleted(@JsonProperty("IsDeleted") boolean deleted) {

    static final Deleted YES = new Deleted(true);
}
