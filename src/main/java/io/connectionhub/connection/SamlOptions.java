package io.connectionhub.connection;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectionhub.common.InvalidRequest;
import io.smallrye.mutiny.Uni;

/** The {@code samlp} option rules (in progress: certificate and metadata handling come with the saml package). */
@ApplicationScoped
public class SamlOptions {

    Uni<ObjectNode> check(ObjectNode options, String rule) {
        boolean hasUrl = options.hasNonNull("metadataUrl");
        boolean hasXml = options.hasNonNull("metadataXml");
        if (hasUrl && hasXml) {
            throw new InvalidRequest("options", "metadataUrl and metadataXml cannot both be given", rule);
        }
        if (!hasUrl && !hasXml) {
            new StrategyOptionsValidator.Rule("samlp").requireString(options, "signInEndpoint");
            new StrategyOptionsValidator.Rule("samlp").requireString(options, "signingCert");
        }
        return Uni.createFrom().item(options);
    }
}
