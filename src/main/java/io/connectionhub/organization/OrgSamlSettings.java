package io.connectionhub.organization;

/**
 * An organization SAML connection's settings for sign-in: the IdP's entity id, SSO URL and signing certificate (PEM),
 * whether the IdP may start sign-ins ({@code IsIDPInitiated}), the attribute mapping ({@code Attributes}, null when
 * none was given), and whether its organization is active.
 */
public record OrgSamlSettings(String connectionId, String organizationId, boolean organizationActive,
        String idpEntityId, String idpSsoUrl, String idpCertificatePem, boolean idpInitiated, Attributes attributes) {
}
