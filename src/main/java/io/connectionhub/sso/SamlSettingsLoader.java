package io.connectionhub.sso;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectionhub.common.NotFound;
import io.connectionhub.connection.ConnectionResponse;
import io.connectionhub.connection.ConnectionService;
import io.connectionhub.connection.Strategy;
import io.connectionhub.organization.Attributes;
import io.connectionhub.organization.OrgConnectionService;
import io.connectionhub.organization.OrgSamlSettings;
import io.connectionhub.saml.InvalidCertificate;
import io.connectionhub.saml.SamlCheckFailed;
import io.connectionhub.saml.SamlSettings;
import io.connectionhub.saml.SpIdentity;
import io.connectionhub.saml.SpIdentityService;
import io.connectionhub.saml.SpKeys;
import io.connectionhub.saml.X509Certificates;
import io.smallrye.mutiny.Uni;

/**
 * The service-provider settings of a SAML connection of either family: an organization {@code saml_*} connection's
 * {@code IDPEntityId}, {@code IDPSSOUrl}, {@code IDPCertificate}, {@code IsIDPInitiated} and {@code Attributes}, or a
 * {@code samlp} connection's {@code options} ({@code signInEndpoint}, {@code signingCert}, {@code issuer},
 * {@code idpinitiated}, {@code fieldsMap}); with the connection's SP identity and key (made now for a {@code samlp}
 * connection that has none yet). Only active connections load; anything else is a {@link SamlCheckFailed} naming
 * what is missing.
 */
@ApplicationScoped
public class SamlSettingsLoader {

    /**
     * IdP certificates already parsed, by their stored text (a sign-in parsed the connection's certificate for every
     * response): at most {@link #PARSED_CERTIFICATES}, the least recently used leaving first. A changed certificate is
     * new text, so a new entry, on every replica.
     */
    private static final int PARSED_CERTIFICATES = 1024;
    private static final Map<String, X509Certificate> PARSED = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, X509Certificate> eldest) {
            return size() > PARSED_CERTIFICATES;
        }
    };

    private final ConnectionService connections;
    private final OrgConnectionService organizationConnections;
    private final SpIdentityService spIdentities;

    public SamlSettingsLoader(ConnectionService connections, OrgConnectionService organizationConnections,
            SpIdentityService spIdentities) {
        this.connections = connections;
        this.organizationConnections = organizationConnections;
        this.spIdentities = spIdentities;
    }

    /**
     * The settings of a connection of sign-in (the organization's settings read only when it is an organization's);
     * with {@code evenIfTurnedOff}, also of a connection not (yet) enabled for sign-in: a test sign-in from the console
     * or the setup portal tries a connection before it is activated.
     */
    public Uni<SamlSettings> load(SignInConnection connection, boolean evenIfTurnedOff) {
        return load(connection.tenantId(), connection.id(), evenIfTurnedOff, connection.organizationId() != null,
                () -> spIdentities.keysOf(connection.tenantId(), connection.id()));
    }

    /**
     * As {@link #load(SignInConnection, boolean)}, for the connection an ACS request was tied to by the SP identity it
     * names: that identity's keys, and the organization's settings only when the connection is an organization's.
     */
    public Uni<SamlSettings> load(SignInConnection connection, SpIdentity identity, boolean evenIfTurnedOff) {
        return load(connection.tenantId(), connection.id(), evenIfTurnedOff, connection.organizationId() != null,
                () -> Uni.createFrom().item(() -> spIdentities.keysOf(identity)));
    }

    private Uni<SamlSettings> load(String tenantId, String connectionId, boolean evenIfTurnedOff,
            boolean maybeOrganizations, Supplier<Uni<SpKeys>> keys) {
        return connections.getForSignIn(tenantId, connectionId)
                .onFailure(NotFound.class).transform(failure -> new SamlCheckFailed(
                        "The connection " + connectionId + " does not exist or is being deleted"))
                .chain(connection -> {
                    if (!Strategy.SAMLP.equals(connection.strategy())) {
                        throw unusable(connection, "is a " + connection.strategy() + " connection, not a SAML one");
                    }
                    if (!evenIfTurnedOff
                            && (connection.authentication() == null || !connection.authentication().active())) {
                        throw unusable(connection, "is not active for sign-in");
                    }
                    Uni<OrgSamlSettings> organization = maybeOrganizations
                            ? organizationConnections.samlSettings(tenantId, connectionId)
                            : Uni.createFrom().nullItem();
                    return organization.chain(org -> keys.get().map(sp -> org != null
                            ? fromOrganization(tenantId, connection, org, sp)
                            : fromOptions(tenantId, connection, sp)));
                });
    }

    private static SamlSettings fromOrganization(String tenantId, ConnectionResponse connection, OrgSamlSettings org,
            SpKeys sp) {
        if (!org.organizationActive()) {
            throw unusable(connection, "belongs to a deactivated organization");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, String> custom = new LinkedHashMap<>();
        Attributes attributes = org.attributes();
        if (attributes != null) {
            putField(fields, "subject", attributes.id());
            putField(fields, "email", attributes.email());
            putField(fields, "given_name", attributes.firstName());
            putField(fields, "family_name", attributes.lastName());
            putField(fields, "groups", attributes.groups());
            if (attributes.customMapping() != null) {
                attributes.customMapping().forEach((claim, attribute) -> {
                    if (claim != null && attribute != null && !attribute.isBlank()) {
                        custom.put(claim, attribute);
                    }
                });
            }
        }
        return new SamlSettings(tenantId, connection.id(), connection.name(), org.organizationId(),
                required(connection, org.idpEntityId(), "IDPEntityId"), required(connection, org.idpSsoUrl(), "IDPSSOUrl"),
                certificate(connection, required(connection, org.idpCertificatePem(), "IDPCertificate"), "IDPCertificate"),
                sp, fields, custom, new SamlSettings.IdpInitiated(org.idpInitiated(), null, null));
    }

    private static SamlSettings fromOptions(String tenantId, ConnectionResponse connection, SpKeys sp) {
        ObjectNode options = connection.options();
        String issuer = text(options, "issuer");
        if (issuer == null) {
            issuer = text(options, "entityId");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        JsonNode fieldsMap = options == null ? null : options.get("fieldsMap");
        if (fieldsMap != null && fieldsMap.isObject()) {
            fieldsMap.fields().forEachRemaining(entry -> {
                String field = switch (entry.getKey()) {
                    case "user_id" -> "subject";
                    case "email", "given_name", "family_name", "name", "groups" -> entry.getKey();
                    default -> null;
                };
                if (field == null) {
                    return;
                }
                if (entry.getValue().isTextual()) {
                    putField(fields, field, entry.getValue().asText());
                } else if (entry.getValue().isArray()) {
                    entry.getValue().forEach(item -> putField(fields, field, item.isTextual() ? item.asText() : null));
                }
            });
        }
        return new SamlSettings(tenantId, connection.id(), connection.name(), null,
                required(connection, issuer, "options.issuer (the IdP's entity id)"),
                required(connection, text(options, "signInEndpoint"), "options.signInEndpoint"),
                certificate(connection, required(connection, text(options, "signingCert"), "options.signingCert"),
                        "options.signingCert"),
                sp, fields, Map.of(), idpInitiated(options));
    }

    /** {@code options.idpinitiated}: {@code enabled}, {@code client_id}, {@code client_authorizequery}. */
    private static SamlSettings.IdpInitiated idpInitiated(ObjectNode options) {
        JsonNode node = options == null ? null : options.get("idpinitiated");
        if (node == null || !node.isObject() || !node.path("enabled").asBoolean(false)) {
            return SamlSettings.IdpInitiated.DISABLED;
        }
        String clientId = node.path("client_id").isTextual() ? node.path("client_id").asText() : null;
        String redirectUri = null;
        String query = node.path("client_authorizequery").isTextual() ? node.path("client_authorizequery").asText() : "";
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && "redirect_uri".equals(pair.substring(0, eq))) {
                redirectUri = java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return new SamlSettings.IdpInitiated(true, clientId, redirectUri);
    }

    private static void putField(Map<String, List<String>> fields, String field, String attribute) {
        if (attribute != null && !attribute.isBlank()) {
            fields.computeIfAbsent(field, ignored -> new ArrayList<>()).add(attribute.trim());
        }
    }

    private static X509Certificate certificate(ConnectionResponse connection, String value, String property) {
        synchronized (PARSED) {
            X509Certificate known = PARSED.get(value);
            if (known != null) {
                return known;
            }
        }
        X509Certificate parsed;
        try {
            parsed = X509Certificates.parse(value).certificate();
        } catch (InvalidCertificate e) {
            throw unusable(connection, "has an unusable " + property + ": " + e.getMessage());
        }
        synchronized (PARSED) {
            PARSED.put(value, parsed);
        }
        return parsed;
    }

    private static String text(ObjectNode options, String name) {
        JsonNode value = options == null ? null : options.get(name);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : null;
    }

    private static String required(ConnectionResponse connection, String value, String property) {
        if (value == null || value.isBlank()) {
            throw unusable(connection, "has no " + property + ", which SAML sign-in needs");
        }
        return value;
    }

    private static SamlCheckFailed unusable(ConnectionResponse connection, String problem) {
        return new SamlCheckFailed("The connection " + connection.name() + " " + problem);
    }
}
