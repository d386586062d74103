package io.connectionhub.organization;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A domain an organization claims; verified once its DNS challenge held the token. */
@Entity
@Table(name = "organization_domains")
public class OrganizationDomain extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "tenant_id", updatable = false)
    public String tenantId;

    @Column(name = "organization_id", updatable = false)
    public String organizationId;

    @Column(name = "domain_name", updatable = false)
    public String domainName;

    @Column(name = "verification_token", updatable = false)
    public String verificationToken;

    /** Null until verified. */
    @Column(name = "verified_at")
    public OffsetDateTime verifiedAt;

    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;

    public boolean verified() {
        return verifiedAt != null;
    }
}
