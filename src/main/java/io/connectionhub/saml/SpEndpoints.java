package io.connectionhub.saml;

/**
 * What an identity provider is told about a SAML connection's service provider.
 *
 * @param entityId {@code <public URL>/saml/sp/<token>}
 * @param metadataUrl {@code <entityId>/metadata.xml}, served without credentials
 * @param acsEndpoint {@code <public URL>/saml/sp/acs/<token>}, where assertions are posted
 * @param certificatePem the SP certificate (its private key never leaves the service)
 */
public record SpEndpoints(String entityId, String metadataUrl, String acsEndpoint, String certificatePem) {
}
