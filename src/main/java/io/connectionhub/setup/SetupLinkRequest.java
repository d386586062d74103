package io.connectionhub.setup;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v2/manage/organizations/{orgId}/setup-links} (ours). */
public record SetupLinkRequest(
        @Schema(required = true, description = "What the IT admin may do: sso, domain_verification (at least one)",
                examples = "[\"sso\", \"domain_verification\"]")
        @JsonProperty("Intents") List<String> intents,
        @Schema(description = "Lifetime in seconds; default 432000 (5 days), at most 2592000 (30 days)")
        @JsonProperty("TtlSeconds") Long ttlSeconds,
        @Schema(description = "Where the portal sends the IT admin when done (absolute http or https URL)")
        @JsonProperty("ReturnUrl") String returnUrl) {
}
