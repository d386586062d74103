package io.connectionhub.organization;

/**
 * An organization's connection as the sign-in flow sees it: its organization (and whether that organization is
 * active), its {@code ConnectionType}, the domain it serves, and whether the IdP may start sign-ins itself.
 */
public record OrgConnectionForSignIn(String connectionId, String organizationId, boolean organizationActive,
        String connectionType, String domainName, boolean domainVerified, boolean idpInitiated) {

    public boolean saml() {
        return connectionType.startsWith("saml_");
    }
}
