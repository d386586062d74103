package io.connectionhub.oidc;

import static io.connectionhub.oidc.OidcCheckFailed.Check.CONNECTION_SETTINGS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectionhub.common.NotFound;
import io.connectionhub.connection.ConnectionResponse;
import io.connectionhub.connection.ConnectionService;
import io.connectionhub.connection.Strategy;
import io.connectionhub.organization.OrgConnectionService;
import io.connectionhub.organization.OrgOidcSettings;
import io.smallrye.mutiny.Uni;

/**
 * The relying-party settings of an OIDC connection of either family: an {@code /api/v2} {@code oidc} connection's
 * options ({@code discovery_url} or {@code issuer}, {@code client_id}, {@code client_secret}, {@code scope}), or an
 * organization {@code oidc_*} connection's {@code OIDCIssuer}, {@code ClientId}, {@code ClientSecret} and
 * {@code Scopes}; secrets opened. Only active connections (not being deleted, enabled for sign-in, of an active
 * organization) load; anything else is an {@link OidcCheckFailed} ({@code CONNECTION_SETTINGS}).
 * <p>
 * <b>(ours)</b> Without a scope, {@code openid profile email}; {@code openid} is always asked for. The code flow
 * needs a client secret, whatever the connection's {@code type}.
 */
@ApplicationScoped
public class OidcSettingsLoader {

    static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email");

    private final ConnectionService connections;
    private final OrgConnectionService organizationConnections;

    public OidcSettingsLoader(ConnectionService connections, OrgConnectionService organizationConnections) {
        this.connections = connections;
        this.organizationConnections = organizationConnections;
    }

    public Uni<OidcSettings> load(String tenantId, String connectionId) {
        return load(tenantId, connectionId, false);
    }

    /**
     * As {@link #load(String, String)}; with {@code evenIfTurnedOff}, also a connection not (yet) enabled for sign-in:
     * a test sign-in from the console or the setup portal tries a connection before it is activated.
     */
    public Uni<OidcSettings> load(String tenantId, String connectionId, boolean evenIfTurnedOff) {
        return connections.get(tenantId, connectionId, true)
                .onFailure(NotFound.class).transform(failure -> new OidcCheckFailed(CONNECTION_SETTINGS,
                        "The connection " + connectionId + " does not exist or is being deleted"))
                .chain(connection -> {
                    if (!Strategy.OIDC.equals(connection.strategy())) {
                        throw unusable(connection, "is a " + connection.strategy() + " connection, not an OIDC one");
                    }
                    if (!evenIfTurnedOff
                            && (connection.authentication() == null || !connection.authentication().active())) {
                        throw unusable(connection, "is not active for sign-in");
                    }
                    return organizationConnections.oidcSettings(tenantId, connectionId)
                            .map(organization -> organization != null ? fromOrganization(tenantId, connection, organization)
                                    : fromOptions(tenantId, connection));
                });
    }

    private static OidcSettings fromOrganization(String tenantId, ConnectionResponse connection, OrgOidcSettings org) {
        if (!org.organizationActive()) {
            throw unusable(connection, "belongs to a deactivated organization");
        }
        String issuer = required(connection, org.issuer(), "OIDCIssuer");
        return new OidcSettings(tenantId, connection.id(), connection.name(), org.organizationId(),
                OidcDiscovery.discoveryUrl(issuer), issuer, required(connection, org.clientId(), "ClientId"),
                required(connection, org.clientSecret(), "ClientSecret"), withOpenid(org.scopes()));
    }

    private static OidcSettings fromOptions(String tenantId, ConnectionResponse connection) {
        ObjectNode options = connection.options();
        String discoveryUrl = text(options, "discovery_url");
        String issuer = text(options, "issuer");
        if (discoveryUrl == null && issuer == null) {
            throw unusable(connection, "has neither options.discovery_url nor options.issuer");
        }
        List<String> scopes = scopes(options.get("scope"));
        return new OidcSettings(tenantId, connection.id(), connection.name(), null,
                discoveryUrl != null ? discoveryUrl : OidcDiscovery.discoveryUrl(issuer), issuer,
                required(connection, text(options, "client_id"), "options.client_id"),
                required(connection, text(options, "client_secret"), "options.client_secret"),
                withOpenid(scopes.isEmpty() ? DEFAULT_SCOPES : scopes));
    }

    /** A space-separated string (Auth0's form) or an array of strings. */
    private static List<String> scopes(JsonNode scope) {
        List<String> scopes = new ArrayList<>();
        if (scope != null && scope.isTextual()) {
            Arrays.stream(scope.asText().trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(scopes::add);
        } else if (scope != null && scope.isArray()) {
            scope.forEach(item -> {
                if (item.isTextual() && !item.asText().isBlank()) {
                    scopes.add(item.asText().trim());
                }
            });
        }
        return scopes;
    }

    private static List<String> withOpenid(List<String> scopes) {
        List<String> result = new ArrayList<>(scopes.isEmpty() ? DEFAULT_SCOPES : scopes);
        if (!result.contains("openid")) {
            result.add(0, "openid");
        }
        return result.stream().distinct().toList();
    }

    private static String text(ObjectNode options, String name) {
        JsonNode value = options == null ? null : options.get(name);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : null;
    }

    private static String required(ConnectionResponse connection, String value, String property) {
        if (value == null || value.isBlank()) {
            throw unusable(connection, "has no " + property + ", which the authorization code flow needs");
        }
        return value;
    }

    private static OidcCheckFailed unusable(ConnectionResponse connection, String problem) {
        return new OidcCheckFailed(CONNECTION_SETTINGS, "The connection " + connection.name() + " " + problem);
    }
}
