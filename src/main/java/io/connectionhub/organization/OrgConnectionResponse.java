package io.connectionhub.organization;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An organization connection as the LoginRadius family shows it. SAML types carry the IdP and SP fields, OIDC types
 * the issuer, client id and scopes, and the read-only {@code CallbackUrl} to register at the IdP; fields that do not
 * apply to the type are left out. Secrets never appear.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "Id", "IsActive", "CreatedDate", "GroupRoles", "ModifiedDate", "Name", "Domain", "Attributes",
        "IDPEntityId", "IDPSSOUrl", "IDPMetadataUrl", "IsIDPInitiated", "IDPCertificate", "ConnectionType", "EntityId",
        "MetadataUrl", "ACSEndpoint", "SPCertificate", "OIDCIssuer", "ClientId", "Scopes", "CallbackUrl" })
public record OrgConnectionResponse(
        @JsonProperty("Id") String id,
        @JsonProperty("IsActive") boolean active,
        @JsonProperty("CreatedDate") String createdDate,
        @JsonProperty("GroupRoles") List<GroupRoleView> groupRoles,
        @JsonProperty("ModifiedDate") String modifiedDate,
        @JsonProperty("Name") String name,
        @JsonProperty("Domain") String domain,
        @JsonProperty("Attributes") Attributes attributes,
        @JsonProperty("IDPEntityId") String idpEntityId,
        @JsonProperty("IDPSSOUrl") String idpSsoUrl,
        @JsonProperty("IDPMetadataUrl") String idpMetadataUrl,
        @JsonProperty("IsIDPInitiated") Boolean idpInitiated,
        @JsonProperty("IDPCertificate") IdpCertificate idpCertificate,
        @JsonProperty("ConnectionType") String connectionType,
        @JsonProperty("EntityId") String entityId,
        @JsonProperty("MetadataUrl") String metadataUrl,
        @JsonProperty("ACSEndpoint") String acsEndpoint,
        @JsonProperty("SPCertificate") SpCertificate spCertificate,
        @JsonProperty("OIDCIssuer") String oidcIssuer,
        @JsonProperty("ClientId") String clientId,
        @JsonProperty("Scopes") List<String> scopes,
        @JsonProperty("CallbackUrl") String callbackUrl) {

    /** The IdP's signing certificate and its validity (UTC, to the second); {@code Expired} when past NotAfter. */
    @RegisterForReflection
    @JsonPropertyOrder({ "Certificate", "NotAfter", "NotBefore", "Expired" })
    public record IdpCertificate(
            @JsonProperty("Certificate") String certificate,
            @JsonProperty("NotAfter") String notAfter,
            @JsonProperty("NotBefore") String notBefore,
            @JsonProperty("Expired") boolean expired) {
    }

    /** The certificate made for this connection; its private key is never returned. */
    @RegisterForReflection
    public record SpCertificate(@JsonProperty("Certificate") String certificate) {
    }

    @RegisterForReflection
    @JsonPropertyOrder({ "GroupId", "Name", "RoleId", "Id" })
    public record GroupRoleView(
            @JsonProperty("GroupId") String groupId,
            @JsonProperty("Name") String name,
            @JsonProperty("RoleId") String roleId,
            @JsonProperty("Id") String id) {
    }
}
