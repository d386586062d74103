package io.connectionhub.tenant;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An application of a tenant; machine-to-machine ones get tokens for the scopes listed here. */
@Entity
@Table(name = "clients")
public class Client extends PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public String clientId;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(insertable = false, updatable = false)
    public Long seq;

    public String name;

    public String description;

    @Column(name = "app_type")
    public String appType;

    @Column(name = "is_first_party")
    public boolean firstParty;

    @Column(name = "token_endpoint_auth_method")
    public String tokenEndpointAuthMethod;

    @Column(name = "secret_hash")
    public String secretHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "grant_types")
    public List<String> grantTypes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> scopes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> callbacks;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_origins")
    public List<String> allowedOrigins;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "web_origins")
    public List<String> webOrigins;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_logout_urls")
    public List<String> allowedLogoutUrls;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "client_metadata")
    public Map<String, String> clientMetadata;

    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
