package io.connectionhub.setup;

import java.util.List;

/**
 * The identity providers the portal walks an IT admin through: which organization connection type each becomes, and
 * the steps to follow in the IdP's own console (the portal shows the values to copy beside them).
 */
public record IdentityProvider(String key, String label, String connectionType, boolean saml, List<String> steps) {

    public static final List<IdentityProvider> ALL = List.of(
            new IdentityProvider("okta", "Okta", "saml_okta", true, List.of(
                    "In the Okta Admin Console, open Applications › Applications and choose Create App Integration, then SAML 2.0.",
                    "Name the app, then paste the ACS URL below into “Single sign-on URL” and the SP entity ID into “Audience URI (SP Entity ID)”.",
                    "Set “Name ID format” to EmailAddress and “Application username” to Email; finish the wizard.",
                    "Assign the people or groups who should sign in.",
                    "On the app's Sign On tab, copy the “Metadata URL” and paste it below.")),
            new IdentityProvider("entra", "Microsoft Entra ID", "saml_azure", true, List.of(
                    "In the Microsoft Entra admin center, open Enterprise applications › New application › Create your own application (non-gallery).",
                    "Open Single sign-on, choose SAML, and edit “Basic SAML Configuration”.",
                    "Paste the SP entity ID below into “Identifier (Entity ID)” and the ACS URL into “Reply URL”.",
                    "Assign users and groups to the application.",
                    "Under “SAML Certificates”, copy the “App Federation Metadata Url” and paste it below.")),
            new IdentityProvider("google", "Google Workspace", "saml_google", true, List.of(
                    "In the Google Admin console, open Apps › Web and mobile apps › Add app › Add custom SAML app.",
                    "Download the IdP metadata on the “Google Identity Provider details” step.",
                    "Paste the ACS URL below into “ACS URL” and the SP entity ID into “Entity ID”; Name ID format EMAIL.",
                    "Turn the app on for the organizational units who should sign in.",
                    "Paste the downloaded metadata XML below.")),
            new IdentityProvider("adfs", "Active Directory Federation Services (ADFS)", "saml_custom", true, List.of(
                    "In AD FS Management, open Relying Party Trusts › Add Relying Party Trust (claims aware).",
                    "Choose “Import data about the relying party published online” and paste the SP metadata URL below, or enter the ACS URL and SP entity ID by hand.",
                    "Add a claim issuance rule sending LDAP attributes: E-Mail-Addresses as E-Mail Address and as Name ID.",
                    "Paste https://<your ADFS host>/FederationMetadata/2007-06/FederationMetadata.xml below as the metadata URL.")),
            new IdentityProvider("saml", "Another SAML 2.0 identity provider", "saml_custom", true, List.of(
                    "Create a SAML 2.0 application (service provider) in your identity provider.",
                    "Give it the ACS URL (HTTP-POST binding) and SP entity ID below, or point it at the SP metadata URL.",
                    "Send the user's email address as the NameID or an “email” attribute.",
                    "Paste your identity provider's metadata URL or XML below, or enter its entity ID, single sign-on URL and signing certificate.")),
            new IdentityProvider("oidc", "An OpenID Connect provider", "oidc_custom", false, List.of(
                    "Register a web application (confidential client) in your OpenID Connect provider.",
                    "Add the redirect URI below to its allowed redirect URIs.",
                    "Allow the scopes openid, profile and email.",
                    "Paste the issuer URL, the client ID and the client secret below.")));

    public static IdentityProvider byKey(String key) {
        for (IdentityProvider provider : ALL) {
            if (provider.key().equals(key)) {
                return provider;
            }
        }
        return null;
    }

    public static IdentityProvider byConnectionType(String type) {
        for (IdentityProvider provider : ALL) {
            if (provider.connectionType().equals(type)) {
                return provider;
            }
        }
        return null;
    }
}
