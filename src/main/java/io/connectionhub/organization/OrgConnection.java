package io.connectionhub.organization;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * What the organization family adds to a tenant connection: its organization and domain, type, and the identity
 * provider's settings. Name, strategy, active flag and state stay on the connection itself.
 */
@Entity
@Table(name = "organization_connections")
public class OrgConnection extends PanacheEntityBase {

    @Id
    @Column(name = "connection_id")
    public String connectionId;

    @Column(name = "tenant_id", updatable = false)
    public String tenantId;

    @Column(name = "organization_id", updatable = false)
    public String organizationId;

    @Column(name = "domain_id")
    public String domainId;

    @Column(name = "connection_type")
    public String connectionType;

    @Column(name = "is_idp_initiated")
    public boolean idpInitiated;

    @Column(name = "idp_entity_id")
    public String idpEntityId;

    @Column(name = "idp_sso_url")
    public String idpSsoUrl;

    /** PEM. */
    @Column(name = "idp_certificate")
    public String idpCertificate;

    @Column(name = "idp_metadata_url")
    public String idpMetadataUrl;

    @Column(name = "oidc_issuer")
    public String oidcIssuer;

    @Column(name = "oidc_client_id")
    public String oidcClientId;

    /** Sealed by {@link io.connectionhub.common.FieldEncryption}. */
    @Column(name = "oidc_client_secret")
    public String oidcClientSecret;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "oidc_scopes")
    public List<String> oidcScopes;

    @JdbcTypeCode(SqlTypes.JSON)
    public ObjectNode attributes;

    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
