package io.connectionhub.connection;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A connection as the Auth0 family shows it; {@code options} only for tokens with read:connections_options. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "options", "strategy", "name", "display_name", "is_domain_connection", "show_as_button",
        "enabled_clients", "realms", "metadata", "authentication", "connected_accounts" })
public record ConnectionResponse(
        String id,
        ObjectNode options,
        String strategy,
        String name,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("is_domain_connection") boolean domainConnection,
        @JsonProperty("show_as_button") boolean showAsButton,
        @JsonProperty("enabled_clients") List<String> enabledClients,
        List<String> realms,
        Map<String, String> metadata,
        Active authentication,
        @JsonProperty("connected_accounts") Active connectedAccounts) {

    @RegisterForReflection
    public record Active(boolean active) {
    }
}
