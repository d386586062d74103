package io.connectionhub.connection;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectionhub.auth.PublicUrl;

/**
 * Stored connection to the Auth0 family's response; options parsed and opened only for callers allowed to see them.
 * An {@code oidc} connection's options also show {@code callback_url}, the redirect URI to register at its IdP (read-only,
 * never stored).
 */
@ApplicationScoped
public class ConnectionMapper {

    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };

    static final String CALLBACK_URL = "callback_url";
    /** A {@code samlp} connection's SP identity, shown in its options (read-only, never stored). */
    static final String SP_ENTITY_ID = "sp_entity_id";
    static final String ACS_URL = "acs_url";
    static final String SP_METADATA_URL = "sp_metadata_url";

    private final OptionSecrets secrets;
    private final ObjectMapper json;
    private final PublicUrl publicUrl;

    public ConnectionMapper(OptionSecrets secrets, ObjectMapper json, PublicUrl publicUrl) {
        this.secrets = secrets;
        this.json = json;
        this.publicUrl = publicUrl;
    }

    public ConnectionResponse toResponse(Connection c, boolean withOptions) {
        return new ConnectionResponse(c.id, withOptions ? shownOptions(c) : null,
                c.strategy, c.name, c.displayName, c.domainConnection, c.showAsButton, List.copyOf(c.enabledClients),
                c.realms, metadata(c), new ConnectionResponse.Active(c.authenticationActive),
                new ConnectionResponse.Active(c.connectedAccountsActive));
    }

    /** The options opened, with what the service adds for the strategy. */
    private ObjectNode shownOptions(Connection c) {
        ObjectNode options = secrets.open(storedOptions(c), c.tenantId, c.id);
        if (Strategy.OIDC.equals(c.strategy)) {
            options.put(CALLBACK_URL, publicUrl.oidcCallbackUrl());
        }
        return options;
    }

    /** The options as stored (secret values sealed). */
    public ObjectNode storedOptions(Connection c) {
        return (ObjectNode) read(c.optionsJson);
    }

    public Map<String, String> metadata(Connection c) {
        if (c.metadataJson == null) {
            return null;
        }
        try {
            return json.readValue(c.metadataJson, METADATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String write(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
