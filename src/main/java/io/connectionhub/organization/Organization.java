package io.connectionhub.organization;

import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An organization of a tenant: a B2B customer with its own domains and identity providers. */
@Entity
@Table(name = "organizations")
public class Organization extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "tenant_id", updatable = false)
    public String tenantId;

    @Column(insertable = false, updatable = false)
    public Long seq;

    public String name;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "logo_url")
    public String logoUrl;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> metadata;

    @Column(name = "is_active")
    public boolean active;

    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
