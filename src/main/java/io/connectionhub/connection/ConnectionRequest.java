package io.connectionhub.connection;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v2/connections}. Unknown properties are refused. */
public record ConnectionRequest(
        @Schema(description = "Must start and end with an alphanumeric character and can only contain alphanumeric "
                + "characters and '-'. Max length 128", required = true, examples = "acme-saml")
        String name,
        @Schema(description = "The identity provider identifier for the connection", required = true, examples = "samlp")
        String strategy,
        @Schema(description = "Connection name used in the new universal login experience; at most 128 characters")
        @JsonProperty("display_name") String displayName,
        @Schema(description = "The connection's options (depend on the connection strategy)")
        ObjectNode options,
        @Schema(description = "DEPRECATED: ids of this tenant's clients the connection is enabled for")
        @JsonProperty("enabled_clients") List<String> enabledClients,
        @JsonProperty("is_domain_connection") Boolean domainConnection,
        @JsonProperty("show_as_button") Boolean showAsButton,
        @Schema(description = "Realms (e.g. email domains); the connection name when absent or empty")
        List<String> realms,
        @Schema(description = "At most 10 properties, string values of at most 255 characters")
        Map<String, String> metadata,
        Purpose authentication,
        @JsonProperty("connected_accounts") Purpose connectedAccounts) {

    /** {@code {"active": boolean}}: whether the connection serves a purpose (login, connected accounts). */
    public record Purpose(Boolean active) {
    }
}
