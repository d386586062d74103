package io.connectionhub.user;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /api/v2/users}: checkpoint shape, {@code next} absent on the last page. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsersPage(List<UserResponse> users, String next) {
}
