package io.connectionhub.connection;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectionhub.common.FieldEncryption;

/**
 * Seals secret option values before they are stored and opens them for readers with read:connections_options.
 * A secret is any property, at any depth, named like one below; it is stored as {@code {"$sealed": "v1..."}},
 * bound to its tenant and connection.
 */
@ApplicationScoped
public class OptionSecrets {

    static final Set<String> SECRET_NAMES = Set.of("client_secret", "clientSecret", "twilio_token", "signing_key",
            "signingKey", "private_key", "privateKey", "decryption_key", "decryptionKey", "api_secret", "app_secret",
            "consumer_secret", "password", "secret");
    static final String SEALED = "$sealed";

    private final FieldEncryption encryption;
    private final ObjectMapper mapper;

    public OptionSecrets(FieldEncryption encryption, ObjectMapper mapper) {
        this.encryption = encryption;
        this.mapper = mapper;
    }

    public ObjectNode seal(ObjectNode options, String tenantId, String connectionId) {
        ObjectNode copy = options.deepCopy();
        walk(copy, tenantId + "/" + connectionId, true);
        return copy;
    }

    public ObjectNode open(ObjectNode stored, String tenantId, String connectionId) {
        ObjectNode copy = stored.deepCopy();
        walk(copy, tenantId + "/" + connectionId, false);
        return copy;
    }

    private void walk(JsonNode node, String associatedData, boolean sealing) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (!sealing && isSealed(value)) {
                    field.setValue(openValue(value.get(SEALED).asText(), associatedData));
                } else if (sealing && SECRET_NAMES.contains(field.getKey()) && !value.isNull()) {
                    field.setValue(mapper.createObjectNode().put(SEALED, sealValue(value, associatedData)));
                } else {
                    walk(value, associatedData, sealing);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> walk(element, associatedData, sealing));
        }
    }

    private static boolean isSealed(JsonNode value) {
        return value.isObject() && value.size() == 1 && value.has(SEALED) && value.get(SEALED).isTextual();
    }

    private String sealValue(JsonNode value, String associatedData) {
        try {
            return encryption.seal(mapper.writeValueAsString(value), associatedData);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode openValue(String sealed, String associatedData) {
        try {
            return mapper.readTree(encryption.open(sealed, associatedData));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
