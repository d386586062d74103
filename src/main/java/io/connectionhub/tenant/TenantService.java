package io.connectionhub.tenant;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.auth.SecretDigest;
import io.connectionhub.common.Conflict;
import io.connectionhub.common.Ids;
import io.connectionhub.common.InvalidRequest;
import io.connectionhub.common.Names;
import io.connectionhub.common.NotFound;
import io.connectionhub.common.Timestamps;
import io.connectionhub.common.UniqueViolation;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Tenants, their management client and their API key; the credential check of the /v2/manage family. */
@ApplicationScoped
public class TenantService {

    private final TenantRepository tenants;
    private final ApiKeyRepository apiKeys;
    private final ClientService clients;

    public TenantService(TenantRepository tenants, ApiKeyRepository apiKeys, ClientService clients) {
        this.tenants = tenants;
        this.apiKeys = apiKeys;
        this.clients = clients;
    }

    /** A tenant, its management client (every scope) and an API key, in one transaction. */
    @WithTransaction
    public Uni<TenantCreated> create(TenantRequest request) {
        String name = request == null ? null : request.name();
        String problem = Names.problem(name);
        if (problem != null) {
            throw new InvalidRequest(name == null ? null : "name", problem, "The tenant's name: 1-128 characters, "
                    + "letters, digits and single hyphens, not at either end");
        }
        Tenant tenant = new Tenant();
        tenant.id = Ids.alphanumeric("ten_", 16);
        tenant.name = name;
        tenant.createdAt = Timestamps.nowUtc();
        ApiKey key = new ApiKey();
        key.apiKey = UUID.randomUUID().toString();
        key.tenantId = tenant.id;
        String apiSecret = UUID.randomUUID().toString();
        key.secretHash = SecretDigest.of(apiSecret);
        key.createdAt = tenant.createdAt;
        return tenants.persistAndFlush(tenant)
                .onFailure(f -> UniqueViolation.of(f, "tenants_name_key"))
                .transform(f -> new Conflict("A tenant with the same name already exists"))
                .chain(() -> apiKeys.persist(key))
                .chain(() -> clients.createManagementClient(tenant.id))
                .map(managementClient -> new TenantCreated(tenant.id, tenant.name, Timestamps.format(tenant.createdAt),
                        managementClient, key.apiKey, apiSecret));
    }

    @WithSession
    public Uni<List<TenantResponse>> list() {
        return tenants.listByCreation().map(all -> all.stream().map(TenantResponse::of).toList());
    }

    @WithSession
    public Uni<TenantResponse> get(String id) {
        return tenants.findById(id).onItem().ifNull()
                .failWith(() -> new NotFound(NotFound.Kind.TENANT, "The tenant does not exist"))
                .map(TenantResponse::of);
    }

    @WithSession
    public Uni<TenantResponse> findByName(String name) {
        return tenants.findByName(name).map(tenant -> tenant == null ? null : TenantResponse.of(tenant));
    }

    /** The tenant the key belongs to when {@code secret} is its secret; else null. */
    @WithSession
    public Uni<String> tenantForApiKey(String apiKey, String secret) {
        return apiKeys.findById(apiKey)
                .map(key -> key != null && SecretDigest.matches(secret, key.secretHash) ? key.tenantId : null);
    }
}
