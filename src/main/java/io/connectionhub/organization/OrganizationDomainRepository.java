package io.connectionhub.organization;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Domains of organizations, always within one tenant. */
@WithSession
@ApplicationScoped
public class OrganizationDomainRepository implements PanacheRepositoryBase<OrganizationDomain, String> {

    private static final String BY_ID = "tenantId = :tenant and organizationId = :organization and id = :id";

    public Uni<OrganizationDomain> findInOrganization(String tenantId, String organizationId, String id) {
        return find(BY_ID, Parameters.with("tenant", tenantId).and("organization", organizationId).and("id", id))
                .firstResult();
    }

    public Uni<OrganizationDomain> lockInOrganization(String tenantId, String organizationId, String id, LockModeType lock) {
        return find(BY_ID, Parameters.with("tenant", tenantId).and("organization", organizationId).and("id", id))
                .withLock(lock).firstResult();
    }

    /** The domains of these organizations, oldest first. */
    public Uni<List<OrganizationDomain>> listFor(String tenantId, List<String> organizationIds) {
        return find("tenantId = :tenant and organizationId in :organizations", Sort.by("createdAt").and("id"),
                Parameters.with("tenant", tenantId).and("organizations", organizationIds)).list();
    }

    /** Whether another organization of the tenant has this domain verified. */
    public Uni<Boolean> verifiedElsewhere(String tenantId, String organizationId, String name) {
        return count("tenantId = :tenant and organizationId <> :organization and domainName = :name "
                + "and verifiedAt is not null",
                Parameters.with("tenant", tenantId).and("organization", organizationId).and("name", name))
                .map(count -> count > 0);
    }
}
