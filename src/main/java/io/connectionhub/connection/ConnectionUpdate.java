package io.connectionhub.connection;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PATCH /api/v2/connections/{id}}: {@code name} and {@code strategy} cannot change (refused as
 * unknown properties); {@code options}, when present, replaces the whole object; an omitted {@code display_name}
 * resets it to the name.
 */
public record ConnectionUpdate(
        @JsonProperty("display_name") String displayName,
        @Schema(description = "Replaces all options; needs the update:connections_options scope")
        ObjectNode options,
        @JsonProperty("enabled_clients") List<String> enabledClients,
        @JsonProperty("is_domain_connection") Boolean domainConnection,
        @JsonProperty("show_as_button") Boolean showAsButton,
        List<String> realms,
        Map<String, String> metadata,
        ConnectionRequest.Purpose authentication,
        @JsonProperty("connected_accounts") ConnectionRequest.Purpose connectedAccounts) {
}
