package io.connectionhub.tenant;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, String> {

    public Uni<List<Tenant>> listByCreation() {
        return listAll(Sort.by("createdAt").and("id"));
    }

    public Uni<Tenant> findByName(String name) {
        return find("lower(name) = lower(?1)", name).firstResult();
    }
}
