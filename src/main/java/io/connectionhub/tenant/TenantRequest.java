package io.connectionhub.tenant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /admin/v1/tenants}. */
public record TenantRequest(
        @Schema(description = "1-128 characters: letters, digits and single hyphens, not at either end", examples = "acme")
        String name) {
}
