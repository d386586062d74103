package io.connectionhub.tenant;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Clients, always within one tenant. */
@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<Client, String> {

    public Uni<Client> findInTenant(String tenantId, String clientId) {
        return find("tenantId = :tenant and clientId = :id",
                Parameters.with("tenant", tenantId).and("id", clientId)).firstResult();
    }

    /** Deletes the tenant's client in one statement (its grants and sign-in rows go by cascade); whether it existed. */
    public Uni<Boolean> deleteInTenant(String tenantId, String clientId) {
        return delete("tenantId = :tenant and clientId = :id", Parameters.with("tenant", tenantId).and("id", clientId))
                .map(count -> count > 0);
    }

    public Uni<List<Client>> page(String tenantId, int pageIndex, int size) {
        return find("tenantId", Sort.by("seq"), tenantId).page(Page.of(pageIndex, size)).list();
    }

    public Uni<List<Client>> after(String tenantId, Long afterSeq, int size) {
        return find("tenantId = :tenant and seq > :after", Sort.by("seq"),
                Parameters.with("tenant", tenantId).and("after", afterSeq == null ? 0L : afterSeq))
                .page(Page.ofSize(size)).list();
    }

    public Uni<Long> countInTenant(String tenantId) {
        return count("tenantId", tenantId);
    }

    /** The ids among {@code clientIds} that are clients of this tenant. */
    public Uni<List<String>> existingIds(String tenantId, List<String> clientIds) {
        return getSession().chain(session -> session
                .createSelectionQuery("select c.clientId from Client c where c.tenantId = :tenant and c.clientId in :ids",
                        String.class)
                .setParameter("tenant", tenantId)
                .setParameter("ids", clientIds)
                .getResultList());
    }
}
