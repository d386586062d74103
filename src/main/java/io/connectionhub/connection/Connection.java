package io.connectionhub.connection;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.FetchType;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A connection of a tenant. Options hold sealed values for secret keys (see {@link OptionSecrets}). */
@Entity
@Table(name = "connections")
public class Connection extends PanacheEntityBase {

    public static final String ACTIVE = "active";
    public static final String DELETING = "deleting";

    @Id
    public String id;

    @Column(name = "tenant_id", updatable = false)
    public String tenantId;

    @Column(insertable = false, updatable = false)
    public Long seq;

    public String name;

    public String strategy;

    @Column(name = "display_name")
    public String displayName;

    @JdbcTypeCode(SqlTypes.JSON)
    public ObjectNode options;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> realms;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> metadata;

    @Column(name = "is_domain_connection")
    public boolean domainConnection;

    @Column(name = "show_as_button")
    public boolean showAsButton;

    @Column(name = "authentication_active")
    public boolean authenticationActive;

    @Column(name = "connected_accounts_active")
    public boolean connectedAccountsActive;

    /** Changed only by {@link ConnectionLifecycle} (SQL): an entity update never resurrects a deleting connection. */
    @Column(updatable = false)
    public String state;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "connection_clients", joinColumns = @JoinColumn(name = "connection_id"))
    @Column(name = "client_id")
    public Set<String> enabledClients = new LinkedHashSet<>();

    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
