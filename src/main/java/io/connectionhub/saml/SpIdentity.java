package io.connectionhub.saml;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The service's side of one SAML connection: its URL token, certificate and sealed private key. */
@Entity
@Table(name = "saml_sp_identities")
public class SpIdentity extends PanacheEntityBase {

    @Id
    @Column(name = "connection_id")
    public String connectionId;

    @Column(name = "tenant_id", updatable = false)
    public String tenantId;

    @Column(updatable = false)
    public String token;

    @Column(name = "certificate_pem")
    public String certificatePem;

    /** Base64 PKCS#8, sealed by {@link io.connectionhub.common.FieldEncryption} for {@link SpIdentityService#keyOwner}. */
    @Column(name = "private_key_sealed")
    public String privateKeySealed;

    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;
}
