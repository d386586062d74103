package io.connectionhub.tenant;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "tenants")
public class Tenant extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;
}
