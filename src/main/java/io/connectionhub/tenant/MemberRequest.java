package io.connectionhub.tenant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /admin/v1/tenants/{id}/members}; {@code PUT .../members/{memberId}/password} takes the password only. */
public record MemberRequest(
        @Schema(description = "The member's email; one member per email in the whole service", examples = "ada@acme.example")
        String email,
        @Schema(description = "8-1024 characters; stored as a PBKDF2 hash, never returned")
        String password) {
}
