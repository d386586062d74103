package io.connectionhub.organization;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v2/manage/organizations/{orgId}/connections} and of {@code PUT .../{connId}}, which replaces
 * the connection's settings (a PUT without {@code ClientSecret} keeps the stored one, since it is never returned).
 */
public record OrgConnectionRequest(
        @Schema(required = true, description = "Same rule as /api/v2 connection names (start and end alphanumeric, "
                + "alphanumerics and single '-', at most 128); unique in the tenant across both API families",
                examples = "acme-azure")
        @JsonProperty("Name") String name,
        @Schema(required = true, enumeration = { "saml_custom", "saml_okta", "saml_azure", "saml_google", "saml_ping",
                "oidc_custom", "oidc_okta", "oidc_azure", "oidc_google" })
        @JsonProperty("ConnectionType") String connectionType,
        @Schema(required = true, description = "One of the organization's verified domains", examples = "example.com")
        @JsonProperty("Domain") String domain,
        @Schema(description = "Default true") @JsonProperty("IsActive") Boolean active,
        @Schema(description = "SAML only; default false") @JsonProperty("IsIDPInitiated") Boolean idpInitiated,
        @Schema(description = "SAML: the IdP's entity id (or from metadata)")
        @JsonProperty("IDPEntityId") String idpEntityId,
        @Schema(description = "SAML: the IdP's single sign-on URL (or from metadata)")
        @JsonProperty("IDPSSOUrl") String idpSsoUrl,
        @Schema(description = "SAML: the IdP's signing certificate, PEM or base64 DER (or from metadata)")
        @JsonProperty("IDPCertificate") Certificate idpCertificate,
        @Schema(description = "SAML: fetched by the service (https, public address, 1 MB, 5 s)")
        @JsonProperty("IDPMetadataUrl") String idpMetadataUrl,
        @Schema(description = "SAML: the IdP's metadata document itself; not stored, not returned")
        @JsonProperty("IDPMetadataXml") String idpMetadataXml,
        @Schema(description = "OIDC: checked by discovery at <OIDCIssuer>/.well-known/openid-configuration")
        @JsonProperty("OIDCIssuer") String oidcIssuer,
        @Schema(description = "OIDC") @JsonProperty("ClientId") String clientId,
        @Schema(description = "OIDC: encrypted at rest, never returned") @JsonProperty("ClientSecret") String clientSecret,
        @Schema(description = "OIDC: must include openid; default [openid, profile, email]")
        @JsonProperty("Scopes") List<String> scopes,
        @JsonProperty("Attributes") Attributes attributes,
        @JsonProperty("GroupRoles") List<GroupRoleInput> groupRoles) {

    /** {@code {"Certificate": "-----BEGIN CERTIFICATE-----..."}}. */
    public record Certificate(@JsonProperty("Certificate") String certificate) {
    }

    /** One IdP group mapped to a role; a PUT may pass the {@code Id} of an existing mapping to keep it. */
    public record GroupRoleInput(
            @Schema(description = "PUT only: keeps this existing mapping's id") @JsonProperty("Id") String id,
            @Schema(required = true) @JsonProperty("GroupId") String groupId,
            @JsonProperty("Name") String name,
            @Schema(required = true) @JsonProperty("RoleId") String roleId) {
    }
}
