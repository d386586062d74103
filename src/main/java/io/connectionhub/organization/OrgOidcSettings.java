package io.connectionhub.organization;

import java.util.List;

/**
 * An organization OIDC connection's settings for sign-in: its issuer, client credentials (secret opened) and scopes,
 * and whether its organization is active. Never printed with the secret.
 */
public record OrgOidcSettings(String connectionId, String organizationId, boolean organizationActive, String issuer,
        String clientId, String clientSecret, List<String> scopes) {

    public OrgOidcSettings {
        scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "OrgOidcSettings[connection=" + connectionId + ", organization=" + organizationId + ", issuer=" + issuer
                + ", client_id=" + clientId + "]";
    }
}
