package io.connectionhub.connection;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectionhub.common.InvalidRequest;
import io.connectionhub.common.Timestamps;
import io.connectionhub.saml.IdpMetadata;
import io.connectionhub.saml.IdpMetadataParser;
import io.connectionhub.saml.InvalidCertificate;
import io.connectionhub.saml.InvalidMetadata;
import io.connectionhub.saml.OutboundConfig;
import io.connectionhub.saml.OutboundFetcher;
import io.connectionhub.saml.OutboundRequestFailed;
import io.connectionhub.saml.OutboundRequestRefused;
import io.connectionhub.saml.ParsedCertificate;
import io.connectionhub.saml.X509Certificates;
import io.smallrye.mutiny.Uni;

/**
 * The {@code samlp} options: {@code signInEndpoint} (https) and {@code signingCert} (PEM or base64 DER), or IdP
 * metadata instead ({@code metadataXml} or {@code metadataUrl}, not both) from which both are read. The
 * certificate's expiry and SHA-1 thumbprint are added as {@code cert_expires_at} and {@code thumbprints};
 * {@code metadataXml} is write-only.
 */
@ApplicationScoped
public class SamlOptions {

    private final IdpMetadataParser parser;
    private final OutboundFetcher fetcher;
    /** An IdP served over http (development, tests) is allowed where the outbound rules allow fetching from it. */
    private final boolean allowHttp;

    public SamlOptions(IdpMetadataParser parser, OutboundFetcher fetcher, OutboundConfig outbound) {
        this.parser = parser;
        this.fetcher = fetcher;
        this.allowHttp = outbound.allowHttp();
    }

    Uni<ObjectNode> check(ObjectNode given, String rule) {
        ObjectNode options = given.deepCopy();
        // The SP identity is the service's own (shown, never stored): values sent back are dropped.
        options.remove(List.of(ConnectionMapper.SP_ENTITY_ID, ConnectionMapper.ACS_URL, ConnectionMapper.SP_METADATA_URL));
        boolean hasUrl = options.hasNonNull("metadataUrl");
        boolean hasXml = options.hasNonNull("metadataXml");
        if (hasUrl && hasXml) {
            throw new InvalidRequest("options", "metadataUrl and metadataXml cannot both be given", rule);
        }
        if (hasXml) {
            String xml = text(options, "metadataXml", rule);
            options.remove("metadataXml");
            return Uni.createFrom().item(fromMetadata(options, metadata("options.metadataXml", xml.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8), rule), rule));
        }
        if (hasUrl) {
            String url = text(options, "metadataUrl", rule);
            return fetcher.fetch(url, OutboundFetcher.ACCEPT_SAML_METADATA)
                    .onFailure(failure -> failure instanceof OutboundRequestRefused || failure instanceof OutboundRequestFailed)
                    .transform(failure -> new InvalidRequest("options.metadataUrl", failure.getMessage(), rule))
                    .map(xml -> fromMetadata(options, metadata("options.metadataUrl", xml, rule), rule));
        }
        StrategyOptionsValidator.Rule required = new StrategyOptionsValidator.Rule(Strategy.SAMLP);
        required.requireString(options, "signInEndpoint");
        required.requireString(options, "signingCert");
        checkEndpoint(options.get("signInEndpoint").asText(), rule);
        return Uni.createFrom().item(withCertificateFacts(options, certificate(options.get("signingCert").asText(), rule)));
    }

    private IdpMetadata metadata(String property, byte[] xml, String rule) {
        try {
            return parser.parse(xml);
        } catch (InvalidMetadata e) {
            throw new InvalidRequest(property, e.getMessage(), rule);
        }
    }

    /** Sign-in endpoint and certificate from the IdP's metadata replace any given by hand. */
    private ObjectNode fromMetadata(ObjectNode options, IdpMetadata metadata, String rule) {
        checkEndpoint(metadata.ssoUrl(), rule);
        options.put("signInEndpoint", metadata.ssoUrl());
        ParsedCertificate certificate = metadata.signingCertificate();
        options.put("signingCert", certificate.base64Der());
        if (!options.hasNonNull("issuer")) {
            options.put("issuer", metadata.entityId());
        }
        return withCertificateFacts(options, certificate);
    }

    private static ObjectNode withCertificateFacts(ObjectNode options, ParsedCertificate certificate) {
        options.put("cert_expires_at", Timestamps.format(certificate.notAfter().atOffset(java.time.ZoneOffset.UTC)));
        options.putArray("thumbprints").add(certificate.sha1Thumbprint().toLowerCase(Locale.ROOT));
        return options;
    }

    private static ParsedCertificate certificate(String value, String rule) {
        try {
            return X509Certificates.parse(value);
        } catch (InvalidCertificate e) {
            throw new InvalidRequest("options.signingCert", e.getMessage(), rule);
        }
    }

    private void checkEndpoint(String endpoint, String rule) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("options.signInEndpoint", "Not a URL: " + endpoint, rule);
        }
        boolean web = "https".equalsIgnoreCase(uri.getScheme()) || (allowHttp && "http".equalsIgnoreCase(uri.getScheme()));
        if (!web || uri.getHost() == null) {
            throw new InvalidRequest("options.signInEndpoint", "Must be an https URL: " + endpoint, rule);
        }
    }

    private static String text(ObjectNode options, String name, String rule) {
        JsonNode value = options.get(name);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRequest("options." + name, "Expected a non-empty string", rule);
        }
        return value.asText();
    }
}
