package io.connectionhub.common;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An OAuth 2.0 error body (RFC 6749 5.2), as {@code /oauth/token} answers refusals. */
@RegisterForReflection
public record OAuthError(String error, @JsonProperty("error_description") String errorDescription) {
}
