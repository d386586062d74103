package io.connectionhub.saml;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * What the service provider needs of one SAML connection, from either API family: the IdP (entity id, SSO URL,
 * signing certificate), the connection's SP side with its key, how attributes map to the profile, and whether and
 * where IdP-initiated sign-ins go.
 *
 * @param organizationId the organization of an organization connection; null for a {@code samlp} connection
 * @param fields profile field ({@code subject}, {@code email}, {@code given_name}, {@code family_name}, {@code name},
 *        {@code groups}) to the IdP attribute names to read it from, first present wins; empty: the usual names
 * @param customClaims claim name to IdP attribute name (an organization connection's {@code CustomMapping})
 */
public record SamlSettings(String tenantId, String connectionId, String connectionName, String organizationId,
        String idpEntityId, String idpSsoUrl, X509Certificate idpCertificate, SpKeys sp,
        Map<String, List<String>> fields, Map<String, String> customClaims, IdpInitiated idpInitiated) {

    public SamlSettings {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        customClaims = customClaims == null ? Map.of() : Map.copyOf(customClaims);
    }

    /**
     * Whether the IdP may start sign-ins through the connection, and for which application: {@code clientId} and
     * {@code redirectUri} (from {@code client_authorizequery}) of a {@code samlp} connection; both null for an
     * organization connection, whose IdP names the application by a RelayState that is one of its callbacks.
     */
    public record IdpInitiated(boolean enabled, String clientId, String redirectUri) {

        public static final IdpInitiated DISABLED = new IdpInitiated(false, null, null);
    }

    public String acsUrl() {
        return sp.endpoints().acsEndpoint();
    }

    public String spEntityId() {
        return sp.endpoints().entityId();
    }

    @Override
    public String toString() {
        return "SamlSettings[connection=" + connectionName + " (" + connectionId + "), idp=" + idpEntityId + "]";
    }
}
