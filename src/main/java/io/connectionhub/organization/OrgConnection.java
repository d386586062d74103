package io.connectionhub.organization;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the organization family adds to a tenant connection: its organization and domain, type, and the identity
 * provider's settings. Name, strategy, active flag and state stay on the connection itself.
 */
class OrgConnection {

    String connectionId;
    String tenantId;
    String organizationId;
    String domainId;
    /** Read with the row (the domain's name); not written. */
    String domainName;
    String connectionType;
    boolean idpInitiated;
    String idpEntityId;
    String idpSsoUrl;
    /** PEM. */
    String idpCertificate;
    String idpMetadataUrl;
    String oidcIssuer;
    String oidcClientId;
    /** Sealed by {@link io.connectionhub.common.FieldEncryption}. */
    String oidcClientSecret;
    List<String> oidcScopes;
    /** {@link Attributes} as JSON text. */
    String attributesJson;
    OffsetDateTime createdAt;
    OffsetDateTime updatedAt;
}
