package io.connectionhub.organization;

import static io.connectionhub.organization.OrganizationService.REQUIRED;
import static io.connectionhub.organization.OrganizationService.isWebUrl;
import static io.connectionhub.organization.OrganizationService.tooLong;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.connectionhub.common.InvalidRequest;
import io.connectionhub.common.Names;
import io.connectionhub.saml.InvalidCertificate;
import io.connectionhub.saml.X509Certificates;

/**
 * The field rules of an organization connection body that need nothing but the body (7900 naming the property).
 * The rest needs the database (domain: 8150, 8177; name: 8148) or the IdP (metadata, discovery).
 */
final class OrgConnectionRules {

    static final int MAX_TEXT = 255;
    static final int MAX_ENTITY_ID = 1024;
    static final int MAX_CUSTOM_MAPPINGS = 50;
    static final int MAX_GROUP_ROLES = 100;
    static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email");

    private OrgConnectionRules() {
    }

    /**
     * Checks the body; returns its type. On create ({@code creating}) an OIDC type needs a ClientSecret; a PUT may
     * leave it out to keep the stored one.
     */
    static OrgConnectionType check(OrgConnectionRequest request, boolean creating) {
        if (request == null) {
            throw new InvalidRequest(null, "The body must be a JSON object with Name, ConnectionType and Domain.", null);
        }
        if (request.name() == null) {
            throw new InvalidRequest("Name", REQUIRED, null);
        }
        String nameProblem = Names.problem(request.name());
        if (nameProblem != null) {
            throw new InvalidRequest("Name", nameProblem, null);
        }
        OrgConnectionType type = OrgConnectionType.of(request.connectionType());
        if (type == null) {
            // The vendor's own wording, with nothing added.
            throw new InvalidRequest("ConnectionType", null, null);
        }
        if (request.domain() == null || request.domain().isBlank()) {
            throw new InvalidRequest("Domain", REQUIRED, null);
        }
        if (type.saml()) {
            checkSaml(request);
        } else {
            checkOidc(request, creating);
        }
        checkAttributes(request.attributes());
        checkGroupRoles(request.groupRoles());
        return type;
    }

    private static void checkSaml(OrgConnectionRequest request) {
        refuseFor("SAML", "OIDCIssuer", request.oidcIssuer());
        refuseFor("SAML", "ClientId", request.clientId());
        refuseFor("SAML", "ClientSecret", request.clientSecret());
        refuseFor("SAML", "Scopes", request.scopes());
        if (request.idpMetadataUrl() != null && request.idpMetadataXml() != null) {
            throw new InvalidRequest("IDPMetadataUrl", "give IDPMetadataUrl or IDPMetadataXml, not both", null);
        }
        if (request.idpMetadataXml() != null && request.idpMetadataXml().isBlank()) {
            throw new InvalidRequest("IDPMetadataXml", "the metadata document is empty", null);
        }
        if (request.idpEntityId() != null && (request.idpEntityId().isBlank()
                || request.idpEntityId().length() > MAX_ENTITY_ID)) {
            throw new InvalidRequest("IDPEntityId", "1-" + MAX_ENTITY_ID + " characters are needed", null);
        }
        if (request.idpSsoUrl() != null && !isWebUrl(request.idpSsoUrl())) {
            throw new InvalidRequest("IDPSSOUrl", "'" + request.idpSsoUrl() + "' is not an absolute http or https URL",
                    null);
        }
        if (request.idpMetadataUrl() != null && !isWebUrl(request.idpMetadataUrl())) {
            throw new InvalidRequest("IDPMetadataUrl", "'" + request.idpMetadataUrl() + "' is not an absolute http or "
                    + "https URL", null);
        }
        if (request.idpCertificate() != null) {
            try {
                X509Certificates.parse(request.idpCertificate().certificate());
            } catch (InvalidCertificate e) {
                throw new InvalidRequest("IDPCertificate", e.getMessage(), null);
            }
        }
    }

    private static void checkOidc(OrgConnectionRequest request, boolean creating) {
        refuseFor("OIDC", "IDPEntityId", request.idpEntityId());
        refuseFor("OIDC", "IDPSSOUrl", request.idpSsoUrl());
        refuseFor("OIDC", "IDPCertificate", request.idpCertificate());
        refuseFor("OIDC", "IDPMetadataUrl", request.idpMetadataUrl());
        refuseFor("OIDC", "IDPMetadataXml", request.idpMetadataXml());
        if (Boolean.TRUE.equals(request.idpInitiated())) {
            throw new InvalidRequest("IsIDPInitiated", "IdP-initiated sign-in exists for SAML connection types only",
                    null);
        }
        if (request.oidcIssuer() == null) {
            throw new InvalidRequest("OIDCIssuer", REQUIRED, null);
        }
        if (!isWebUrl(request.oidcIssuer())) {
            throw new InvalidRequest("OIDCIssuer", "'" + request.oidcIssuer() + "' is not an absolute http or https URL",
                    null);
        }
        requireText("ClientId", request.clientId(), true);
        requireText("ClientSecret", request.clientSecret(), creating);
        if (request.scopes() != null) {
            for (int i = 0; i < request.scopes().size(); i++) {
                String scope = request.scopes().get(i);
                if (scope == null || scope.isBlank() || scope.chars().anyMatch(Character::isWhitespace)
                        || scope.length() > MAX_TEXT) {
                    throw new InvalidRequest("Scopes[" + i + "]", "a scope is a non-empty word without spaces", null);
                }
            }
            if (!request.scopes().contains("openid")) {
                throw new InvalidRequest("Scopes", "OpenID Connect needs the openid scope", null);
            }
        }
    }

    private static void checkAttributes(Attributes attributes) {
        if (attributes == null) {
            return;
        }
        limit("Attributes.ID", attributes.id());
        limit("Attributes.Email", attributes.email());
        limit("Attributes.FirstName", attributes.firstName());
        limit("Attributes.LastName", attributes.lastName());
        limit("Attributes.Groups", attributes.groups());
        Map<String, String> custom = attributes.customMapping();
        if (custom == null) {
            return;
        }
        if (custom.size() > MAX_CUSTOM_MAPPINGS) {
            throw new InvalidRequest("Attributes.CustomMapping", "at most " + MAX_CUSTOM_MAPPINGS + " mappings ("
                    + custom.size() + " given)", null);
        }
        for (Map.Entry<String, String> mapping : custom.entrySet()) {
            if (mapping.getKey().isBlank() || mapping.getKey().length() > MAX_TEXT) {
                throw new InvalidRequest("Attributes.CustomMapping", "a profile field name has 1-" + MAX_TEXT
                        + " characters", null);
            }
            requireText("Attributes.CustomMapping." + mapping.getKey(), mapping.getValue(), true);
        }
    }

    private static void checkGroupRoles(List<OrgConnectionRequest.GroupRoleInput> groupRoles) {
        if (groupRoles == null) {
            return;
        }
        if (groupRoles.size() > MAX_GROUP_ROLES) {
            throw new InvalidRequest("GroupRoles", "at most " + MAX_GROUP_ROLES + " mappings (" + groupRoles.size()
                    + " given)", null);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < groupRoles.size(); i++) {
            OrgConnectionRequest.GroupRoleInput role = groupRoles.get(i);
            if (role == null) {
                throw new InvalidRequest("GroupRoles[" + i + "]", "a {GroupId, Name, RoleId} object is needed", null);
            }
            requireText("GroupRoles[" + i + "].GroupId", role.groupId(), true);
            requireText("GroupRoles[" + i + "].RoleId", role.roleId(), true);
            limit("GroupRoles[" + i + "].Name", role.name());
            if (role.id() != null && !ids.add(role.id())) {
                throw new InvalidRequest("GroupRoles[" + i + "].Id", role.id() + " appears twice", null);
            }
        }
    }

    private static void requireText(String property, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw new InvalidRequest(property, REQUIRED, null);
            }
            return;
        }
        if (value.isBlank()) {
            throw new InvalidRequest(property, "the value is empty", null);
        }
        limit(property, value);
    }

    private static void limit(String property, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new InvalidRequest(property, tooLong(value, MAX_TEXT), null);
        }
    }

    private static void refuseFor(String family, String property, Object value) {
        if (value != null) {
            throw new InvalidRequest(property, "it does not apply to " + family + " connection types", null);
        }
    }
}
