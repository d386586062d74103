package io.connectionhub.user;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Why one user was refused, with the import job's error codes: {@code FORMAT}, {@code MAX_LENGTH}, {@code PATTERN},
 * {@code INVALID_TYPE}, {@code OBJECT_REQUIRED}, {@code DUPLICATED_USER}, {@code CONFLICT_EMAIL},
 * {@code ADDITIONAL_PROPERTIES}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserProblem(String code, String message, String path) {
}
