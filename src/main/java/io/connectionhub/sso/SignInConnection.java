package io.connectionhub.sso;

/**
 * A connection someone signs in through, as the upstream engines get it. The engine reads its own settings (IdP
 * metadata, client credentials, SP identity) by {@link #id()} from its feature's service.
 *
 * @param kind which engine signs in through it
 * @param organizationId the organization whose connection it is; null for a connection of the /api/v2 family
 * @param organizationConnectionType the organization family's {@code ConnectionType} ({@code saml_okta}, ...); null
 *         for a connection of the /api/v2 family
 * @param organizationIdpInitiated the organization family's {@code IsIDPInitiated}; false for the /api/v2 family (a
 *         {@code samlp} connection says it in its options)
 */
public record SignInConnection(String id, String tenantId, String name, String displayName, String strategy,
        UpstreamKind kind, String organizationId, String organizationConnectionType, boolean organizationIdpInitiated) {

    /** What a page shows for it. */
    public String label() {
        return displayName != null && !displayName.isBlank() ? displayName : name;
    }
}
