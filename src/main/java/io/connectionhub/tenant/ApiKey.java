package io.connectionhub.tenant;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A key of the /v2/manage family; the secret is kept only as a digest. */
@Entity
@Table(name = "api_keys")
public class ApiKey extends PanacheEntityBase {

    @Id
    @Column(name = "api_key")
    public String apiKey;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "secret_hash")
    public String secretHash;

    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;
}
