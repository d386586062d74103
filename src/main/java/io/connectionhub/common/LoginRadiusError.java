package io.connectionhub.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The LoginRadius family's error body: {@code {"Description":"...","ErrorCode":8148,"Message":"..."}}. */
@RegisterForReflection
@JsonPropertyOrder({ "Description", "ErrorCode", "Message" })
public record LoginRadiusError(
        @JsonProperty("Description") String description,
        @JsonProperty("ErrorCode") int errorCode,
        @JsonProperty("Message") String message) {
}
