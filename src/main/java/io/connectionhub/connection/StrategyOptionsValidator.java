package io.connectionhub.connection;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectionhub.common.InvalidRequest;
import io.smallrye.mutiny.Uni;

/**
 * The per-strategy option checks of the contract. Everything else in {@code options} is stored and echoed as
 * given. Returns the options to store (a strategy may add derived values).
 */
@ApplicationScoped
public class StrategyOptionsValidator {

    private static final Set<String> OIDC_TYPES = Set.of("front_channel", "back_channel");

    private final SamlOptions saml;

    public StrategyOptionsValidator(SamlOptions saml) {
        this.saml = saml;
    }

    public Uni<ObjectNode> check(String strategy, ObjectNode options) {
        Rule rule = new Rule(strategy);
        switch (strategy) {
            case "samlp":
                return saml.check(options, rule.description);
            case "oidc", "okta":
                // callback_url is the service's own (shown, never stored): a value sent back is dropped.
                ObjectNode oidc = options.deepCopy();
                oidc.remove(ConnectionMapper.CALLBACK_URL);
                options = oidc;
                rule.requireString(options, "client_id");
                rule.requireOneOf(options, "discovery_url", "issuer");
                if (options.has("type")) {
                    rule.requireString(options, "type");
                    if (!OIDC_TYPES.contains(options.get("type").asText())) {
                        throw new InvalidRequest("options.type", "No enum match for: \"" + options.get("type").asText()
                                + "\"", "front_channel or back_channel");
                    }
                }
                break;
            case "waad":
                rule.requireString(options, "client_id");
                rule.requireOneOf(options, "domain", "tenant_domain");
                break;
            case "adfs":
                rule.requireOneOf(options, "adfs_server", "fedMetadataXml");
                break;
            case "google-apps":
                rule.requireString(options, "domain");
                break;
            case "email":
                if (!options.has("email") || !options.get("email").isObject()) {
                    throw rule.missing("email", "object");
                }
                break;
            case "sms":
                rule.requireString(options, "twilio_sid");
                rule.requireString(options, "twilio_token");
                break;
            default:
                break;
        }
        return Uni.createFrom().item(options);
    }

    /** Refusals phrased the way the Auth0 family words them, naming the strategy's options as the rule. */
    static final class Rule {
        final String description;

        Rule(String strategy) {
            this.description = "options of a '" + strategy + "' connection";
        }

        void requireString(ObjectNode options, String name) {
            JsonNode value = options.get(name);
            if (value == null || value.isNull()) {
                throw missing(name, "string");
            }
            if (!value.isTextual()) {
                throw new InvalidRequest("options." + name, "Expected type string but found type "
                        + value.getNodeType().name().toLowerCase(), description);
            }
            if (value.asText().isBlank()) {
                throw new InvalidRequest("options." + name, "String is too short (0 chars), minimum 1", description);
            }
        }

        void requireOneOf(ObjectNode options, String first, String second) {
            boolean hasFirst = options.hasNonNull(first);
            boolean hasSecond = options.hasNonNull(second);
            if (!hasFirst && !hasSecond) {
                throw new InvalidRequest("options", "Missing required property: " + first + " or " + second, description);
            }
            for (String name : List.of(first, second)) {
                if (options.hasNonNull(name)) {
                    requireString(options, name);
                }
            }
        }

        InvalidRequest missing(String name, String type) {
            return new InvalidRequest("options", "Missing required property: " + name + " (" + type + ")", description);
        }
    }
}
