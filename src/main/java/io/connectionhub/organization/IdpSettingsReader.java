package io.connectionhub.organization;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.common.CallerContext;
import io.connectionhub.common.InvalidRequest;
import io.connectionhub.saml.IdpMetadata;
import io.connectionhub.saml.IdpMetadataParser;
import io.connectionhub.saml.InvalidMetadata;
import io.connectionhub.saml.OutboundFetcher;
import io.connectionhub.saml.OutboundRequestFailed;
import io.connectionhub.saml.OutboundRequestRefused;
import io.connectionhub.saml.X509Certificates;
import io.smallrye.mutiny.Uni;

/**
 * The identity provider's side of an organization connection, checked against the IdP itself where the request
 * points at it: SAML metadata fetched from {@code IDPMetadataUrl} (or given in {@code IDPMetadataXml}), OIDC
 * discovery of {@code OIDCIssuer}. Every refusal is a 7900 naming the property and the problem.
 */
@ApplicationScoped
class IdpSettingsReader {

    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    /** The SAML IdP settings to store: entity id, SSO URL and signing certificate (normalized PEM). */
    record SamlIdp(String entityId, String ssoUrl, String certificatePem) {
    }

    private final OutboundFetcher fetcher;
    private final IdpMetadataParser parser;
    private final ObjectMapper json;

    IdpSettingsReader(OutboundFetcher fetcher, IdpMetadataParser parser, ObjectMapper json) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.json = json;
    }

    /**
     * The settings given by hand, with what is left out filled from the metadata; a setting neither gives is
     * refused. Expects a request {@link OrgConnectionRules} has checked.
     */
    Uni<SamlIdp> saml(OrgConnectionRequest request) {
        return metadata(request).map(metadata -> {
            String entityId = request.idpEntityId() != null ? request.idpEntityId()
                    : metadata == null ? null : metadata.entityId();
            String ssoUrl = request.idpSsoUrl() != null ? request.idpSsoUrl() : metadata == null ? null : metadata.ssoUrl();
            String certificate = request.idpCertificate() != null
                    ? X509Certificates.parse(request.idpCertificate().certificate()).pem()
                    : metadata == null ? null : metadata.signingCertificate().pem();
            if (entityId == null) {
                throw missing("IDPEntityId");
            }
            if (ssoUrl == null) {
                throw missing("IDPSSOUrl");
            }
            if (certificate == null) {
                throw missing("IDPCertificate");
            }
            return new SamlIdp(entityId, ssoUrl, certificate);
        });
    }

    /** Discovery at {@code <issuer>/.well-known/openid-configuration} names this issuer and an authorization endpoint. */
    Uni<Void> checkIssuer(String issuer) {
        String discovery = issuer.replaceAll("/+$", "") + DISCOVERY_PATH;
        return fetcher.fetch(discovery, OutboundFetcher.ACCEPT_JSON)
                .onFailure(IdpSettingsReader::fetchFailure)
                .transform(failure -> new InvalidRequest("OIDCIssuer", "the discovery document could not be fetched: "
                        + failure.getMessage(), null))
                .invoke(body -> {
                    JsonNode document;
                    try {
                        document = json.readTree(body);
                    } catch (IOException e) {
                        throw new InvalidRequest("OIDCIssuer", "the discovery document at " + discovery + " is not JSON",
                                null);
                    }
                    JsonNode named = document == null ? null : document.get("issuer");
                    if (named == null || !named.isTextual() || !named.asText().equals(issuer)) {
                        throw new InvalidRequest("OIDCIssuer", "the discovery document at " + discovery + " names the "
                                + "issuer " + (named == null ? "(none)" : named.toString()) + ", not \"" + issuer + "\"",
                                null);
                    }
                    JsonNode authorization = document.get("authorization_endpoint");
                    if (authorization == null || !authorization.isTextual() || authorization.asText().isBlank()) {
                        throw new InvalidRequest("OIDCIssuer", "the discovery document at " + discovery
                                + " has no authorization_endpoint", null);
                    }
                })
                .replaceWithVoid();
    }

    /** The metadata the request points at, parsed off the event loop; null when it gives none. */
    private Uni<IdpMetadata> metadata(OrgConnectionRequest request) {
        if (request.idpMetadataUrl() != null) {
            String url = request.idpMetadataUrl();
            return fetcher.fetch(url, OutboundFetcher.ACCEPT_SAML_METADATA)
                    .onFailure(IdpSettingsReader::fetchFailure)
                    .transform(failure -> new InvalidRequest("IDPMetadataUrl", failure.getMessage(), null))
                    .chain(body -> CallerContext.onWorker(() -> parser.parse(body)))
                    .onFailure(InvalidMetadata.class)
                    .transform(failure -> new InvalidRequest("IDPMetadataUrl", "the metadata at " + url + " cannot be "
                            + "used: " + failure.getMessage(), null));
        }
        if (request.idpMetadataXml() != null) {
            return CallerContext.onWorker(() -> parser.parse(request.idpMetadataXml()))
                    .onFailure(InvalidMetadata.class)
                    .transform(failure -> new InvalidRequest("IDPMetadataXml", failure.getMessage(), null));
        }
        return Uni.createFrom().nullItem();
    }

    private static boolean fetchFailure(Throwable failure) {
        return failure instanceof OutboundRequestRefused || failure instanceof OutboundRequestFailed;
    }

    private static InvalidRequest missing(String property) {
        return new InvalidRequest(property, "a value is required, unless IDPMetadataUrl or IDPMetadataXml provides it",
                null);
    }
}
