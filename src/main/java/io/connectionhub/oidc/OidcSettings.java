package io.connectionhub.oidc;

import java.util.List;

/**
 * What the relying party needs of an OIDC connection, from either API family: where discovery is, which issuer it
 * must name (null: whichever the document at {@code discoveryUrl} names), the client's credentials and the scopes.
 * The secret is never printed.
 *
 * @param organizationId the organization of an organization connection, null for an {@code /api/v2} connection
 */
public record OidcSettings(String tenantId, String connectionId, String connectionName, String organizationId,
        String discoveryUrl, String expectedIssuer, String clientId, String clientSecret, List<String> scopes) {

    public OidcSettings {
        scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "OidcSettings[connection=" + connectionName + " (" + connectionId + "), discovery=" + discoveryUrl
                + ", issuer=" + expectedIssuer + ", client_id=" + clientId + ", scopes=" + scopes + "]";
    }
}
