package io.connectionhub.organization;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Organizations, always within one tenant. */
@WithSession
@ApplicationScoped
public class OrganizationRepository implements PanacheRepositoryBase<Organization, String> {

    private static final String BY_ID = "tenantId = :tenant and id = :id";

    public Uni<Organization> findInTenant(String tenantId, String id) {
        return find(BY_ID, Parameters.with("tenant", tenantId).and("id", id)).firstResult();
    }

    /**
     * The organization, locked until the transaction ends: {@code PESSIMISTIC_READ} (FOR SHARE) while writing under
     * it, so that a deactivation or deletion waits for the write and then sees it.
     */
    public Uni<Organization> lockInTenant(String tenantId, String id, LockModeType lock) {
        return find(BY_ID, Parameters.with("tenant", tenantId).and("id", id)).withLock(lock).firstResult();
    }

    /** Keyset page: the next {@code size} organizations created after {@code afterSeq}. */
    public Uni<List<Organization>> after(String tenantId, long afterSeq, int size) {
        return find("tenantId = :tenant and seq > :after", Sort.by("seq"),
                Parameters.with("tenant", tenantId).and("after", afterSeq)).page(Page.ofSize(size)).list();
    }
}
