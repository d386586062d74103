package io.connectionhub.organization;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One IdP group mapped to a role, for an organization connection. */
@Entity
@Table(name = "organization_group_roles")
public class GroupRole extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "tenant_id", updatable = false)
    public String tenantId;

    @Column(name = "connection_id", updatable = false)
    public String connectionId;

    public int position;

    @Column(name = "group_id")
    public String groupId;

    public String name;

    @Column(name = "role_id")
    public String roleId;
}
